/**
 * Which users of a batch a queue run should ask for, as the queue script decides: not those already
 * moved or under way, and failed ones only in a retry batch (the script's -RetryFailed).
 */
import { batchUserSource } from '../plan/planQueries';
import type { Batch, BatchUser, Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { moveCategory } from './moveCategory';

export function queueCandidates(plan: Plan, batch: Batch): { queue: BatchUser[]; skipped: number } {
  const queue: BatchUser[] = [];
  for (const u of batch.users) {
    const c = moveCategory(plan.moves?.[upnKey(batchUserSource(u))]?.state);
    const take =
      c === 'notQueued' || c === 'stopped' || c === 'unknown' || ((c === 'failed' || c === 'refused') && batch.retryOf !== undefined);
    if (take) queue.push(u);
  }
  return { queue, skipped: batch.users.length - queue.length };
}
