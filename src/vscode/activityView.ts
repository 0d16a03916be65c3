/**
 * The Activity view: the migration's activity log, newest first (every result file is an event:
 * who did what, when, on which tenant and geography). A click opens the result file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivityEvent } from '../core/moves/activityLog';
import { relativeTime } from '../core/text/relativeTime';
import type { Clock } from '../services/clock';
import type { MovesTracking } from './movesTracking';

export const ACTIVITY_VIEW = 'onedriveMigration.activity';
export const OPEN_RESULT_COMMAND = 'onedriveMigration.openResultFile';

const KIND_ICONS: Partial<Record<ActivityEvent['kind'], string>> = {
  hostUrl: 'link',
  trustRequest: 'arrow-swap',
  trustVerification: 'verified',
  trustRemoval: 'circle-slash',
  compatibility: 'checklist',
  queuedMoves: 'play',
  moveState: 'pulse',
  moveStop: 'debug-stop',
  redirectSites: 'references',
  redirectRemoval: 'trash',
  identityMapUpload: 'cloud-upload',
  precreation: 'person-add',
  targetOneDriveCheck: 'search',
  migrateBackCheck: 'history',
};

export class ActivityTreeProvider implements vscode.TreeDataProvider<ActivityEvent>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly tracking: MovesTracking,
    private readonly clock: Clock,
  ) {
    this.disposables.push(tracking.onDidChange(() => this.emitter.fire(undefined)));
  }

  /** Follows the results while the view is visible. */
  attach(view: vscode.TreeView<ActivityEvent>): void {
    let watching: vscode.Disposable | undefined;
    const follow = (visible: boolean) => {
      if (visible && !watching) {
        watching = this.tracking.watch();
        void this.tracking.refresh();
      } else if (!visible) {
        watching?.dispose();
        watching = undefined;
      }
    };
    follow(view.visible);
    this.disposables.push(
      view.onDidChangeVisibility((e) => follow(e.visible)),
      {
        dispose: () => {
          watching?.dispose();
        },
      },
    );
  }

  getChildren(element?: ActivityEvent): ActivityEvent[] {
    return element ? [] : (this.tracking.model?.activity ?? []);
  }

  getTreeItem(e: ActivityEvent): vscode.TreeItem {
    const item = new vscode.TreeItem(e.title, vscode.TreeItemCollapsibleState.None);
    const now = this.clock();
    const who = `${e.side === 'source' ? vscode.l10n.t('source') : vscode.l10n.t('target')} ${e.geography}`;
    item.description = `${relativeTime(e.at, now)} · ${who}`;
    item.id = `${e.file}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(e.title);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      `${new Date(e.at).toLocaleString()} (${e.at})\n${e.side === 'source' ? 'Source' : 'Target'} admin, tenant ${e.tenant}, geography ${e.geography}\n${path.basename(e.file)}`,
    );
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      e.problem ? 'warning' : (KIND_ICONS[e.kind] ?? 'circle-small'),
      e.problem ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.accessibilityInformation = { label: `${e.title}, ${item.description}` };
    item.command = { command: OPEN_RESULT_COMMAND, title: vscode.l10n.t('Open the Result File'), arguments: [e] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export async function openResultFile(event: ActivityEvent | undefined): Promise<void> {
  if (!event?.file) return;
  await vscode.window.showTextDocument(vscode.Uri.file(event.file), { preview: true });
}
