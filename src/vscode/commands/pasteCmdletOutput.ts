/**
 * "Paste Cmdlet Output…": text copied from a PowerShell console (the selection, or the
 * clipboard) becomes a result file in the results folder and is folded into the plan like any
 * other result, conflicts included.
 */
import * as vscode from 'vscode';
import { hostUrlOf } from '../../core/plan/planQueries';
import type { Geography, Side } from '../../core/plan/planSchema';
import { pastedHostUrl, pastedMoveStates, pastedVerification, type PasteContext, type PasteOutcome } from '../../core/results/pastedOutput';
import { requireAllowedPaths } from '../pathConsent';
import { writeTextAtomic } from '../atomicWrite';
import { type CommandContext, validSnapshot } from './commandContext';
import { required } from './registerCommand';

export type PasteKind = 'hostUrl' | 'trustVerification' | 'moveState';

/**
 * The output to read: the editor's selection, else the clipboard, else (the clipboard is empty, or a
 * browser refuses to let it be read) a new document to paste into, used once the admin confirms.
 */
async function pastedText(): Promise<string> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (selection.trim()) return selection;
  // The browser-hosted VS Code may not be allowed to read it: it fails, or waits for a permission
  // prompt that may never be answered. Neither stops the command.
  const clipboard = await Promise.race([
    Promise.resolve(vscode.env.clipboard.readText()).then(
      (t) => t,
      () => '',
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve(''), 2000)),
  ]);
  if (clipboard.trim()) return clipboard;
  return pasteIntoDocument();
}

export const USE_PASTED_TEXT_COMMAND = 'onedriveMigration.usePastedText';
const PASTE_TARGET_CONTEXT = 'onedriveMigration.pasteTarget';
const INSTRUCTION = '# Paste the cmdlet output below this line, then choose "Use This Text" (✓) in the title bar.';
let waiting: { doc: vscode.TextDocument; resolve: (text: string | undefined) => void } | undefined;

/**
 * A new document to paste into (works wherever VS Code runs); the command goes on when the admin
 * chooses Use This Text in its title bar, and stops when the document is closed.
 */
async function pasteIntoDocument(): Promise<string> {
  waiting?.resolve(undefined);
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${INSTRUCTION}\n\n` });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
  await vscode.commands.executeCommand('setContext', PASTE_TARGET_CONTEXT, true);
  const text = await new Promise<string | undefined>((resolve) => {
    const closed = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d === doc) finish(undefined);
    });
    const finish = (value: string | undefined) => {
      closed.dispose();
      waiting = undefined;
      void vscode.commands.executeCommand('setContext', PASTE_TARGET_CONTEXT, false);
      resolve(value);
    };
    waiting = { doc, resolve: finish };
  });
  const output = required(text).replace(INSTRUCTION, '');
  if (!output.trim()) throw new Error(vscode.l10n.t('The document is empty: paste the cmdlet output into it first.'));
  // Done with it: close it without asking to save it.
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return output;
}

/** "Use This Text" in the paste document's title bar. */
export function usePastedText(): void {
  if (!waiting) throw new Error(vscode.l10n.t('Run Paste Cmdlet Output first: it opens the document to paste into.'));
  waiting.resolve(waiting.doc.getText());
}

async function pickGeography(geos: readonly Geography[], title: string, placeHolder: string): Promise<Geography> {
  if (geos.length === 1) return geos[0]!;
  return required(
    await vscode.window.showQuickPick(
      geos.map((g) => ({ label: g.code, description: g.adminUrl, geo: g })),
      { title, placeHolder },
    ),
  ).geo;
}

export async function pasteCmdletOutput(ctx: CommandContext, preset?: PasteKind): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  requireAllowedPaths(snapshot, ['results']);
  const plan = snapshot.plan;
  const text = await pastedText();
  const title = vscode.l10n.t('Paste Cmdlet Output');
  const kind =
    preset ??
    required(
      await vscode.window.showQuickPick(
        [
          { id: 'hostUrl' as const, label: 'Get-SPOCrossTenantHostUrl' },
          { id: 'trustVerification' as const, label: 'Test-/Verify-SPOCrossTenantRelationship' },
          { id: 'moveState' as const, label: 'Get-SPOCrossTenantUserContentMoveState' },
        ],
        { title, placeHolder: vscode.l10n.t('Which cmdlet printed it?') },
      ),
    ).id;
  const side = required(
    await vscode.window.showQuickPick(
      (['source', 'target'] as Side[]).map((s) => ({
        label: `${s === 'source' ? vscode.l10n.t('Source') : vscode.l10n.t('Target')}: ${plan[s].name}`,
        side: s,
      })),
      { title, placeHolder: vscode.l10n.t('Which tenant was it run on?') },
    ),
  ).side;
  const geo = await pickGeography(plan[side].geographies, title, vscode.l10n.t('Which geography was it run on?'));
  const ctxPaste: PasteContext = { side, tenant: plan[side].name, geography: geo.code, adminUrl: geo.adminUrl, now: ctx.clock() };
  let outcome: PasteOutcome;
  if (kind === 'hostUrl') outcome = pastedHostUrl(text, ctxPaste);
  else {
    const partnerSide: Side = side === 'source' ? 'target' : 'source';
    const partner = await pickGeography(plan[partnerSide].geographies, title, vscode.l10n.t('Which partner geography was it about?'));
    const partnerHost = hostUrlOf(partner);
    if (!partnerHost) throw new Error(vscode.l10n.t('The host URL of {0} {1} is not in the plan yet.', partnerSide, partner.code));
    outcome =
      kind === 'trustVerification'
        ? pastedVerification(text, ctxPaste, { geography: partner.code, hostUrl: partnerHost })
        : pastedMoveStates(text, ctxPaste, partnerHost);
  }
  if (!outcome.ok) throw new Error(outcome.error);
  const stamp = ctxPaste.now.toISOString().replace(/[-:.]/g, '');
  const file = vscode.Uri.joinPath(snapshot.resultsUri, `${side}-${geo.code}-${kind}-${stamp}-pasted.json`);
  await writeTextAtomic(file, JSON.stringify(outcome.result, null, 2) + '\n');
  await ctx.store.reload({ forceImport: true });
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Recorded {0} for {1} {2} (saved as {3}).', outcome.summary, side, geo.code, vscode.workspace.asRelativePath(file)),
  );
}
