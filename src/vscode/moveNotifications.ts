/**
 * Tells the admin, once each, when a batch finishes, when moves fail and when a trust's dormant
 * period is over (setting onedriveMigration.notifications). What was told is remembered per
 * workspace; what was already true when the workspace was first seen is not told at all.
 */
import * as vscode from 'vscode';
import { SHOW_MOVES_COMMAND } from '../core/views/stepCommands';
import { migrationEvents, type MigrationEvent } from '../core/moves/migrationEvents';
import type { Clock } from '../services/clock';
import type { PlanStore } from './planStore';

const TOLD_KEY = 'onedriveMigration.toldEvents';
/** Ids kept (the oldest are forgotten first); a 20,000-user migration with many failures stays bounded. */
const MAX_TOLD = 50_000;

export class MoveNotifications implements vscode.Disposable {
  private told: Set<string> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ticker: ReturnType<typeof setInterval>;
  /** Under test: every notification shown, in order. */
  readonly shown: string[] = [];

  constructor(
    private readonly store: PlanStore,
    private readonly state: vscode.Memento,
    private readonly clock: Clock,
  ) {
    this.disposables.push(store.onDidChange(() => void this.check()));
    // A dormant period ends with time, not with a file.
    this.ticker = setInterval(() => void this.check(), 60_000);
  }

  async check(): Promise<MigrationEvent[]> {
    const snapshot = this.store.valid;
    if (!snapshot) return [];
    const events = migrationEvents(snapshot.plan, this.clock());
    const stored = this.state.get<string[]>(TOLD_KEY);
    if (!stored) {
      // First time in this workspace: what is already true is the starting point, not news.
      this.told = new Set(events.map((e) => e.id));
      await this.save();
      return [];
    }
    this.told ??= new Set(stored);
    const fresh = events.filter((e) => !this.told!.has(e.id));
    if (!fresh.length) return [];
    for (const e of fresh) this.told.add(e.id);
    await this.save();
    if (vscode.workspace.getConfiguration('onedriveMigration', snapshot.uri).get<boolean>('notifications', true)) this.tell(fresh);
    return fresh;
  }

  private tell(events: MigrationEvent[]): void {
    const show = vscode.l10n.t('Show Moves');
    const failed = events.filter((e) => e.kind === 'moveFailed');
    const messages: Array<{ text: string; warn: boolean; filter?: object }> = [];
    for (const e of events.filter((x) => x.kind === 'batchFinished'))
      messages.push({ text: e.text, warn: false, filter: { batches: [e.subject] } });
    if (failed.length) {
      const batches = [...new Set(failed.map((e) => e.subject))];
      const text =
        failed.length === 1
          ? vscode.l10n.t('A move failed in {0}: {1}.', batches[0]!, failed[0]!.text)
          : vscode.l10n.t('{0} moves failed ({1}), e.g. {2}.', failed.length, batches.join(', '), failed[0]!.text);
      messages.push({ text, warn: true, filter: { categories: ['failed', 'refused'] } });
    }
    for (const e of events.filter((x) => x.kind === 'trustUsable')) messages.push({ text: e.text, warn: false });
    for (const m of messages) {
      this.shown.push(m.text);
      const shown = m.warn
        ? vscode.window.showWarningMessage(m.text, show)
        : vscode.window.showInformationMessage(m.text, ...(m.filter ? [show] : []));
      void shown.then((a) => (a === show ? vscode.commands.executeCommand(SHOW_MOVES_COMMAND, m.filter) : undefined));
    }
  }

  private save(): Thenable<void> {
    const ids = [...this.told!];
    return this.state.update(TOLD_KEY, ids.length > MAX_TOLD ? ids.slice(ids.length - MAX_TOLD) : ids);
  }

  dispose(): void {
    clearInterval(this.ticker);
    for (const d of this.disposables) d.dispose();
  }
}
