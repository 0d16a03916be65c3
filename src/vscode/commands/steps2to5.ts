/** Steps 2 to 5: pick whose scripts, generate that step, open the scripts for review. */
import * as vscode from 'vscode';
import { requireAllowedPaths } from '../pathConsent';
import { generateForSnapshot } from '../workspaceGeneration';
import { openIdentityMapEditor } from './identityMapCommands';
import { type CommandContext, pickSide, sideOption, validSnapshot } from './commandContext';
import { pasteCmdletOutput } from './pasteCmdletOutput';
import { required } from './registerCommand';
import { describePendingTrustWork, pendingTrustWork } from '../../core/views/pendingTrustWork';
import { mergeOutputs } from '../../core/powershell/generatorTypes';
import type { ValidPlanSnapshot } from '../planStore';

/**
 * Steps 2 and 3 first offer only what is pending (the pairs and sides not requested, or ready to
 * verify), then every pair for the sides chosen.
 */
async function trustStep(ctx: CommandContext, snapshot: ValidPlanSnapshot, step: 2 | 3, title: string): Promise<void> {
  const pending = pendingTrustWork(snapshot.plan, step, ctx.clock());
  if (pending.length) {
    const only = {
      id: 'pending',
      label: `$(filter) ${vscode.l10n.t('Only what is pending')}`,
      detail: describePendingTrustWork(pending),
    };
    const all = { id: 'all', label: `$(list-flat) ${vscode.l10n.t('Every pair…')}`, detail: vscode.l10n.t('Choose whose scripts next.') };
    const choice = required(await vscode.window.showQuickPick([only, all], { title })).id;
    if (choice === 'pending') {
      const outputs = await Promise.all(
        pending.flatMap((w) => w.sides.map((side) => generateForSnapshot(snapshot, { steps: [step], pair: w.pair, side }))),
      );
      await ctx.review.present(snapshot, mergeOutputs(outputs), vscode.l10n.t('Step {0}', step));
      return;
    }
  }
  const side = await pickSide(snapshot, title);
  await ctx.review.present(
    snapshot,
    await generateForSnapshot(snapshot, { steps: [step], ...sideOption(side) }),
    vscode.l10n.t('Step {0}', step),
  );
}

export async function step2EstablishTrust(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  await trustStep(ctx, snapshot, 2, vscode.l10n.t('2. Establish Trust'));
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
  await trustStep(ctx, snapshot, 3, vscode.l10n.t('3. Verify Trust'));
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
        // The Graph backend (beta) uploads the map itself; the compatibility check stays a script (no API is known).
        ...(ctx.live?.graphBackend()
          ? [
              {
                id: 'graph',
                label: `$(cloud-upload) ${vscode.l10n.t('Upload the identity map through Microsoft Graph (beta)…')}`,
                detail: vscode.l10n.t('crossOrganizationUserMappings, 50 rows a request; then generate the compatibility script.'),
              },
            ]
          : []),
      ],
      { title: vscode.l10n.t('5. Identity Map and Compatibility') },
    ),
  ).id;
  if (choice === 'graph') {
    if (!(await ctx.live!.uploadIdentityMapThroughGraph()).length) return;
    await ctx.review.present(
      snapshot,
      await generateForSnapshot(snapshot, { steps: [5], side: 'source', actions: ['checkCompatibility'] }),
      vscode.l10n.t('Step 5'),
    );
    return;
  }
  if (choice !== 'scripts') {
    requireAllowedPaths(snapshot, ['identityMap']);
    const session = await openIdentityMapEditor(ctx, snapshot.identityMapUri);
    if (choice === 'match') await session?.match();
    return;
  }
  const side = await pickSide(snapshot, vscode.l10n.t('5. Identity Map and Compatibility'));
  await ctx.review.present(snapshot, await generateForSnapshot(snapshot, { steps: [5], ...sideOption(side) }), vscode.l10n.t('Step 5'));
}
