/**
 * Reading the entries of a move-state export: which user each names, and which entry counts when a
 * user is listed more than once. Shared by the import into the plan and the history of the moves.
 */
import { batchUserSource, findGeography, hostUrlOf } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { isPendingState } from '../plan/moveStates';
import { personalSiteUrl } from '../tenancy/oneDriveUrls';
import type { ResultData } from './resultSchema';

export type MoveEntry = ResultData<'moveState'>['entries'][number];

/**
 * A user moved more than once (a retry, a move back) is listed once per move: keep, per user and
 * partner, the move under way first, then a Success, then the newest by its time stamp.
 */
export function bestEntryPerMove(entries: readonly MoveEntry[]): MoveEntry[] {
  const rank = (e: MoveEntry) => (isPendingState(e.state ?? undefined) ? 3 : e.state === 'Success' ? 2 : 1);
  const best = new Map<string, MoveEntry>();
  const unnamed: MoveEntry[] = [];
  for (const e of entries) {
    const who = (e.sourceUserPrincipalName || e.sourceSiteUrl || '').trim().replace(/\/+$/, '').toLowerCase();
    if (!who) {
      unnamed.push(e);
      continue;
    }
    const key = `${who} ${e.partnerHostUrl.toLowerCase()}`;
    const seen = best.get(key);
    const newer = (a: MoveEntry, b: MoveEntry) => (Date.parse(a.timeStamp ?? '') || 0) > (Date.parse(b.timeStamp ?? '') || 0);
    if (!seen || rank(e) > rank(seen) || (rank(e) === rank(seen) && newer(e, seen))) best.set(key, e);
  }
  return [...best.values(), ...unnamed];
}

/** Batch users by the URL of their source OneDrive (for reports that name moves only by URL). */
export function sourceUsersBySiteUrl(plan: Plan): Map<string, string> {
  const map = new Map<string, string>();
  for (const batch of plan.batches ?? []) {
    const host = hostUrlOf(findGeography(plan, 'source', batch.sourceGeography));
    if (!host) continue;
    for (const u of batch.users) map.set(personalSiteUrl(host, batchUserSource(u)), batchUserSource(u));
  }
  return map;
}

/** The source UPN an entry is about: its own, or (some module versions name the move only by the source OneDrive's URL) the batch user of that URL. */
export function moveEntrySource(entry: MoveEntry, bySite: ReadonlyMap<string, string>): string | undefined {
  return (
    entry.sourceUserPrincipalName ||
    (entry.sourceSiteUrl ? bySite.get(entry.sourceSiteUrl.trim().replace(/\/+$/, '').toLowerCase()) : undefined) ||
    undefined
  );
}
