/**
 * Moves through Microsoft Graph (beta; an optional backend beside the PowerShell scripts): the
 * identity map uploaded as mappings (target), move tasks created with the preferred start and
 * validateOnly (source), each user's task read back in $batch requests of 20, a task cancelled
 * before it starts. Unconfirmed against a real tenant (live-mode.md §1a–1b). What comes back is
 * returned in the shapes of the scripts' results, so it lands in the plan the same way.
 */
import { deltaBodies, graphMappings, moveStateOfTask } from '../../core/live/graphMappings';
import type { IdentityMapRow } from '../../core/identity/identityMapRows';
import type { ResultData } from '../../core/results/resultSchema';
import type { GraphAccess } from './graphDirectory';
import { LiveHttpError } from './liveHttp';

const MIGRATIONS = '/beta/solutions/sharePoint/migrations';
const BATCH = 20;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Uploads every row of the map (users, then groups) as delta PATCHes of 50; returns how many went. */
export async function uploadMappings(
  access: GraphAccess,
  rows: readonly IdentityMapRow[],
  onProgress?: (sent: number, total: number) => void,
): Promise<{ users: number; groups: number }> {
  const { users, groups } = graphMappings(rows);
  const total = users.length + groups.length;
  let sent = 0;
  for (const [kind, items] of [
    ['crossOrganizationUserMappings', users],
    ['crossOrganizationGroupMappings', groups],
  ] as const) {
    for (const body of deltaBodies(items)) {
      await access.http.patchJson(`${access.graphBaseUrl}${MIGRATIONS}/${kind}`, await access.token(), body, access.signal);
      sent += body.value.length;
      onProgress?.(sent, total);
    }
  }
  return { users: users.length, groups: groups.length };
}

export interface TaskRequest {
  source: string;
  target: string;
  targetHostUrl: string;
  targetDataLocationCode?: string;
  preferredStart?: string;
}

/** Creates one task per user (no bulk call exists); a refusal costs that user only. As a queuedMoves result's entries. */
export async function createMoveTasks(
  access: GraphAccess,
  requests: readonly TaskRequest[],
  validateOnly: boolean,
  now: () => Date,
  onProgress?: (done: number, total: number) => void,
): Promise<ResultData<'queuedMoves'>['entries']> {
  const entries: ResultData<'queuedMoves'>['entries'] = [];
  for (const [i, r] of requests.entries()) {
    const body = {
      parameters: {
        '@odata.type': '#microsoft.graph.sharePointUserMigrationTaskParameters',
        sourceUserIdentity: { userPrincipalName: r.source },
        targetUserIdentity: { userPrincipalName: r.target },
        targetOrganizationHost: r.targetHostUrl,
        ...(r.targetDataLocationCode ? { targetDataLocationCode: r.targetDataLocationCode } : {}),
        ...(r.preferredStart ? { preferredStartDateTime: r.preferredStart } : {}),
        ...(validateOnly ? { validateOnly: true } : {}),
      },
    };
    try {
      const task = await access.http.postJson<{ status?: string; error?: { message?: string } | null }>(
        `${access.graphBaseUrl}${MIGRATIONS}/crossOrganizationMigrationTasks`,
        await access.token(),
        body,
        access.signal,
      );
      const failed = task.status === 'failed';
      entries.push({
        source: r.source,
        target: r.target,
        status: validateOnly ? (failed ? 'failed' : 'validated') : 'queued',
        at: now().toISOString(),
        error: failed ? (task.error?.message ?? 'failed') : null,
      });
    } catch (error) {
      if (!(error instanceof LiveHttpError)) throw error;
      entries.push({ source: r.source, target: r.target, status: 'failed', at: now().toISOString(), error: errorText(error) });
    }
    onProgress?.(i + 1, requests.length);
  }
  return entries;
}

/** Each user's newest task, 20 users a $batch request; as a moveState result's entries (users without a task are left out). */
export async function readMoveTasks(
  access: GraphAccess,
  users: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<ResultData<'moveState'>['entries']> {
  const entries: ResultData<'moveState'>['entries'] = [];
  for (let i = 0; i < users.length; i += BATCH) {
    const slice = users.slice(i, i + BATCH);
    const requests = slice.map((upn, n) => ({
      id: String(n),
      method: 'GET',
      url: `/solutions/sharePoint/migrations/crossOrganizationMigrationTasks/getBySourceUserPrincipalName(sourcePrincipalName='${encodeURIComponent(upn.replace(/'/g, "''"))}')`,
    }));
    const answer = await access.http.postJson<{ responses?: Array<{ id: string; status: number; body?: Record<string, unknown> }> }>(
      `${access.graphBaseUrl}/beta/$batch`,
      await access.token(),
      { requests },
      access.signal,
    );
    for (const r of answer.responses ?? []) {
      const upn = slice[Number(r.id)];
      if (!upn || r.status !== 200 || !r.body) continue;
      const p = (r.body.parameters ?? {}) as Record<string, unknown>;
      const error = r.body.error as { message?: string } | null | undefined;
      entries.push({
        sourceUserPrincipalName: upn,
        targetUserPrincipalName:
          typeof (p.targetUserIdentity as { userPrincipalName?: unknown } | undefined)?.userPrincipalName === 'string'
            ? (p.targetUserIdentity as { userPrincipalName: string }).userPrincipalName
            : null,
        state: moveStateOfTask(String(r.body.status ?? '')),
        moveJobId: typeof r.body.id === 'string' ? r.body.id : null,
        sourceSiteUrl: typeof p.sourceSiteUrl === 'string' ? p.sourceSiteUrl : null,
        targetSiteUrl: typeof p.targetSiteUrl === 'string' ? p.targetSiteUrl : null,
        timeStamp: typeof r.body.lastUpdatedDateTime === 'string' ? r.body.lastUpdatedDateTime : null,
        error: error?.message ?? null,
        partnerHostUrl: typeof p.targetOrganizationHost === 'string' ? p.targetOrganizationHost : '',
      });
    }
    onProgress?.(Math.min(users.length, i + BATCH), users.length);
  }
  return entries;
}

/** Cancels a user's task (only before it starts: the service refuses afterwards). */
export async function cancelMoveTask(access: GraphAccess, upn: string): Promise<void> {
  const base = `${access.graphBaseUrl}${MIGRATIONS}/crossOrganizationMigrationTasks`;
  const task = await access.http.getJson<{ id?: string }>(
    `${base}/getBySourceUserPrincipalName(sourcePrincipalName='${encodeURIComponent(upn.replace(/'/g, "''"))}')`,
    await access.token(),
    access.signal,
  );
  if (!task.id) throw new LiveHttpError(`No migration task for ${upn}.`, 404, 'itemNotFound');
  await access.http.postJson(`${base}/${encodeURIComponent(task.id)}/cancel`, await access.token(), {}, access.signal);
}
