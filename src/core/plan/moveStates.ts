/** Move states as the cmdlets report them (domain.md §1.7: the documented ones and the filter enum's). */

/** A move in one of these still occupies the queue of its source geography. */
export const PENDING_MOVE_STATES = ['NotStarted', 'Scheduled', 'Queued', 'ReadyToTrigger', 'InProgress', 'Rescheduled'] as const;

/** A move in one of these can still be stopped (Stop-SPOCrossTenantUserContentMove refuses InProgress, Rescheduled and Success; domain.md §1.7). */
export const STOPPABLE_STATES = ['NotStarted', 'Scheduled', 'Queued', 'ReadyToTrigger'] as const;
const STOPPABLE: ReadonlySet<string> = new Set(STOPPABLE_STATES);

export function isStoppableState(state: string | undefined): boolean {
  return state !== undefined && STOPPABLE.has(state);
}

/** A move in one of these did not happen and needs the admin (fix the cause, queue again). */
export const FAILED_STATES = ['Failed', 'QueueFailed', 'NotSupported'] as const;

const PENDING: ReadonlySet<string> = new Set(PENDING_MOVE_STATES);
const FAILED: ReadonlySet<string> = new Set(FAILED_STATES);

/** Whether a move in this state still occupies the queue. */
export function isPendingState(state: string | undefined): boolean {
  return state !== undefined && PENDING.has(state);
}

/** Whether a move in this state failed (the admin fixes the cause and queues it again). */
export function isFailedState(state: string | undefined): boolean {
  return state !== undefined && FAILED.has(state);
}

/** Whether a newer report of `next` replaces the move's `current` state: a re-run that tried to queue a user again (and was refused) says nothing about the move that succeeded. */
export function replacesState(current: string | undefined, next: string): boolean {
  return !(current === 'Success' && (next === 'QueueFailed' || next === 'Queued'));
}
