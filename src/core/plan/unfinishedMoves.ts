/**
 * What is still to move between two geographies: the batch users whose move has not succeeded.
 * Removing a trust while they remain stops them for good (domain.md §7), so the removal asks with
 * these numbers first.
 */
import { isPendingState } from './moveStates';
import { batchUserSource } from './planQueries';
import type { Plan } from './planSchema';
import { upnKey } from './principalNames';

export interface UnfinishedMoves {
  /** Queued and not finished yet (NotStarted, Scheduled, InProgress, …). */
  inProgress: number;
  /** In a batch of the pair but never queued, failed, refused or stopped. */
  notMoved: number;
}

/** For one pair, or for every pair of the plan when `pair` is omitted. */
export function unfinishedMoves(plan: Plan, pair?: { sourceGeography: string; targetGeography: string }): UnfinishedMoves {
  const out: UnfinishedMoves = { inProgress: 0, notMoved: 0 };
  const seen = new Set<string>();
  for (const batch of plan.batches ?? []) {
    if (pair && (batch.sourceGeography !== pair.sourceGeography || batch.targetGeography !== pair.targetGeography)) continue;
    for (const user of batch.users) {
      const key = upnKey(batchUserSource(user));
      if (seen.has(key)) continue;
      seen.add(key);
      const state = plan.moves?.[key]?.state;
      if (state === 'Success') continue;
      if (isPendingState(state)) out.inProgress++;
      else out.notMoved++;
    }
  }
  return out;
}
