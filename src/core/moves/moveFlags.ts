/**
 * Moves that need a look although nothing failed: stuck (in progress for longer than a threshold),
 * late (still waiting after its batch's preferred window ended) and stale (no fresh state for a while:
 * the states have not been exported, or the engine stopped reporting the move).
 */
import type { MoveCategory } from './moveCategory';

export type MoveFlag = 'stuck' | 'late' | 'stale';
export const MOVE_FLAGS: readonly MoveFlag[] = ['stuck', 'late', 'stale'];

export interface MoveThresholds {
  /** A move in progress (or ready to trigger, or rescheduled) for longer than this is stuck. */
  inProgressHours: number;
  /** A move still under way whose newest state is older than this is stale. */
  staleHours: number;
}

/** Microsoft documents no duration (domain.md §1.7): a day in progress, and a day without news, are worth a look. */
export const DEFAULT_THRESHOLDS: MoveThresholds = { inProgressHours: 24, staleHours: 24 };

const RUNNING: ReadonlySet<MoveCategory> = new Set(['inProgress', 'readyToTrigger', 'rescheduled']);
const WAITING: ReadonlySet<MoveCategory> = new Set(['scheduled', 'notStarted']);
const HOUR = 3_600_000;

export interface FlagInput {
  category: MoveCategory;
  /** Since when the move is in its state (from the history), when known. */
  since?: string;
  /** The time of the newest state. */
  updatedAt?: string;
  /** The end of the batch's preferred window (else its start). */
  windowEnd?: string;
}

export function moveFlags(move: FlagInput, now: Date, thresholds: MoveThresholds): MoveFlag[] {
  const flags: MoveFlag[] = [];
  const ago = (iso: string | undefined) => (iso ? (now.getTime() - Date.parse(iso)) / HOUR : NaN);
  if (RUNNING.has(move.category) && ago(move.since) > thresholds.inProgressHours) flags.push('stuck');
  if (WAITING.has(move.category) && ago(move.windowEnd) > 0) flags.push('late');
  if ((RUNNING.has(move.category) || WAITING.has(move.category)) && ago(move.updatedAt) > thresholds.staleHours) flags.push('stale');
  return flags;
}

/** "In progress for more than 24 h" and the like, for tooltips and the report. */
export function describeFlag(flag: MoveFlag, thresholds: MoveThresholds): string {
  switch (flag) {
    case 'stuck':
      return `In progress for more than ${thresholds.inProgressHours} h`;
    case 'late':
      return 'Still waiting after its preferred window';
    case 'stale':
      return `No fresh state for more than ${thresholds.staleHours} h`;
  }
}
