/**
 * Where a batch stands, user by user: moved, failed, scheduled (queued, waiting for a slot or its
 * window), in progress, not queued yet. Scheduled and in progress are told apart: a batch whose
 * moves all sit in Scheduled is waiting for its window, not running.
 */
import { moveCategory, type MoveCategory } from '../moves/moveCategory';
import { batchUserSource } from './planQueries';
import type { Batch, Plan } from './planSchema';
import { upnKey } from './principalNames';

export interface BatchProgress {
  users: number;
  moved: number;
  failed: number;
  scheduled: number;
  inProgress: number;
  notQueued: number;
}

/** The summary's five groups of the finer categories (a stopped or not-started move is not queued). */
const GROUP: Record<MoveCategory, keyof Omit<BatchProgress, 'users'>> = {
  success: 'moved',
  failed: 'failed',
  refused: 'failed',
  scheduled: 'scheduled',
  readyToTrigger: 'scheduled',
  rescheduled: 'scheduled',
  inProgress: 'inProgress',
  notStarted: 'notQueued',
  stopped: 'notQueued',
  unknown: 'notQueued',
  notQueued: 'notQueued',
};

export function batchProgress(plan: Plan, batch: Batch): BatchProgress {
  const p: BatchProgress = { users: batch.users.length, moved: 0, failed: 0, scheduled: 0, inProgress: 0, notQueued: 0 };
  for (const user of batch.users) p[GROUP[moveCategory(plan.moves?.[upnKey(batchUserSource(user))]?.state)]]++;
  return p;
}

/** "1/4 moved, 1 failed, 1 scheduled, 1 in progress" (parts that are zero are left out, "moved" never). */
export function describeBatchProgress(p: BatchProgress): string {
  const parts = [`${p.moved}/${p.users} moved`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.scheduled) parts.push(`${p.scheduled} scheduled`);
  if (p.inProgress) parts.push(`${p.inProgress} in progress`);
  if (p.notQueued && p.notQueued < p.users) parts.push(`${p.notQueued} not queued`);
  return parts.join(', ');
}
