/** Status bar: the next thing to do (core/views/nextAction), clicking runs that step's command. */
import * as vscode from 'vscode';
import { nextAction } from '../core/views/nextAction';
import { STEP_COMMANDS } from '../core/views/stepCommands';
import type { Clock } from '../services/clock';
import type { PlanStore } from './planStore';
import { NEXT_ACTION_COMMAND } from './commands/nextActionCommand';

export class NextActionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('onedriveMigration.next', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {
    this.item.name = vscode.l10n.t('OneDrive Migration: next step');
    this.subscription = store.onDidChange(() => this.update());
    this.ticker = setInterval(() => this.update(), 60_000);
    this.update();
  }

  /** What the item shows (for tests: other extensions cannot read status bar items). */
  get state(): { text: string; command: string | undefined; visible: boolean } {
    return {
      text: this.item.text,
      command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command,
      visible: this.visible,
    };
  }
  private visible = false;

  update(): void {
    const snapshot = this.store.snapshot;
    if (!snapshot) {
      this.item.hide();
      this.visible = false;
      return;
    }
    if (snapshot.state !== 'valid') {
      this.item.text = `$(error) ${vscode.l10n.t('Migration plan has errors')}`;
      this.item.tooltip = vscode.l10n.t('Open the plan and look at the Problems panel.');
      this.item.command = 'onedriveMigration.openPlan';
    } else {
      const next = nextAction(snapshot.plan, this.clock());
      this.item.text = `$(${next.icon}) ${next.text}`;
      this.item.tooltip = new vscode.MarkdownString(`**${vscode.l10n.t('Step {0}', next.step)}**: ${next.tooltip}`);
      // Clicking does exactly this (one pair's, one batch's scripts), not the whole step.
      this.item.command = next.selection || next.showMoves ? NEXT_ACTION_COMMAND : STEP_COMMANDS[next.step - 1];
    }
    this.item.accessibilityInformation = {
      label: `${vscode.l10n.t('OneDrive migration, next')}: ${this.item.text.replace(/\$\([^)]+\)\s*/, '')}`,
    };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.item.dispose();
  }
}
