/**
 * Writing the plan back. Through the editor when the plan is open (so the change is undoable and
 * nothing typed is lost), otherwise atomically on disk. Only changed top-level properties are
 * rewritten; unknown fields are kept (core/plan/planText).
 */
import * as vscode from 'vscode';
import type { Plan } from '../core/plan/planSchema';
import { planToText, rewritePlanText } from '../core/plan/planText';
import { writeFileAtomic } from '../services/atomicFiles';

export async function writeTextAtomic(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, text);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function writePlan(current: { uri: vscode.Uri; text: string; plan?: Plan }, updated: Plan): Promise<void> {
  await writePlanText(current, current.plan ? rewritePlanText(current.text, current.plan, updated) : planToText(updated));
}

/** Replaces the plan's text with `text`, which was derived from `current.text`. */
export async function writePlanText(current: { uri: vscode.Uri; text: string }, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === current.uri.toString());
  if (open) {
    // Never overwrite what was typed after the snapshot was taken.
    if (open.getText() !== current.text) throw new Error(vscode.l10n.t('The plan changed while this was running; please try again.'));
    const wasDirty = open.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new Error(vscode.l10n.t('Could not update {0}.', vscode.workspace.asRelativePath(current.uri)));
    if (!wasDirty) await open.save();
    return;
  }
  await writeTextAtomic(current.uri, text);
}
