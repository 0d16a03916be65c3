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

async function pastedText(): Promise<string> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const text = selection || (await vscode.env.clipboard.readText());
  if (!text.trim())
    throw new Error(vscode.l10n.t('Copy the cmdlet output first (or select it in an editor), then run Paste Cmdlet Output again.'));
  return text;
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
