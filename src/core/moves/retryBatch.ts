/**
 * "Retry the failed users": after the cause is fixed, the failed (and refused) users of a batch move
 * into a new batch of their own, which remembers where they came from (retryOf) so that its queue
 * script queues them again. The original batch keeps the rest, so every user stays in one batch.
 */
import { batchSlug, batchUserSource } from '../plan/planQueries';
import type { Batch, Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { moveCategory } from './moveCategory';
import { MAX_BATCH_NAME } from '../plan/validatePlan';

export interface RetryBatch {
  plan: Plan;
  batch: Batch;
}

/** The users of a batch whose move failed or was refused when queued. */
export function failedUsersOf(plan: Plan, batch: Batch): Batch['users'] {
  return batch.users.filter((u) => {
    const c = moveCategory(plan.moves?.[upnKey(batchUserSource(u))]?.state);
    return c === 'failed' || c === 'refused';
  });
}

/** A name no batch uses (nor its file-name form): "Wave 1 retry", "Wave 1 retry 2", … */
function freeName(plan: Plan, base: string): string {
  const slugs = new Set((plan.batches ?? []).map((b) => batchSlug(b.name)));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? ' retry' : ` retry ${i}`;
    const name = `${base.slice(0, MAX_BATCH_NAME - suffix.length)}${suffix}`;
    if (!slugs.has(batchSlug(name))) return name;
  }
}

/** The plan with the batch's failed users moved into a new retry batch; undefined when none failed. */
export function withRetryBatch(plan: Plan, batchName: string): RetryBatch | undefined {
  const original = plan.batches?.find((b) => b.name === batchName);
  if (!original) return undefined;
  const failed = failedUsersOf(plan, original);
  if (!failed.length) return undefined;
  const leaving = new Set(failed);
  const batch: Batch = {
    name: freeName(plan, original.name),
    sourceGeography: original.sourceGeography,
    targetGeography: original.targetGeography,
    users: failed,
    retryOf: original.name,
  };
  const batches = plan.batches!.flatMap((b) => (b === original ? [{ ...b, users: b.users.filter((u) => !leaving.has(u)) }, batch] : [b]));
  return { plan: { ...plan, batches }, batch };
}
