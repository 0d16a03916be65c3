/**
 * Paths a plan names that lead outside its folder (absolute, `..`, or through a symbolic link) are
 * not followed until the user allows it (issue 9): the plan store neither watches nor reads such a
 * results folder, and generating or saving scripts, pasting or importing results and opening the
 * identity map explain why instead of reading or writing there. One warning per plan and set of
 * paths offers "Allow for This Workspace", remembered in workspace state (pathAllowance.ts); an
 * untrusted workspace never allows.
 */
import * as vscode from 'vscode';
import type { OutsidePath } from '../services/pathConsent';
import { Cancelled } from './commands/registerCommand';
import { log } from './log';
import { allowanceKey, allowanceRecord, describeOutside, isAllowed, questionId, roleOf, type PathRole } from './pathAllowance';
import type { PlanSnapshot } from './planStore';

/** Internal (not in the palette): the error messages' "Allow for This Workspace" action. */
export const ALLOW_OUTSIDE_COMMAND = 'onedriveMigration.internal.allowOutsidePaths';

/** A command stopped because of paths not allowed; already explained to the user (so not shown again). */
export class PathsNotAllowed extends Cancelled {
  constructor(text: string) {
    super();
    this.message = text;
  }
}

export class PathConsent implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when an allowance is recorded or the workspace becomes trusted: the plan store reloads. */
  readonly onDidChange = this.emitter.event;
  private readonly asked = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    this.subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => {
      this.asked.clear(); // ask again, now with the Allow action
      this.emitter.fire();
    });
  }

  /** Whether these outside paths of the plan may be followed (always, when there are none). */
  isAllowed(planUri: vscode.Uri, outside: readonly OutsidePath[]): boolean {
    if (!outside.length) return true;
    return vscode.workspace.isTrusted && isAllowed(this.state.get(allowanceKey(planUri.toString())), outside);
  }

  /** "Allow for This Workspace": remembers exactly these paths for this plan. Never in an untrusted workspace. */
  async allow(planUri: vscode.Uri, outside: readonly OutsidePath[]): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      log.warn(`${planUri.fsPath}: paths outside the plan's folder not allowed: the workspace is not trusted`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Paths outside the plan's folder are never followed in an untrusted workspace. Trust the workspace first (Manage Workspace Trust).",
        ),
      );
      return false;
    }
    await this.state.update(allowanceKey(planUri.toString()), allowanceRecord(outside));
    log.info(`${planUri.fsPath}: allowed for this workspace: ${describeOutside(outside)}`);
    this.emitter.fire();
    return true;
  }

  /** The one warning for a plan whose paths leave its folder (once per plan and set of paths), also logged. */
  warn(planUri: vscode.Uri, outside: readonly OutsidePath[]): void {
    const id = questionId(planUri.toString(), outside);
    if (this.asked.has(id)) return;
    this.asked.add(id);
    const trusted = vscode.workspace.isTrusted;
    log.warn(
      `${planUri.fsPath}: not followed until allowed${trusted ? '' : ' (never in an untrusted workspace)'}: ${describeOutside(outside)}`,
    );
    const allow = vscode.l10n.t('Allow for This Workspace');
    const open = vscode.l10n.t('Open the Plan');
    const message = trusted
      ? vscode.l10n.t(
          'The plan names paths outside its folder: {0}. Nothing is read from or written there until you allow it.',
          describeOutside(outside),
        )
      : vscode.l10n.t(
          'The plan names paths outside its folder: {0}. They are not followed in an untrusted workspace.',
          describeOutside(outside),
        );
    void vscode.window.showWarningMessage(message, ...(trusted ? [allow, open] : [open])).then(async (choice) => {
      if (choice === allow) await this.allow(planUri, outside);
      else if (choice === open) await vscode.window.showTextDocument(planUri);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Whether the snapshot's path of this role is one the extension does not follow (yet). */
export function isBlocked(snapshot: PlanSnapshot | undefined, role: PathRole): boolean {
  return !!snapshot?.blockedPaths.some((p) => roleOf(p) === role);
}

/**
 * Stops a command that would read or write a path not allowed (of these roles; any when omitted):
 * an error message says why and offers "Allow for This Workspace"; throws PathsNotAllowed.
 */
export function requireAllowedPaths(snapshot: PlanSnapshot, roles?: readonly PathRole[]): void {
  const blocked = snapshot.blockedPaths.filter((p) => !roles || roles.includes(roleOf(p)));
  if (!blocked.length) return;
  const trusted = vscode.workspace.isTrusted;
  const allow = vscode.l10n.t('Allow for This Workspace');
  const open = vscode.l10n.t('Open the Plan');
  const message = trusted
    ? vscode.l10n.t(
        'Not done: the plan names paths outside its folder that you have not allowed for this workspace: {0}.',
        describeOutside(blocked),
      )
    : vscode.l10n.t(
        'Not done: the plan names paths outside its folder ({0}); they are never followed in an untrusted workspace.',
        describeOutside(blocked),
      );
  log.warn(`not done, paths outside the plan's folder not allowed: ${describeOutside(blocked)}`);
  void vscode.window.showErrorMessage(message, ...(trusted ? [allow, open] : [open])).then(async (choice) => {
    if (choice === allow) await vscode.commands.executeCommand(ALLOW_OUTSIDE_COMMAND, snapshot.uri, snapshot.blockedPaths);
    else if (choice === open) await vscode.window.showTextDocument(snapshot.uri);
  });
  throw new PathsNotAllowed(message);
}
