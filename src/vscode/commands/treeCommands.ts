/** Right-click actions of the Tenants tree. */
import { writeGeneratedFiles } from '../../services/generatedFiles';
import * as vscode from 'vscode';
import { siteUrlOfGeography } from '../../core/tenancy/siteUrls';
import { findGeography, hostUrlOf } from '../../core/plan/planQueries';
import type { Side } from '../../core/plan/planSchema';
import { unfinishedMoves, type UnfinishedMoves } from '../../core/plan/unfinishedMoves';
import { counted } from '../../core/text/plural';
import type { TreeNodeModel } from '../../core/views/tenantsTree';
import { generateForSnapshot } from '../workspaceGeneration';
import { type CommandContext, validSnapshot } from './commandContext';

/** The confirmation's first lines when moves are not finished: removing the trust stops them. */
export function unfinishedWarning({ inProgress, notMoved }: UnfinishedMoves): string {
  const lines = [
    inProgress === 1
      ? vscode.l10n.t('1 move is still in progress.')
      : inProgress > 1
        ? vscode.l10n.t('{0} moves are still in progress.', inProgress)
        : '',
    notMoved === 1
      ? vscode.l10n.t('1 user is not moved yet.')
      : notMoved > 1
        ? vscode.l10n.t('{0} users are not moved yet.', notMoved)
        : '',
  ].filter(Boolean);
  return lines.length ? `⚠ ${lines.join(' ')} ${vscode.l10n.t('Without the trust they cannot move.')}\n\n` : '';
}

function requireNode(node: TreeNodeModel | undefined, kind: TreeNodeModel['kind']): TreeNodeModel {
  if (!node || node.kind !== kind) throw new Error(vscode.l10n.t('Run this from the Tenants view.'));
  return node;
}

export async function verifyTrust(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const { pair } = requireNode(node, 'trust');
  const snapshot = await validSnapshot(ctx);
  await ctx.review.present(
    snapshot,
    await generateForSnapshot(snapshot, { steps: [3], pair: pair! }),
    vscode.l10n.t('Verify trust {0} → {1}', pair!.sourceGeography, pair!.targetGeography),
  );
}

export async function removeTrust(ctx: CommandContext, node?: TreeNodeModel): Promise<vscode.Uri[]> {
  const { pair } = requireNode(node, 'trust');
  const snapshot = await validSnapshot(ctx);
  const { source, target } = snapshot.plan;
  const confirm = vscode.l10n.t('Generate Removal Scripts');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Remove the trust between {0} {1} and {2} {3}?',
      source.displayName ?? source.name,
      pair!.sourceGeography,
      target.displayName ?? target.name,
      pair!.targetGeography,
    ),
    {
      modal: true,
      detail:
        unfinishedWarning(unfinishedMoves(snapshot.plan, pair)) +
        vscode.l10n.t(
          'This generates two scripts for review: one for the source admin ({0}, geography {1}) and one for the target admin ({2}, geography {3}). Nothing is removed until they run them; each script asks again. Remove the trust only when every move of this pair is done, and before the source licences expire.',
          source.name,
          pair!.sourceGeography,
          target.name,
          pair!.targetGeography,
        ),
    },
    confirm,
  );
  if (answer !== confirm) return [];
  const output = await generateForSnapshot(snapshot, { steps: [7], actions: ['removeTrust'], pair: pair! });
  return ctx.review.present(snapshot, output, vscode.l10n.t('Remove trust {0} → {1}', pair!.sourceGeography, pair!.targetGeography));
}

export async function copyTrustHostUrls(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const { pair } = requireNode(node, 'trust');
  const snapshot = await validSnapshot(ctx);
  const line = (side: Side, code: string) =>
    `${side} ${snapshot.plan[side].name} ${code}: ${hostUrlOf(findGeography(snapshot.plan, side, code)) ?? vscode.l10n.t('(not known yet)')}`;
  await vscode.env.clipboard.writeText(`${line('source', pair!.sourceGeography)}\n${line('target', pair!.targetGeography)}\n`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied the host URLs of {0} → {1}.', pair!.sourceGeography, pair!.targetGeography),
  );
}

export async function copyHostUrl(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const { side, geography } = requireNode(node, 'geography');
  const snapshot = await validSnapshot(ctx);
  const url = hostUrlOf(findGeography(snapshot.plan, side!, geography!));
  if (!url) throw new Error(vscode.l10n.t('The host URL of {0} {1} is not known yet: run step 1 there.', side!, geography!));
  await vscode.env.clipboard.writeText(url);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}.', url));
}

export async function openAdminCenter(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const { side, geography } = requireNode(node, 'geography');
  const snapshot = await validSnapshot(ctx);
  const geo = findGeography(snapshot.plan, side!, geography!);
  if (geo) await vscode.env.openExternal(vscode.Uri.parse(geo.adminUrl));
}

export async function generateGeographyScripts(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const { side, geography } = requireNode(node, 'geography');
  const snapshot = await validSnapshot(ctx);
  const output = await generateForSnapshot(snapshot, { side: side!, geographies: [geography!] });
  await writeGeneratedFiles(snapshot.scriptsUri.fsPath, output.files);
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const message = vscode.l10n.t(
    'Wrote {0} scripts for {1} {2} to {3}.',
    output.files.length,
    side!,
    geography!,
    vscode.workspace.asRelativePath(vscode.Uri.joinPath(snapshot.scriptsUri, side!)),
  );
  void vscode.window.showInformationMessage(message, reveal).then((choice) => {
    if (choice === reveal) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(snapshot.scriptsUri, side!));
  });
}

export async function openRedirect(ctx: CommandContext, node?: TreeNodeModel): Promise<void> {
  const site = requireNode(node, 'redirectSite');
  const snapshot = await validSnapshot(ctx);
  const geo = findGeography(snapshot.plan, site.side!, site.geography!);
  // The URL came from a result file: open only an https site of that geography (never file:, command:, another host).
  const safe = geo ? siteUrlOfGeography(site.url!, geo.adminUrl) : undefined;
  if (!safe) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is not an https site of this geography; it was not opened.', JSON.stringify(site.url ?? '').slice(0, 200)),
    );
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(safe, true));
}

export async function copyRedirectUrl(_ctx: CommandContext, node?: TreeNodeModel, selected?: TreeNodeModel[]): Promise<void> {
  const nodes = (selected?.length ? selected : [requireNode(node, 'redirectSite')]).filter((n) => n.kind === 'redirectSite');
  await vscode.env.clipboard.writeText(nodes.map((n) => n.url).join('\n') + '\n');
  void vscode.window.showInformationMessage(
    nodes.length === 1 ? vscode.l10n.t('Copied 1 URL.') : vscode.l10n.t('Copied {0} URLs.', nodes.length),
  );
}

/** Marks the selected redirect sites for removal in the plan and generates the removal script(s) for review. */
export async function removeRedirects(ctx: CommandContext, node?: TreeNodeModel, selected?: TreeNodeModel[]): Promise<vscode.Uri[]> {
  const nodes = (selected?.length ? selected : [requireNode(node, 'redirectSite')]).filter((n) => n.kind === 'redirectSite');
  const snapshot = await validSnapshot(ctx);
  const urls = nodes.map((n) => n.url!);
  const confirm = vscode.l10n.t('Generate Removal Script');
  const places = [...new Set(nodes.map((n) => `${snapshot.plan[n.side!].name} ${n.geography}`))].join(', ');
  const answer = await vscode.window.showWarningMessage(
    urls.length === 1
      ? vscode.l10n.t('Remove 1 redirect site from {0}?', places)
      : vscode.l10n.t('Remove {0} redirect sites from {1}?', urls.length, places),
    {
      modal: true,
      detail: `${urls.slice(0, 10).join('\n')}${urls.length > 10 ? `\n… ${urls.length - 10} more` : ''}\n\n${vscode.l10n.t('Old links and bookmarks to them stop working. This only adds them to the plan and generates the removal script for review.')}`,
    },
    confirm,
  );
  if (answer !== confirm) return [];
  const current = await ctx.store.update(`${counted(urls.length, 'redirect site')} chosen for removal`, (plan) => ({
    ...plan,
    postMigration: {
      ...plan.postMigration,
      redirectSitesToRemove: [...new Set([...(plan.postMigration?.redirectSitesToRemove ?? []), ...urls])],
    },
  }));
  if (current.state !== 'valid') {
    await validSnapshot(ctx); // explains the errors
    return [];
  }
  const output = await generateForSnapshot(current, {
    steps: [7],
    actions: ['removeRedirectSites'],
    places: nodes.map((n) => ({ side: n.side!, geography: n.geography! })),
  });
  return ctx.review.present(current, output, vscode.l10n.t('Remove redirect sites'));
}
