/** "7. Post-Migration Cleanup…": trust removal (confirmed), redirect inventory and removal, migrate-back check. */
import * as vscode from 'vscode';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, pickSide, sideOption, validSnapshot } from './commandContext';
import { required } from './registerCommand';
import { unfinishedWarning } from './treeCommands';
import { unfinishedMoves } from '../../core/plan/unfinishedMoves';

export async function step7Cleanup(ctx: CommandContext): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  const plan = snapshot.plan;
  const chosen = plan.postMigration?.redirectSitesToRemove?.length ?? 0;
  const action = required(
    await vscode.window.showQuickPick(
      [
        {
          id: 'removeTrust' as const,
          label: `$(trash) ${vscode.l10n.t('Remove the trust on both sides…')}`,
          detail: vscode.l10n.t('Every geography pair; do it before the source licences expire.'),
        },
        {
          id: 'listRedirectSites' as const,
          label: `$(references) ${vscode.l10n.t('List redirect sites')}`,
          detail: vscode.l10n.t('Inventory per geography, OneDrive redirects included.'),
        },
        {
          id: 'removeRedirectSites' as const,
          label: `$(trash) ${vscode.l10n.t('Remove the chosen redirect sites…')}`,
          detail: vscode.l10n.t('{0} chosen in the plan (choose them in the Tenants view).', chosen),
        },
        { id: 'checkMigrateBack' as const, label: `$(arrow-left) ${vscode.l10n.t('Check redirect conflicts before moving users back')}` },
      ],
      { title: vscode.l10n.t('7. Post-Migration Cleanup') },
    ),
  ).id;
  if (action === 'removeTrust') {
    const confirm = vscode.l10n.t('Generate Removal Scripts');
    const ok = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the trust between {0} and {1}?', plan.source.name, plan.target.name),
      {
        modal: true,
        detail:
          unfinishedWarning(unfinishedMoves(plan)) +
          vscode.l10n.t(
            'This generates the removal scripts for every geography pair, on both sides, for review. Nothing runs until you run them; each asks again before removing.',
          ),
      },
      confirm,
    );
    if (ok !== confirm) return;
  }
  const side = action === 'checkMigrateBack' ? 'source' : await pickSide(snapshot, vscode.l10n.t('7. Post-Migration Cleanup'));
  const output = await generateForSnapshot(snapshot, { steps: [7], actions: [action], ...sideOption(side) });
  await ctx.review.present(snapshot, output, vscode.l10n.t('Step 7'));
}
