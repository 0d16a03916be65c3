/**
 * Messages between the Moves view's host and its webview. The host keeps the rows (20,000 and more)
 * and answers the windows the table shows; the webview gets the summary (batches, queues, the
 * history for the chart) once per change. Everything the webview sends is untrusted: the host acts
 * only on what `parseMovesViewMessage` accepts.
 */
import { MOVE_CATEGORIES, type CategoryCounts, type MoveCategory } from '../src/core/moves/moveCategory';
import { MOVE_FLAGS, type MoveFlag, type MoveThresholds } from '../src/core/moves/moveFlags';
import { MOVE_SORT_COLUMNS, type MoveFilter, type MoveSort, type MoveSortColumn } from '../src/core/moves/moveFilter';
import type { MoveRow } from '../src/core/moves/moveRows';
import type { HistoryPoint } from '../src/core/moves/moveHistory';
import type { BatchTracking, FailureCause, QueueUse } from '../src/core/moves/trackingModel';

/** The rows a webview may ask for in one message. */
export const MAX_MOVES_WINDOW = 500;
/** Rows sent with a query's answer (the first screens, so the table paints without a round trip). */
export const FIRST_MOVE_ROWS = 100;
const MAX_TEXT = 200;
const MAX_LIST = 1000;

export interface MovesSummary {
  at: string;
  thresholds: MoveThresholds;
  batches: BatchTracking[];
  total: CategoryCounts;
  queues: QueueUse[];
  failures: FailureCause[];
  history: HistoryPoint[];
  /** Source geographies and error codes that occur, for the filters. */
  geographies: string[];
  errorCodes: string[];
  /** What each error code means and its fix. */
  explanations: Record<string, { meaning: string; fix: string }>;
  users: number;
  /** Whether the plan has an identity map to open a user's row in. */
  hasIdentityMap: boolean;
}

export type MovesHostMessage =
  | { type: 'init'; testHooks: boolean }
  | { type: 'summary'; summary: MovesSummary }
  /** The answer to a query: how many rows match, with the first ones. */
  | { type: 'view'; version: number; total: number; rows: MoveRow[] }
  | { type: 'rows'; version: number; start: number; rows: MoveRow[] }
  /** The host sets the filter (a click in the tree, a command with a filter). */
  | { type: 'filter'; filter: MoveFilter }
  | { type: 'busy'; busy: boolean; message?: string };

export const MOVE_ACTIONS = ['retryFailed', 'stopWaiting', 'refreshStates', 'exportReport'] as const;
export type MoveAction = (typeof MOVE_ACTIONS)[number];

export type MovesViewMessage =
  | { type: 'ready' }
  | { type: 'query'; version: number; filter: MoveFilter; sort: MoveSort }
  | { type: 'rows'; version: number; start: number; count: number }
  /** `batch`: the batch it is for (every batch when omitted, where that makes sense). */
  | { type: 'action'; action: MoveAction; batch?: string }
  | { type: 'openInMap'; user: string }
  | { type: 'explain'; code: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const hasOnly = (m: Obj, keys: readonly string[]) => Object.keys(m).every((k) => keys.includes(k));
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;

function stringList<T extends string>(v: unknown, allowed?: readonly T[]): T[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
  if (!v.every((x) => isText(x) && (!allowed || allowed.includes(x as T)))) return undefined;
  return v as T[];
}

export function parseMoveFilter(v: unknown): MoveFilter | undefined {
  if (!isObj(v) || !hasOnly(v, ['categories', 'batches', 'geographies', 'errorCodes', 'flag', 'text'])) return undefined;
  const out: MoveFilter = {};
  if (v.categories !== undefined) {
    const c = stringList<MoveCategory>(v.categories, MOVE_CATEGORIES);
    if (!c) return undefined;
    out.categories = c;
  }
  for (const key of ['batches', 'geographies', 'errorCodes'] as const) {
    if (v[key] === undefined) continue;
    const list = stringList<string>(v[key]);
    if (!list) return undefined;
    out[key] = list;
  }
  if (v.flag !== undefined) {
    if (v.flag !== 'any' && !MOVE_FLAGS.includes(v.flag as MoveFlag)) return undefined;
    out.flag = v.flag as MoveFlag | 'any';
  }
  if (v.text !== undefined) {
    if (!isText(v.text)) return undefined;
    out.text = v.text;
  }
  return out;
}

function parseSort(v: unknown): MoveSort | undefined {
  if (!isObj(v) || !hasOnly(v, ['column', 'descending'])) return undefined;
  if (!MOVE_SORT_COLUMNS.includes(v.column as MoveSortColumn) || (v.descending !== undefined && typeof v.descending !== 'boolean'))
    return undefined;
  return { column: v.column as MoveSortColumn, ...(v.descending ? { descending: true } : {}) };
}

/** Validates a message from the Moves webview; undefined means "ignore it". */
export function parseMovesViewMessage(value: unknown): MovesViewMessage | undefined {
  if (!isObj(value)) return undefined;
  const m = value;
  switch (m.type) {
    case 'ready':
      return hasOnly(m, ['type']) ? { type: 'ready' } : undefined;
    case 'query': {
      const filter = parseMoveFilter(m.filter);
      const sort = parseSort(m.sort);
      return filter && sort && isIndex(m.version) && hasOnly(m, ['type', 'version', 'filter', 'sort'])
        ? { type: 'query', version: m.version, filter, sort }
        : undefined;
    }
    case 'rows':
      return isIndex(m.version) &&
        isIndex(m.start) &&
        isIndex(m.count, MAX_MOVES_WINDOW) &&
        hasOnly(m, ['type', 'version', 'start', 'count'])
        ? { type: 'rows', version: m.version, start: m.start, count: m.count }
        : undefined;
    case 'action':
      if (!MOVE_ACTIONS.includes(m.action as MoveAction) || !hasOnly(m, ['type', 'action', 'batch'])) return undefined;
      if (m.batch !== undefined && !isText(m.batch)) return undefined;
      return m.batch === undefined
        ? { type: 'action', action: m.action as MoveAction }
        : { type: 'action', action: m.action as MoveAction, batch: m.batch };
    case 'openInMap':
      return isText(m.user, 320) && m.user.length > 0 && hasOnly(m, ['type', 'user']) ? { type: 'openInMap', user: m.user } : undefined;
    case 'explain':
      return isText(m.code, 100) && /^[\w-]+$/.test(m.code) && hasOnly(m, ['type', 'code']) ? { type: 'explain', code: m.code } : undefined;
    default:
      return undefined;
  }
}
