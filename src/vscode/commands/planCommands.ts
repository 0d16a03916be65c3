/** Commands around the plan: generate all, import results, explain an error, the example, the log. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ERROR_CODES, explainErrorCode, findErrorCode, similarErrorCodes } from '../../core/errors/mnaErrorCodes';
import { STEP_TITLES } from '../../core/powershell/stepTitles';
import { PLAN_FILE_NAME } from '../../core/plan/planSchema';
import { writeGeneratedFiles } from '../../services/generatedFiles';
import { log } from '../log';
import { requireAllowedPaths } from '../pathConsent';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';
import { required } from './registerCommand';
import { STEP_COMMANDS } from '../../core/views/stepCommands';

export async function generateAllScripts(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const output = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating all scripts…') },
    async () => {
      const out = await generateForSnapshot(snapshot);
      const written = await writeGeneratedFiles(snapshot.scriptsUri.fsPath, out.files);
      for (const note of written.notes) log.warn(note);
      return out;
    },
  );
  for (const b of output.blocked) log.warn(`not generated: step ${b.step} ${b.side}${b.geography ? ` ${b.geography}` : ''}: ${b.message}`);
  for (const w of output.warnings) log.warn(w.message);
  const openSource = vscode.l10n.t('Open Source Runbook');
  const openTarget = vscode.l10n.t('Open Target Runbook');
  const blocked = output.blocked.length ? ` ${vscode.l10n.t('{0} not generated yet (see the log).', output.blocked.length)}` : '';
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Wrote {0} files to {1}.', output.files.length, vscode.workspace.asRelativePath(snapshot.scriptsUri)) + blocked,
      openSource,
      openTarget,
    )
    .then((choice) => {
      if (choice)
        void vscode.window.showTextDocument(
          vscode.Uri.joinPath(snapshot.scriptsUri, choice === openSource ? 'source' : 'target', 'RUNBOOK.ps1'),
        );
    });
}

export async function importResults(ctx: CommandContext, files?: vscode.Uri[]): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  requireAllowedPaths(snapshot, ['results']);
  const picked =
    files ??
    required(
      await vscode.window.showOpenDialog({
        canSelectMany: true,
        filters: { [vscode.l10n.t('Result files')]: ['json'] },
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Result files sent by the other admin, or written by the scripts'),
      }),
    );
  let copied = 0;
  for (const file of picked) {
    const inside = file.fsPath.startsWith(snapshot.resultsUri.fsPath + path.sep);
    if (inside) continue;
    await vscode.workspace.fs.copy(file, vscode.Uri.joinPath(snapshot.resultsUri, path.basename(file.fsPath)), { overwrite: true });
    copied++;
  }
  await ctx.store.reload({ forceImport: true });
  const problems = ctx.store.snapshot?.resultProblems.filter((p) => p.problem.severity !== 'info').length ?? 0;
  void vscode.window.showInformationMessage(
    (picked.length === 1
      ? vscode.l10n.t('Imported 1 result file ({0} copied into {1}).', copied, vscode.workspace.asRelativePath(snapshot.resultsUri))
      : vscode.l10n.t(
          'Imported {0} result files ({1} copied into {2}).',
          picked.length,
          copied,
          vscode.workspace.asRelativePath(snapshot.resultsUri),
        )) +
      (problems === 1
        ? ` ${vscode.l10n.t('1 problem: see the Problems panel.')}`
        : problems
          ? ` ${vscode.l10n.t('{0} problems: see the Problems panel.', problems)}`
          : ''),
  );
}

type CodeItem = vscode.QuickPickItem & { code: string };

/** Every known code, one line each; the code found in what was typed or selected (a pasted message) comes first. */
function errorCodeItems(typed: string): CodeItem[] {
  const all = ERROR_CODES.map((e) => ({
    label: e.code,
    description: e.step ? vscode.l10n.t('step {0}', e.step) : '',
    detail: e.confirmed ? e.meaning : `${e.meaning} (${vscode.l10n.t('community finding')})`,
    code: e.code,
  }));
  const found = typed.trim() ? (explainErrorCode(typed) ? typed.trim() : findErrorCode(typed)) : undefined;
  if (!found || found === typed.trim()) return all;
  return [{ label: `$(search) ${found}`, description: vscode.l10n.t('found in what you typed'), alwaysShow: true, code: found }, ...all];
}

/** "Explain Error Code…": a searchable list of the engine's codes; typing or pasting an error message finds its code. */
async function pickErrorCode(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim().slice(0, 500) : '';
  const pick = vscode.window.createQuickPick<CodeItem>();
  pick.title = vscode.l10n.t('Explain Error Code');
  pick.placeholder = vscode.l10n.t('Search the codes, or paste the error message');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.value = selected;
  pick.items = errorCodeItems(selected);
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidChangeValue((value) => (pick.items = errorCodeItems(value)));
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.code ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

/** `given`: a code to explain right away (the Moves view); otherwise a searchable list. */
export async function explainErrorCodeCommand(given?: unknown): Promise<void> {
  const chosen = typeof given === 'string' && given.trim() ? given.trim() : await pickErrorCode();
  const input = required(chosen);
  const code = explainErrorCode(input) ? input : findErrorCode(input);
  const found = code ? explainErrorCode(code) : undefined;
  if (!found) {
    const similar = similarErrorCodes(input);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Unknown error code "{0}".', input) +
        (similar.length ? ` ${vscode.l10n.t('Did you mean {0}?', similar.join(', '))}` : ''),
    );
    return;
  }
  const go = found.step ? vscode.l10n.t('Go to Step {0}', found.step) : undefined;
  const detail = `${found.meaning}\n\n${vscode.l10n.t('What to do')}: ${found.fix}${found.step ? `\n\n${vscode.l10n.t('Step {0}: {1}', found.step, STEP_TITLES[found.step - 1])}` : ''}${found.confirmed ? '' : `\n\n${vscode.l10n.t('Community finding, not confirmed by Microsoft.')}`}`;
  const choice = await vscode.window.showInformationMessage(found.code, { modal: true, detail }, ...(go ? [go] : []));
  if (choice && found.step) await vscode.commands.executeCommand(STEP_COMMANDS[found.step - 1]!);
}

const EXAMPLE_FILES = [
  PLAN_FILE_NAME,
  'identity-map.csv',
  'README.md',
  'source-users.csv',
  'target-users.csv',
  'results/source-NAM-redirectSites-20261120T090000000Z.json',
];

export async function openExample(ctx: CommandContext): Promise<void> {
  const source = vscode.Uri.joinPath(ctx.extensionUri, 'examples', 'contoso-to-fabrikam');
  const folders = vscode.workspace.workspaceFolders ?? [];
  const parent = folders.length
    ? folders[0]!.uri
    : required(
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          openLabel: vscode.l10n.t('Put the Example Here'),
        }),
      )[0]!;
  const target = vscode.Uri.joinPath(parent, 'contoso-to-fabrikam');
  for (const name of EXAMPLE_FILES) {
    const to = vscode.Uri.joinPath(target, name);
    try {
      await vscode.workspace.fs.stat(to);
      continue; // never overwrite
    } catch {
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), to);
    }
  }
  if (!folders.length) {
    await vscode.commands.executeCommand('vscode.openFolder', parent);
    return;
  }
  await ctx.store.reload();
  await vscode.window.showTextDocument(vscode.Uri.joinPath(target, PLAN_FILE_NAME));
}

export async function openPlan(ctx: CommandContext): Promise<void> {
  await ctx.store.initialize();
  const uri = ctx.store.snapshot?.uri;
  if (!uri) throw new Error(vscode.l10n.t('There is no migration plan in this workspace yet.'));
  await vscode.window.showTextDocument(uri);
}

/** Shows the Checklist view in the OneDrive Migration sidebar. */
export async function openChecklist(): Promise<void> {
  await vscode.commands.executeCommand('onedriveMigration.checklist.focus');
}
