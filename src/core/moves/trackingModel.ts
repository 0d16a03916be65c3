/**
 * Everything the Moves view, the report and the CLI show about step 6, computed once from the plan
 * and the result files: per batch (counts, pace, projection, flags), per source geography (the
 * queue's used slots), per user (rows), over time (history) and who did what when (activity).
 */
import { explainErrorCode } from '../errors/mnaErrorCodes';
import { isPendingState } from '../plan/moveStates';
import { queueLimit } from '../plan/planQueries';
import type { Plan } from '../plan/planSchema';
import { activityLog, type ActivityEvent } from './activityLog';
import { batchSummary, type BatchSummary } from './batchSummary';
import { emptyCounts, type CategoryCounts } from './moveCategory';
import { MOVE_FLAGS, type MoveFlag, type MoveThresholds } from './moveFlags';
import { moveHistory, type HistoryPoint, type ResultOnFile } from './moveHistory';
import { moveRows, type MoveRow } from './moveRows';

export interface BatchTracking extends Omit<BatchSummary, 'failures'> {
  counts: CategoryCounts;
  flagged: Record<MoveFlag, number>;
  preferredBeginUtc?: string;
  preferredEndUtc?: string;
}

export interface QueueUse {
  sourceGeography: string;
  /** Moves of this geography still in the queue, across every target partner. */
  used: number;
  limit: number;
}

export interface FailureCause {
  /** Undefined: the error text names no known code. */
  errorCode?: string;
  meaning?: string;
  fix?: string;
  count: number;
  /** The first few users, for the report. */
  users: string[];
}

export interface TrackingModel {
  at: string;
  thresholds: MoveThresholds;
  batches: BatchTracking[];
  total: CategoryCounts;
  queues: QueueUse[];
  rows: MoveRow[];
  failures: FailureCause[];
  history: HistoryPoint[];
  activity: ActivityEvent[];
}

const USERS_PER_CAUSE = 5;

export function trackingModel(plan: Plan, results: readonly ResultOnFile[], now: Date, thresholds: MoveThresholds): TrackingModel {
  const history = moveHistory(plan, results);
  const rows = moveRows(plan, history.since, now, thresholds);
  const total = emptyCounts();
  const perBatch = new Map<string, { counts: CategoryCounts; flagged: Record<MoveFlag, number> }>();
  const causes = new Map<string, FailureCause>();
  for (const row of rows) {
    let b = perBatch.get(row.batch);
    if (!b) perBatch.set(row.batch, (b = { counts: emptyCounts(), flagged: { stuck: 0, late: 0, stale: 0 } }));
    b.counts[row.category]++;
    total[row.category]++;
    for (const f of row.flags) b.flagged[f]++;
    if (row.category === 'failed' || row.category === 'refused') {
      const code = row.errorCode ?? '';
      let cause = causes.get(code);
      if (!cause) {
        const known = row.errorCode ? explainErrorCode(row.errorCode) : undefined;
        cause = {
          count: 0,
          users: [],
          ...(row.errorCode ? { errorCode: row.errorCode } : {}),
          ...(known ? { meaning: known.meaning, fix: known.fix } : {}),
        };
        causes.set(code, cause);
      }
      cause.count++;
      if (cause.users.length < USERS_PER_CAUSE) cause.users.push(row.user);
    }
  }
  const batches = (plan.batches ?? []).map((batch): BatchTracking => {
    // No queue time on record (the moves came from exports only): the first result that shows one of its moves.
    const firstSeen = history.points.find((p) => {
      const c = p.counts[batch.name];
      return c !== undefined && c.notQueued < batch.users.length;
    })?.at;
    const { failures: _failures, ...summary } = batchSummary(plan, batch, now, firstSeen);
    const b = perBatch.get(batch.name) ?? {
      counts: { ...emptyCounts(), notQueued: batch.users.length },
      flagged: { stuck: 0, late: 0, stale: 0 },
    };
    return {
      ...summary,
      counts: b.counts,
      flagged: b.flagged,
      ...(batch.preferredBeginUtc ? { preferredBeginUtc: batch.preferredBeginUtc } : {}),
      ...(batch.preferredEndUtc ? { preferredEndUtc: batch.preferredEndUtc } : {}),
    };
  });
  return {
    at: now.toISOString(),
    thresholds,
    batches,
    total,
    queues: queueUse(plan),
    rows,
    failures: [...causes.values()].sort((a, b) => b.count - a.count),
    history: history.points,
    activity: activityLog(results),
  };
}

/** The used slots of each source geography's queue (every move still pending, whichever batch or partner). */
export function queueUse(plan: Plan): QueueUse[] {
  const limit = queueLimit(plan);
  const used = new Map(plan.source.geographies.map((g) => [g.code, 0]));
  for (const move of Object.values(plan.moves ?? {})) {
    if (isPendingState(move.state) && move.sourceGeography !== undefined && used.has(move.sourceGeography))
      used.set(move.sourceGeography, used.get(move.sourceGeography)! + 1);
  }
  return [...used].map(([sourceGeography, n]) => ({ sourceGeography, used: n, limit }));
}

export function flagTotals(model: Pick<TrackingModel, 'batches'>): Record<MoveFlag, number> {
  const out = Object.fromEntries(MOVE_FLAGS.map((f) => [f, 0])) as Record<MoveFlag, number>;
  for (const b of model.batches) for (const f of MOVE_FLAGS) out[f] += b.flagged[f];
  return out;
}
