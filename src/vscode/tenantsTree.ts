/** The Tenants tree: maps the core view model (core/views/tenantsTree) to TreeItems. */
import * as vscode from 'vscode';
import { SHOW_MOVES_COMMAND } from '../core/views/stepCommands';
import { childrenOf, rootNodes, type TreeInput, type TreeNodeModel } from '../core/views/tenantsTree';
import type { Clock } from '../services/clock';
import type { PlanSnapshot, PlanStore } from './planStore';

/** Tooltips show times in the user's time zone and locale ("27 Nov, 12:45"). */
const localTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export class TenantsTreeProvider implements vscode.TreeDataProvider<TreeNodeModel>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNodeModel | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private input: TreeInput | undefined;
  private readonly subscription: vscode.Disposable;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    store: PlanStore,
    private readonly clock: Clock,
    /** Live mode's accounts (an account node per tenant when live mode is set up). */
    private readonly accounts?: { onDidChange: vscode.Event<void>; accounts(): TreeInput['accounts']; configured(): boolean },
  ) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange((s) => this.setSnapshot(s)),
      ...(accounts ? [accounts.onDidChange(() => this.setSnapshot(store.snapshot))] : []),
    );
    this.setSnapshot(store.snapshot);
    // Countdowns ("usable in 3d 4h") move on by themselves.
    this.ticker = setInterval(() => {
      if (this.input) this.refresh();
    }, 60_000);
  }

  private setSnapshot(snapshot: PlanSnapshot | undefined): void {
    this.input =
      snapshot?.state === 'valid'
        ? {
            plan: snapshot.plan,
            redirectInventories: snapshot.redirectInventories,
            now: this.clock(),
            formatTime: localTime,
            ...(this.accounts?.configured() ? { accounts: this.accounts.accounts() } : {}),
          }
        : undefined;
    this.emitter.fire(undefined);
  }

  refresh(): void {
    if (this.input) this.input = { ...this.input, now: this.clock() };
    this.emitter.fire(undefined);
  }

  getChildren(node?: TreeNodeModel): TreeNodeModel[] {
    if (!this.input) return [];
    return node ? childrenOf(this.input, node) : rootNodes(this.input);
  }

  getTreeItem(node: TreeNodeModel): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.collapsible
        ? node.kind === 'tenant'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    item.accessibilityInformation = { label: node.accessibilityLabel };
    if (node.kind === 'batch') item.command = { command: SHOW_MOVES_COMMAND, title: vscode.l10n.t('Show Moves'), arguments: [node] };
    if (node.contextValue === 'account:signedOut')
      item.command = { command: 'onedriveMigration.live.signIn', title: vscode.l10n.t('Sign In'), arguments: [node] };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
