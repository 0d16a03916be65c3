/**
 * The moves over time, from the result files alone: every move-state export, queue run and stop run
 * is a point in time, and the history is each batch's counts by category after each of them (no
 * second copy of the truth is kept). The same replay tells since when each move is in its state.
 */
import { batchUserSource } from '../plan/planQueries';
import { replacesState } from '../plan/moveStates';
import type { Plan } from '../plan/planSchema';
import { upnKey } from '../plan/principalNames';
import { bestEntryPerMove, moveEntrySource, sourceUsersBySiteUrl } from '../results/moveEntries';
import type { MigrationResult } from '../results/resultSchema';
import { emptyCounts, moveCategory, type CategoryCounts } from './moveCategory';

export interface ResultOnFile {
  file: string;
  result: MigrationResult;
}

export interface HistoryPoint {
  /** When the result was written. */
  at: string;
  file: string;
  /** Counts by category per batch name, after this result. */
  counts: Record<string, CategoryCounts>;
}

export interface StateSince {
  state: string;
  at: string;
}

export interface MoveHistory {
  points: HistoryPoint[];
  /** Per user (upnKey): the newest state the results report, and when the result that first reported it was written. */
  since: Map<string, StateSince>;
}

/** What a result says about moves: [source UPN, state] pairs (empty for results about something else). */
function reportedStates(result: MigrationResult, bySite: ReadonlyMap<string, string>): Array<[string, string]> {
  switch (result.kind) {
    case 'moveState': {
      const out: Array<[string, string]> = [];
      for (const e of bestEntryPerMove(result.data.entries)) {
        const source = moveEntrySource(e, bySite);
        if (source) out.push([source, e.state ?? 'Unknown']);
      }
      return out;
    }
    case 'queuedMoves':
      if (result.side !== 'source' || result.data.refused) return [];
      return result.data.entries.flatMap((e): Array<[string, string]> =>
        e.status === 'queued'
          ? [[e.source, 'Queued']]
          : e.status === 'failed' && !result.data.validationOnly
            ? [[e.source, 'QueueFailed']]
            : [],
      );
    case 'moveStop':
      return result.data.entries.filter((e) => e.ok).map((e): [string, string] => [e.source, 'Stopped']);
    default:
      return [];
  }
}

export function isMoveResult(result: MigrationResult): boolean {
  return result.kind === 'moveState' || result.kind === 'queuedMoves' || result.kind === 'moveStop';
}

export function moveHistory(plan: Plan, results: readonly ResultOnFile[]): MoveHistory {
  const batchOf = new Map<string, string>();
  const counts: Record<string, CategoryCounts> = {};
  for (const b of plan.batches ?? []) {
    counts[b.name] = { ...emptyCounts(), notQueued: b.users.length };
    for (const u of b.users) batchOf.set(upnKey(batchUserSource(u)), b.name);
  }
  const bySite = sourceUsersBySiteUrl(plan);
  const since = new Map<string, StateSince>();
  const points: HistoryPoint[] = [];
  const ordered = results.filter((r) => isMoveResult(r.result)).sort((a, b) => a.result.createdAt.localeCompare(b.result.createdAt));
  for (const { file, result } of ordered) {
    for (const [source, next] of reportedStates(result, bySite)) {
      const key = upnKey(source);
      const current = since.get(key)?.state;
      if (current === next || !replacesState(current, next)) continue;
      since.set(key, { state: next, at: result.createdAt });
      const batch = batchOf.get(key);
      if (batch === undefined) continue;
      counts[batch]![moveCategory(current)]--;
      counts[batch]![moveCategory(next)]++;
    }
    const copy: Record<string, CategoryCounts> = {};
    for (const name in counts) copy[name] = { ...counts[name]! };
    points.push({ at: result.createdAt, file, counts: copy });
  }
  return { points, since };
}
