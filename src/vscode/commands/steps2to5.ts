/** Steps 2 to 5: pick whose scripts, generate that step, open the scripts for review. */
import * as vscode from 'vscode';
import { requireAllowedPaths } from '../pathConsent';
import { generateForSnapshot } from '../workspaceGeneration';
import { openIdentityMapEditor } from './identityMapCommands';
import { type CommandContext, pickSide, sideOption, validSnapshot } from './commandContext';
import { pasteCmdletOutput } from './pasteCmdletOutput';
import { required } from './registerCommand';

export async function step2EstablishTrust(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const side = await pickSide(snapshot, vscode.l10n.t('2. Establish Trust'));
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [2], ...sideOption(side) }), vscode.l10n.t('Step 2'));
}

export async function step3VerifyTrust(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const choice = required(
    await vscode.window.showQuickPick(
      [
        {
          id: 'scripts',
          label: `$(file-code) ${vscode.l10n.t('Generate the verification scripts')}`,
          detail: vscode.l10n.t('Test-/Verify-SPOCrossTenantRelationship for every pair, on the sides you choose.'),
        },
        {
          id: 'paste',
          label: `$(clippy) ${vscode.l10n.t('Paste a verification result…')}`,
          detail: vscode.l10n.t('Record GoodToProceed, DormantByPartner… from a console.'),
        },
      ],
      { title: vscode.l10n.t('3. Verify Trust') },
    ),
  ).id;
  if (choice === 'paste') return pasteCmdletOutput(ctx, 'trustVerification');
  const side = await pickSide(snapshot, vscode.l10n.t('3. Verify Trust'));
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [3], ...sideOption(side) }), vscode.l10n.t('Step 3'));
}

export async function step4PrecreateUsers(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [4], side: 'target' }), vscode.l10n.t('Step 4'));
}

export async function step5IdentityMap(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const choice = required(
    await vscode.window.showQuickPick(
      [
        {
          id: 'edit',
          label: `$(table) ${vscode.l10n.t('Edit the identity map')}`,
          detail: vscode.l10n.t(
            '{0}: rows, problems and fixes in the grid editor.',
            vscode.workspace.asRelativePath(snapshot.identityMapUri),
          ),
        },
        {
          id: 'match',
          label: `$(sparkle) ${vscode.l10n.t('Match identities from directory exports…')}`,
          detail: vscode.l10n.t('Build rows from the Entra admin center exports of both tenants; review the proposals in the editor.'),
        },
        {
          id: 'scripts',
          label: `$(file-code) ${vscode.l10n.t('Generate the upload and compatibility scripts')}`,
          detail: vscode.l10n.t('Add-SPOTenantIdentityMap and the compatibility check, per target geography.'),
        },
      ],
      { title: vscode.l10n.t('5. Identity Map and Compatibility') },
    ),
  ).id;
  if (choice !== 'scripts') {
    requireAllowedPaths(snapshot, ['identityMap']);
    const session = await openIdentityMapEditor(ctx, snapshot.identityMapUri);
    if (choice === 'match') await session?.match();
    return;
  }
  const side = await pickSide(snapshot, vscode.l10n.t('5. Identity Map and Compatibility'));
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [5], ...sideOption(side) }), vscode.l10n.t('Step 5'));
}
