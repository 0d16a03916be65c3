/** "OneDrive Migration: Generate All Scripts" for the first plan file in the workspace. */
import * as vscode from 'vscode';
import { hasErrors } from '../core/json/problem';
import { PLAN_FILE_NAME } from '../core/plan/planSchema';
import { generateScripts } from '../core/powershell/generateScripts';
import { encodeUtf8, writeFilesAtomic } from '../services/atomicFiles';
import { generatorInput, loadIdentityMap, loadPlan, scriptsFolder } from '../services/planWorkspace';

export async function generateAllScriptsCommand(): Promise<void> {
  const [planUri] = await vscode.workspace.findFiles(`**/${PLAN_FILE_NAME}`, '**/node_modules/**', 1);
  if (!planUri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No {0} found in this workspace.', PLAN_FILE_NAME));
    return;
  }
  const loaded = await loadPlan(planUri.fsPath);
  if (!loaded.plan || hasErrors(loaded.problems)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The plan has errors; run "onedrive-migration validate" to see them.'));
    return;
  }
  const map = await loadIdentityMap(planUri.fsPath, loaded.plan);
  const out = scriptsFolder(planUri.fsPath, loaded.plan);
  const result = generateScripts(generatorInput(planUri.fsPath, loaded.plan, out, map.rows));
  await writeFilesAtomic(out, result.files.map((f) => ({ path: f.path, content: encodeUtf8(f.content, f.bom) })));
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0} scripts to {1}.', result.files.length, out));
}
