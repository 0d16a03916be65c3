/**
 * One row per batch user for the Moves view, the report and its CSV: where the move stands, since
 * when, what went wrong and where the OneDrive lives on each side.
 */
import { batchUserSource, batchUserTarget, findGeography, oneDriveHostOf } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { personalSiteUrl } from '../tenancy/oneDriveUrls';
import { moveCategory, type MoveCategory } from './moveCategory';
import type { StateSince } from './moveHistory';
import { moveFlags, type MoveFlag, type MoveThresholds } from './moveFlags';

export interface MoveRow {
  user: string;
  target?: string;
  batch: string;
  sourceGeography: string;
  targetGeography: string;
  /** The state as the engine reported it (undefined: never queued). */
  state?: string;
  category: MoveCategory;
  /** Since when it is in this state (the first result that reported it), when known. */
  since?: string;
  /** The time of the newest state. */
  updatedAt?: string;
  errorCode?: string;
  error?: string;
  sourceUrl?: string;
  targetUrl?: string;
  flags: MoveFlag[];
}

export function moveRows(plan: Plan, since: ReadonlyMap<string, StateSince>, now: Date, thresholds: MoveThresholds): MoveRow[] {
  const rows: MoveRow[] = [];
  for (const batch of plan.batches ?? []) {
    const sourceGeo = findGeography(plan, 'source', batch.sourceGeography);
    const targetGeo = findGeography(plan, 'target', batch.targetGeography);
    const sourceHost = sourceGeo ? oneDriveHostOf(sourceGeo) : '';
    const targetHost = targetGeo ? oneDriveHostOf(targetGeo) : '';
    const windowEnd = batch.preferredEndUtc ?? batch.preferredBeginUtc;
    for (const u of batch.users) {
      const user = batchUserSource(u);
      const key = upnKey(user);
      const move = plan.moves?.[key];
      const category = moveCategory(move?.state);
      const target = move?.targetUser ?? batchUserTarget(u);
      // The first result of the current state (when the results still on file end in it); else a queued move has waited since it was queued.
      const history = since.get(key);
      const started = history && history.state === move?.state ? history.at : category === 'scheduled' ? move?.queuedAt : undefined;
      const row: MoveRow = {
        user,
        batch: batch.name,
        sourceGeography: batch.sourceGeography,
        targetGeography: batch.targetGeography,
        category,
        flags: moveFlags({ category, since: started, updatedAt: move?.updatedAt, windowEnd }, now, thresholds),
      };
      if (target) row.target = target;
      if (move) {
        row.state = move.state;
        row.updatedAt = move.updatedAt;
        if (move.errorCode) row.errorCode = move.errorCode;
        if (move.error) row.error = move.error;
      }
      if (started) row.since = started;
      const sourceUrl = move?.sourceSiteUrl ?? (sourceHost ? personalSiteUrl(sourceHost, user) : undefined);
      const targetUrl = move?.targetSiteUrl ?? (targetHost && target ? personalSiteUrl(targetHost, target) : undefined);
      if (sourceUrl) row.sourceUrl = sourceUrl;
      if (targetUrl) row.targetUrl = targetUrl;
      rows.push(row);
    }
  }
  return rows;
}
