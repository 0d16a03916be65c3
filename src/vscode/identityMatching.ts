/**
 * Automatic matching from the editor: pick the directory exports (Entra admin center CSV files),
 * run the configured cascade (settings `onedriveMigration.matching.*`) and return the proposals
 * for review. Reading goes through DirectorySource, the interface live mode's Graph reader uses.
 */
import * as vscode from 'vscode';
import { csvDirectory, type DirectorySource } from '../core/identity/directory';
import { DEFAULT_USER_CASCADE, matchGroups, matchUsers, type UserRule } from '../core/identity/matchIdentities';
import { MatchReview } from '../core/identity/matchReview';
import { formatProblem, hasErrors, type Problem } from '../core/json/problem';
import { required } from './commands/registerCommand';
import { GUID } from '../core/text/guid';

/** Directory exports (Entra admin center CSV files). */
export interface CsvMatchInputs {
  sourceUsers: vscode.Uri;
  targetUsers: vscode.Uri;
  sourceGroups?: vscode.Uri;
  targetGroups?: vscode.Uri;
}

/** The signed-in tenants' directories through Microsoft Graph (live mode). */
export interface LiveMatchInputs {
  live: { source: DirectorySource; target: DirectorySource };
}

export type MatchInputs = CsvMatchInputs | LiveMatchInputs;

export const isLiveInputs = (inputs: MatchInputs): inputs is LiveMatchInputs => 'live' in inputs;

/** Live mode's directories for matching, when live mode is set up for both tenants (signs in as needed). */
export type LiveDirectories = () => Promise<LiveMatchInputs['live'] | undefined>;

async function pickCsv(title: string, near: vscode.Uri): Promise<vscode.Uri> {
  const picked = await vscode.window.showOpenDialog({
    title,
    defaultUri: near,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Use this export'),
    filters: { CSV: ['csv'] },
  });
  return required(picked?.[0]);
}

/**
 * Where the directories come from: with live mode set up, the signed-in tenants or the exports;
 * otherwise the exports. Cancelling any step stops the flow.
 */
export async function pickMatchInputs(near: vscode.Uri, live?: { available: boolean; directories: LiveDirectories }): Promise<MatchInputs> {
  if (live?.available) {
    const fromLive = vscode.l10n.t('From the signed-in tenants (Microsoft Graph)');
    const fromFiles = vscode.l10n.t('From directory exports (CSV files)…');
    const choice = required(
      await vscode.window.showQuickPick([fromLive, fromFiles], { title: vscode.l10n.t('Match From'), ignoreFocusOut: true }),
    );
    if (choice === fromLive) return { live: required(await live.directories()) };
  }
  return pickCsvInputs(near);
}

/** Asks for the four exports (groups optional). */
async function pickCsvInputs(near: vscode.Uri): Promise<CsvMatchInputs> {
  const sourceUsers = await pickCsv(vscode.l10n.t('Source users (Entra admin center > Users > Download users)'), near);
  const folderOf = (uri: vscode.Uri) => vscode.Uri.joinPath(uri, '..');
  const targetUsers = await pickCsv(vscode.l10n.t('Target users (Entra admin center > Users > Download users)'), folderOf(sourceUsers));
  const withGroups = vscode.l10n.t('Also match groups');
  const usersOnly = vscode.l10n.t('Users only');
  const choice = await vscode.window.showQuickPick([usersOnly, withGroups], {
    title: vscode.l10n.t('Match groups as well?'),
    placeHolder: vscode.l10n.t('Groups need the group exports of both tenants'),
    ignoreFocusOut: true,
  });
  if (required(choice) === usersOnly) return { sourceUsers, targetUsers };
  const sourceGroups = await pickCsv(vscode.l10n.t('Source groups (Entra admin center > Groups > Download groups)'), folderOf(targetUsers));
  const targetGroups = await pickCsv(
    vscode.l10n.t('Target groups (Entra admin center > Groups > Download groups)'),
    folderOf(sourceGroups),
  );
  return { sourceUsers, targetUsers, sourceGroups, targetGroups };
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** The cascade and domain map from the settings, checked (unknown rules and bad domains are reported, not used). */
export function matchSettings(scope: vscode.Uri): { cascade: UserRule[]; domainMap: Record<string, string>; problems: string[] } {
  const config = vscode.workspace.getConfiguration('onedriveMigration.matching', scope);
  const problems: string[] = [];
  const rawCascade = config.get<unknown>('cascade');
  const cascade = Array.isArray(rawCascade)
    ? rawCascade.filter((r): r is UserRule => DEFAULT_USER_CASCADE.includes(r as UserRule))
    : [...DEFAULT_USER_CASCADE];
  if (Array.isArray(rawCascade) && cascade.length !== rawCascade.length)
    problems.push(vscode.l10n.t('onedriveMigration.matching.cascade has unknown rules; known: {0}.', DEFAULT_USER_CASCADE.join(', ')));
  const domainMap: Record<string, string> = {};
  for (const [from, to] of Object.entries(config.get<Record<string, unknown>>('domainMap') ?? {})) {
    if (typeof to === 'string' && /^[^\s@]+\.[^\s@]+$/.test(from) && /^[^\s@]+\.[^\s@]+$/.test(to))
      domainMap[from.toLowerCase()] = to.toLowerCase();
    else problems.push(vscode.l10n.t('onedriveMigration.matching.domainMap: "{0}" → "{1}" is not a domain pair.', from, String(to)));
  }
  return { cascade: cascade.length ? cascade : [...DEFAULT_USER_CASCADE], domainMap, problems };
}

/** Reads both directories and runs the cascade. Errors in the exports stop it, with file:line. */
export async function matchDirectories(
  inputs: MatchInputs,
  sourceTenantId: string,
  scope: vscode.Uri,
): Promise<{ review: MatchReview; warnings: string[] }> {
  if (!GUID.test(sourceTenantId))
    throw new Error(vscode.l10n.t('The plan has no source tenant ID (a GUID); matching needs it for column 2 of every row.'));
  const read = async (users: vscode.Uri, groups?: vscode.Uri): Promise<DirectorySource & { problems: Problem[] }> =>
    csvDirectory({ users: await readText(users), ...(groups ? { groups: await readText(groups) } : {}) });
  let source: DirectorySource;
  let target: DirectorySource;
  let problems: string[] = [];
  if (isLiveInputs(inputs)) {
    ({ source, target } = inputs.live);
  } else {
    const csv = inputs;
    const [s, t] = await Promise.all([read(csv.sourceUsers, csv.sourceGroups), read(csv.targetUsers, csv.targetGroups)]);
    const label = (p: Problem, side: 'source' | 'target') =>
      formatProblem(vscode.workspace.asRelativePath(side === 'source' ? csv.sourceUsers : csv.targetUsers), p);
    problems = [...s.problems.map((p) => label(p, 'source')), ...t.problems.map((p) => label(p, 'target'))];
    if (hasErrors([...s.problems, ...t.problems])) throw new Error(problems.join('\n'));
    source = s;
    target = t;
  }
  // Both tenants at once (live mode: two syncs in parallel).
  const [sourceUsers, targetUsers, sourceGroups, targetGroups] = await Promise.all([
    source.users(),
    target.users(),
    source.groups(),
    target.groups(),
  ]);
  const settings = matchSettings(scope);
  const proposals = [
    ...matchUsers(sourceUsers, targetUsers, { sourceTenantId, cascade: settings.cascade, domainMap: settings.domainMap }),
    ...matchGroups(sourceGroups, targetGroups, { sourceTenantId }),
  ];
  return { review: new MatchReview(proposals, sourceTenantId), warnings: [...settings.problems, ...problems] };
}
