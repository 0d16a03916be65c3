/**
 * What the Moves view (and the tree's batch nodes) can do about the moves. Each action only
 * produces scripts to review, never runs one: retry the failed users (a new batch of them with its
 * queue script), stop the moves still waiting, refresh the states (the export script), open a user's
 * row in the identity map, and export the report for management.
 */
import * as vscode from 'vscode';
import { explainErrorCode } from '../../core/errors/mnaErrorCodes';
import { failedUsersOf, withRetryBatch } from '../../core/moves/retryBatch';
import { batchUserSource } from '../../core/plan/planQueries';
import { upnKey } from '../../core/plan/principalNames';
import { movesThresholds } from '../movesTracking';
import { writeTextAtomic } from '../atomicWrite';
import { generateForSnapshot } from '../workspaceGeneration';
import { openIdentityMapEditor } from './identityMapCommands';
import { type CommandContext, validSnapshot } from './commandContext';
import { required } from './registerCommand';
import { requireAllowedPaths } from '../pathConsent';

function findBatch(ctx: CommandContext, name: string | undefined) {
  const plan = ctx.store.valid?.plan;
  const batch = plan?.batches?.find((b) => b.name === name);
  if (!batch) throw new Error(vscode.l10n.t('The plan has no batch named "{0}".', name ?? ''));
  return batch;
}

async function pickBatch(ctx: CommandContext, title: string, name?: string): Promise<string> {
  if (name) return name;
  const plan = (await validSnapshot(ctx)).plan;
  const picked = required(
    await vscode.window.showQuickPick(
      (plan.batches ?? []).map((b) => ({ label: b.name, description: `${b.sourceGeography} → ${b.targetGeography}` })),
      { title },
    ),
  );
  return picked.label;
}

/** The failed users of a batch move into a new batch (after the admin confirms), and its queue script opens for review. */
export async function retryFailed(ctx: CommandContext, batchName?: string): Promise<void> {
  const name = await pickBatch(ctx, vscode.l10n.t('Retry the failed users of which batch?'), batchName);
  const snapshot = await validSnapshot(ctx);
  const batch = findBatch(ctx, name);
  const failed = failedUsersOf(snapshot.plan, batch);
  if (!failed.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No move of batch "{0}" failed.', name));
    return;
  }
  const causes = new Map<string, number>();
  for (const u of failed) {
    const code = snapshot.plan.moves?.[upnKey(batchUserSource(u))]?.errorCode ?? '';
    causes.set(code, (causes.get(code) ?? 0) + 1);
  }
  const detail = [...causes]
    .map(
      ([code, n]) =>
        `${code || vscode.l10n.t('No known code')} (${n}): ${(code && explainErrorCode(code)?.fix) || vscode.l10n.t('read the error text in the Moves view.')}`,
    )
    .join('\n');
  const create = vscode.l10n.t('Create the Retry Batch');
  const answer = await vscode.window.showWarningMessage(
    failed.length === 1
      ? vscode.l10n.t('Retry the failed user of "{0}"? Fix the cause first.', name)
      : vscode.l10n.t('Retry the {0} failed users of "{1}"? Fix the cause first.', failed.length, name),
    {
      modal: true,
      detail: `${detail}\n\n${vscode.l10n.t('They move into a new batch of their own in the plan; its queue script opens for review. Nothing runs.')}`,
    },
    create,
  );
  if (answer !== create) return;
  let retryName = '';
  const updated = await ctx.store.update(`retry batch of ${name}`, (plan) => {
    const r = withRetryBatch(plan, name);
    if (!r) return plan;
    retryName = r.batch.name;
    return r.plan;
  });
  if (updated.state !== 'valid' || !retryName) return;
  const output = await generateForSnapshot(updated, { steps: [6], side: 'source', actions: ['queueBatch'], batches: [retryName] });
  await ctx.review.present(updated, output, vscode.l10n.t('Retry of {0}', name));
}

/** The stop script for the batch's moves still waiting (with their list), for review; with the Graph backend, their tasks cancelled after a confirmation. */
export async function stopWaiting(ctx: CommandContext, batchName?: string): Promise<void> {
  const name = await pickBatch(ctx, vscode.l10n.t('Stop the waiting moves of which batch?'), batchName);
  const snapshot = await validSnapshot(ctx);
  if (ctx.live?.graphBackend()) {
    await ctx.live.cancelWaitingThroughGraph(findBatch(ctx, name));
    return;
  }
  const output = await generateForSnapshot(snapshot, { steps: [6], side: 'source', actions: ['stopMoves'], batches: [name] });
  const files = output.files.filter((f) => f.batch === name);
  if (!files.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No move of batch "{0}" is waiting (Scheduled or not started): nothing to stop. A move in progress cannot be stopped.',
        name,
      ),
    );
    return;
  }
  await ctx.review.present(snapshot, { ...output, files }, vscode.l10n.t('Stop {0}', name));
}

/** The move-state export of the batch's source geography (every one without a batch), for review; with the Graph backend, read live. */
export async function refreshStates(ctx: CommandContext, batchName?: string): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  if (ctx.live?.graphBackend()) {
    await ctx.live.refreshMoveStatesThroughGraph(batchName ? findBatch(ctx, batchName).sourceGeography : undefined);
    return;
  }
  const geographies = batchName ? [findBatch(ctx, batchName).sourceGeography] : undefined;
  const output = await generateForSnapshot(snapshot, {
    steps: [6],
    side: 'source',
    actions: ['exportMoveStates'],
    ...(geographies ? { geographies } : {}),
  });
  await ctx.review.present(snapshot, output, vscode.l10n.t('Move states'));
}

/** The identity map in its grid, filtered to the user. */
export async function openUserInMap(ctx: CommandContext, user: string): Promise<void> {
  const snapshot = await validSnapshot(ctx);
  requireAllowedPaths(snapshot, ['identityMap']);
  const session = await openIdentityMapEditor(ctx, snapshot.identityMapUri);
  await session?.showMatching(user);
}

/** The report page (and the CSV of every user beside it), where the admin chooses. */
export async function exportReport(ctx: CommandContext, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const snapshot = await validSnapshot(ctx);
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the Migration Report'),
      defaultUri: vscode.Uri.joinPath(snapshot.folder, 'migration-report.html'),
      filters: { [vscode.l10n.t('Web page')]: ['html'] },
      saveLabel: vscode.l10n.t('Export'),
    }));
  if (!uri) return undefined;
  const files = await ctx.store.report(movesThresholds(snapshot.uri));
  if (!files) throw new Error(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'));
  const csvUri = uri.with({ path: uri.path.replace(/(\.html?)?$/i, '.csv') });
  await writeTextAtomic(uri, files.html);
  // With a BOM: Excel then reads the CSV as UTF-8.
  await writeTextAtomic(csvUri, `\uFEFF${files.csv}`);
  const open = vscode.l10n.t('Open in Browser');
  if (!target)
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Exported {0} and {1}.', vscode.workspace.asRelativePath(uri), vscode.workspace.asRelativePath(csvUri)),
        open,
      )
      .then((a) => (a === open ? vscode.env.openExternal(uri) : undefined));
  return uri;
}
