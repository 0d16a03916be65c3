/**
 * Where each batch stands and how fast it goes: counts by state (batchProgress), when it started
 * (the first queued move), its last change, its throughput (moves finished per hour since it
 * started) and, from that pace, when the moves it has queued should be done. All from the move
 * records the results folded into the plan; nothing is guessed where the records say nothing.
 */
import { explainErrorCode } from '../errors/mnaErrorCodes';
import { batchProgress, type BatchProgress } from '../plan/batchProgress';
import { isFailedState } from '../plan/moveStates';
import { batchUserSource } from '../plan/planQueries';
import type { Batch, Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';

export interface BatchSummary {
  name: string;
  sourceGeography: string;
  targetGeography: string;
  progress: BatchProgress;
  /** The first move of the batch that was queued. */
  startedAt?: string;
  /** The newest state change of any of its moves. */
  lastChangeAt?: string;
  /** Moves that succeeded per hour, from the start to the last success. */
  movesPerHour?: number;
  /** When the queued moves (scheduled and in progress) should be done at that pace. */
  projectedFinish?: string;
  failures: Array<{ user: string; errorCode?: string; fix?: string }>;
}

export interface MigrationStatus {
  batches: BatchSummary[];
  total: BatchProgress;
  /** 0 every move done, 1 a move failed, 3 moves still to do (queued or not). */
  exitCode: 0 | 1 | 3;
}

const HOUR = 3_600_000;
const maxIso = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);
const minIso = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : Date.parse(a) <= Date.parse(b) ? a : b);

/** `firstSeen`: when the results first showed one of its moves, for a batch whose queue times are not on record. */
export function batchSummary(plan: Plan, batch: Batch, now: Date, firstSeen?: string): BatchSummary {
  const progress = batchProgress(plan, batch);
  const summary: BatchSummary = {
    name: batch.name,
    sourceGeography: batch.sourceGeography,
    targetGeography: batch.targetGeography,
    progress,
    failures: [],
  };
  let lastSuccess: string | undefined;
  for (const user of batch.users) {
    const upn = batchUserSource(user);
    const move = plan.moves?.[upnKey(upn)];
    if (!move) continue;
    summary.startedAt = minIso(summary.startedAt, move.queuedAt);
    summary.lastChangeAt = maxIso(summary.lastChangeAt, move.updatedAt);
    if (move.state === 'Success' || move.state === 'Completed') lastSuccess = maxIso(lastSuccess, move.updatedAt);
    if (isFailedState(move.state)) {
      const fix = move.errorCode ? explainErrorCode(move.errorCode)?.fix : undefined;
      summary.failures.push({ user: upn, ...(move.errorCode ? { errorCode: move.errorCode } : {}), ...(fix ? { fix } : {}) });
    }
  }
  summary.startedAt ??= firstSeen;
  if (summary.startedAt && lastSuccess && progress.moved) {
    const hours = (Date.parse(lastSuccess) - Date.parse(summary.startedAt)) / HOUR;
    if (hours > 0) summary.movesPerHour = progress.moved / hours;
  }
  const queued = progress.scheduled + progress.inProgress;
  if (summary.movesPerHour && queued) {
    summary.projectedFinish = new Date(now.getTime() + (queued / summary.movesPerHour) * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return summary;
}

export function migrationStatus(plan: Plan, now: Date): MigrationStatus {
  const batches = (plan.batches ?? []).map((b) => batchSummary(plan, b, now));
  const total: BatchProgress = { users: 0, moved: 0, failed: 0, scheduled: 0, inProgress: 0, notQueued: 0 };
  for (const b of batches) for (const k of Object.keys(total) as Array<keyof BatchProgress>) total[k] += b.progress[k];
  const exitCode = total.failed ? 1 : total.moved < total.users ? 3 : 0;
  return { batches, total, exitCode };
}

/** "0.03", "4.50", "120": a pace with the precision that matters at its size. */
export function formatPace(movesPerHour: number): string {
  return movesPerHour >= 10 ? Math.round(movesPerHour).toLocaleString('en-US') : movesPerHour.toFixed(2);
}
