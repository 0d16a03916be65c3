/**
 * The Checklist view in the OneDrive Migration sidebar: a webview view rendering the core
 * checklist (core/checklist) for the current plan. Strict CSP with a nonce, resources only from
 * dist/webview, and every message from the webview validated (webview/protocol) before acting.
 */
import * as vscode from 'vscode';
import { buildChecklist, checklistProgress, withManualTick } from '../core/checklist/checklist';
import { parseChecklistMessage, type ChecklistHostMessage } from '../../webview/protocol';
import type { Clock } from '../services/clock';
import { log } from './log';
import type { PlanStore } from './planStore';
import { showWebviewPage } from './webviewHtml';

export const CHECKLIST_VIEW = 'onedriveMigration.checklist';

export class ChecklistViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: PlanStore,
    private readonly extensionUri: vscode.Uri,
    private readonly clock: Clock,
  ) {
    this.subscriptions.push(store.onDidChange(() => void this.post()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    showWebviewPage(view.webview, this.extensionUri, {
      title: 'Checklist',
      styles: ['checklist.css'],
      script: 'checklist.js',
      body: '<main id="root" aria-live="polite"><p>Loading…</p></main>',
    });
    this.subscriptions.push(
      view.webview.onDidReceiveMessage((raw: unknown) => void this.handle(raw)),
      view.onDidChangeVisibility(() => void this.post()),
      view.onDidDispose(() => (this.view = undefined)),
    );
  }

  /** The state the webview shows (also what tests check). */
  state(): ChecklistHostMessage {
    const snapshot = this.store.valid;
    if (!snapshot) return { type: 'state', items: [], progress: { done: 0, total: 0, problems: 0 }, hasPlan: false };
    const items = buildChecklist({ plan: snapshot.plan, targetOneDriveChecks: snapshot.targetOneDriveChecks, now: this.clock() });
    return { type: 'state', items, progress: checklistProgress(items), hasPlan: true };
  }

  private async post(): Promise<void> {
    if (this.view?.visible) await this.view.webview.postMessage(this.state());
  }

  /** Acts on a message from the webview, after validating it. Returns whether it was accepted. */
  async handle(raw: unknown): Promise<boolean> {
    const message = parseChecklistMessage(raw);
    if (!message) {
      log.warn(`checklist: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return false;
    }
    switch (message.type) {
      case 'ready':
        await this.post();
        return true;
      case 'run':
        await vscode.commands.executeCommand(message.command);
        return true;
      case 'tick': {
        const snapshot = this.store.valid;
        if (!snapshot) return false;
        const at = this.clock().toISOString();
        try {
          await this.store.update(`checklist: ${message.done ? 'ticked' : 'unticked'} ${message.id}`, (plan) =>
            withManualTick(
              plan,
              buildChecklist({ plan, targetOneDriveChecks: snapshot.targetOneDriveChecks, now: this.clock() }),
              message.id,
              message.done,
              at,
            ),
          );
        } catch (error) {
          void vscode.window.showErrorMessage((error as Error).message);
          await this.post();
          return false;
        }
        return true;
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
