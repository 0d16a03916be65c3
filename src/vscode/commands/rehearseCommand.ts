/**
 * "Rehearse Migration…": both sides' generated scripts run in PowerShell against simulated
 * tenants built from the plan, in a temporary copy of the workspace; the report opens as a
 * Markdown preview, and the rehearsed workspace can be opened to see its tree and checklist.
 * Runs PowerShell, so only in a trusted workspace, after a confirmation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../log';
import { requireAllowedPaths } from '../pathConsent';
import { type CommandContext, validSnapshot } from './commandContext';

type RehearsalModule = typeof import('../../rehearsal/rehearsePlanFile');

/** The rehearsal is its own bundle (dist/rehearsal.js, next to dist/extension.js), loaded on first use. */
function loadRehearsal(): RehearsalModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'rehearsal.js')) as RehearsalModule;
}

export async function rehearseMigration(ctx: CommandContext): Promise<void> {
  const { findPwsh, PWSH_MISSING, rehearsePlanFile } = loadRehearsal();
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('A rehearsal runs PowerShell: trust this workspace first (Manage Workspace Trust).'),
    );
    return;
  }
  const snapshot = await validSnapshot(ctx);
  requireAllowedPaths(snapshot); // it reads the map, and the rehearsed scripts follow the plan's folders
  const configured = vscode.workspace.getConfiguration('onedriveMigration', snapshot.uri).get<string>('powershellPath', 'pwsh');
  const pwsh = configured && configured !== 'pwsh' ? configured : findPwsh();
  if (!pwsh) {
    const learn = vscode.l10n.t('How to Install PowerShell');
    if ((await vscode.window.showErrorMessage(PWSH_MISSING, learn)) === learn)
      await vscode.env.openExternal(vscode.Uri.parse('https://learn.microsoft.com/powershell/scripting/install/installing-powershell'));
    return;
  }
  const go = vscode.l10n.t('Rehearse');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Rehearse the migration of {0} to {1}?',
      snapshot.plan.source.displayName ?? snapshot.plan.source.name,
      snapshot.plan.target.displayName ?? snapshot.plan.target.name,
    ),
    {
      modal: true,
      detail: vscode.l10n.t(
        "Both admins' generated scripts run in PowerShell ({0}) against simulated tenants built from the plan, step by step, the clock jumping over the waits. Everything happens in a temporary copy: your plan and results are not touched, and no real tenant is contacted.",
        pwsh,
      ),
    },
    go,
  );
  if (answer !== go) return;
  const done = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rehearsing the migration'), cancellable: false },
    (progress) =>
      rehearsePlanFile({
        planFile: snapshot.uri.fsPath,
        plan: snapshot.plan,
        scenario: { start: ctx.clock().toISOString() },
        now: ctx.clock(),
        pwsh,
        onProgress: (line) => {
          log.info(`rehearsal: ${line}`);
          progress.report({ message: line.replace(/^\[[^\]]+\] /, '').slice(0, 120) });
        },
      }),
  );
  if ('error' in done) {
    void vscode.window.showErrorMessage(done.error);
    return;
  }
  log.info(`rehearsal: ${done.report.summary} Report: ${done.reportFile}`);
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(done.reportFile));
  const open = vscode.l10n.t('Open the Rehearsed Workspace');
  const show =
    done.report.outcome === 'completed' && done.report.moves.failed === 0
      ? vscode.window.showInformationMessage
      : vscode.window.showWarningMessage;
  void show(done.report.summary, open).then(async (choice) => {
    if (choice === open)
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(done.report.workDir), { forceNewWindow: true });
  });
}
