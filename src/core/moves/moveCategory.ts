/**
 * The categories the Moves view, the report and the chart count moves in: the engine's documented
 * states, plus what only the plan knows (a queue attempt the engine refused, a user never queued).
 * Every state name the cmdlets may report (domain.md §1.7) falls into exactly one.
 */
import { isFailedState } from '../plan/moveStates';

export const MOVE_CATEGORIES = [
  'success',
  'failed',
  'refused',
  'stopped',
  'inProgress',
  'rescheduled',
  'readyToTrigger',
  'scheduled',
  'notStarted',
  'unknown',
  'notQueued',
] as const;
export type MoveCategory = (typeof MOVE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<MoveCategory, string> = {
  success: 'Success',
  failed: 'Failed',
  refused: 'Refused when queued',
  stopped: 'Stopped',
  inProgress: 'In progress',
  rescheduled: 'Rescheduled',
  readyToTrigger: 'Ready to trigger',
  scheduled: 'Scheduled',
  notStarted: 'Not started',
  unknown: 'Unknown state',
  notQueued: 'Never queued',
};

/** The category of a move's last known state (`undefined`: no move record, never queued). */
export function moveCategory(state: string | undefined): MoveCategory {
  switch (state) {
    case undefined:
      return 'notQueued';
    case 'Success':
    case 'Completed':
      return 'success';
    case 'QueueFailed':
      return 'refused';
    case 'Stopped':
      return 'stopped';
    case 'InProgress':
      return 'inProgress';
    case 'Rescheduled':
      return 'rescheduled';
    case 'ReadyToTrigger':
    case 'ReadytoTrigger':
      return 'readyToTrigger';
    // Queued is what the queue script records; the engine reports it as Scheduled (or Queued).
    case 'Scheduled':
    case 'Queued':
      return 'scheduled';
    case 'NotStarted':
      return 'notStarted';
    default:
      // A name no source lists (or none read from the cmdlet's output) is shown as it is: it needs a look.
      return isFailedState(state) ? 'failed' : 'unknown';
  }
}

/** A move in one of these is over: nothing more will happen to it without the admin. */
export const SETTLED_CATEGORIES: ReadonlySet<MoveCategory> = new Set(['success', 'failed', 'refused', 'stopped']);

export type CategoryCounts = Record<MoveCategory, number>;

export function emptyCounts(): CategoryCounts {
  return Object.fromEntries(MOVE_CATEGORIES.map((c) => [c, 0])) as CategoryCounts;
}
