/**
 * Messages between the identity-map editor's host and its webview. The host keeps the rows; the
 * webview asks for the windows it shows. Everything the webview sends is untrusted: the host acts
 * only on what `parseMapViewMessage` accepts (shapes, sizes and ranges checked).
 */
import {
  GRID_COLUMNS,
  STATUS_FILTERS,
  type GridQuery,
  type GridRow,
  type GridSummary,
  type StatusFilter,
} from '../src/core/identity/identityMapGrid';
import { PROPOSAL_FILTERS, type ProposalCounts, type ProposalFilter, type ProposalView } from '../src/core/identity/matchReview';

/** The rows a webview may ask for in one message, and the cells it may send. */
export const MAX_WINDOW = 500;
/** Rows sent with a new query's view (two of the webview's blocks). */
export const FIRST_ROWS = 200;
export const MAX_CELL = 1024;
export const MAX_IDS = 200_000;

/** A row as the webview last saw it: edits apply only when the row still has these fields. */
export interface RowRef {
  row: number;
  fields: string[];
}

export type MapHostMessage =
  /**
   * The answer to each 'ready', before the view. `testHooks`: the extension host runs under test
   * (ODM_TEST_HOOKS=1), so the webview records the benchmark's timings (window.__odmPerf);
   * `openedAt`: when VS Code handed the document to the editor (epoch ms), once per editor, under test only.
   */
  | { type: 'init'; testHooks: boolean; openedAt?: number }
  /** `first`: the rows at the top of a new query's view, sent along to save a round trip. */
  | {
      type: 'view';
      version: number;
      total: number;
      query: GridQuery;
      summary: GridSummary;
      readOnly: boolean;
      first?: GridRow[];
    }
  | { type: 'rows'; version: number; start: number; rows: GridRow[] }
  | { type: 'reveal'; row: number; column: number; edit: boolean }
  /** The host sets the filter (the Moves view opens a user's row). */
  | { type: 'setQuery'; query: GridQuery }
  | { type: 'proposals'; version: number; total: number; filter: ProposalFilter; counts: ProposalCounts | null }
  | { type: 'proposalRows'; version: number; start: number; rows: ProposalView[] }
  | { type: 'notice'; severity: 'info' | 'warning' | 'error'; message: string };

export type MapViewMessage =
  | { type: 'ready'; query: GridQuery; filter: ProposalFilter }
  | { type: 'query'; query: GridQuery }
  | { type: 'rows'; version: number; start: number; count: number }
  | { type: 'edit'; ref: RowRef; column: number; value: string }
  | { type: 'insert'; after?: RowRef; copies?: RowRef[] }
  | { type: 'delete'; refs: RowRef[] }
  | { type: 'match' }
  | { type: 'proposalQuery'; filter: ProposalFilter }
  | { type: 'proposalRows'; version: number; start: number; count: number }
  | { type: 'accept'; ids: number[] | 'shown' }
  | { type: 'reject'; ids: number[] | 'shown' }
  | { type: 'choose'; id: number }
  /** Apply a problem's quick fix: a cell's (ref + column) or the file's (neither). */
  | { type: 'fix'; code: string; ref?: RowRef; column?: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const hasOnly = (m: Obj, keys: readonly string[]) => Object.keys(m).every((k) => keys.includes(k));
const isCell = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_CELL;

function parseQuery(v: unknown): GridQuery | undefined {
  if (!isObj(v) || !hasOnly(v, ['text', 'status', 'sort'])) return undefined;
  const sort = v.sort;
  if (typeof v.text !== 'string' || v.text.length > 200 || !STATUS_FILTERS.includes(v.status as StatusFilter)) return undefined;
  if (!isObj(sort) || !hasOnly(sort, ['column', 'descending']) || typeof sort.descending !== 'boolean') return undefined;
  if (typeof sort.column !== 'number' || !Number.isInteger(sort.column) || sort.column < -1 || sort.column >= GRID_COLUMNS)
    return undefined;
  return { text: v.text, status: v.status as StatusFilter, sort: { column: sort.column, descending: sort.descending } };
}

function parseRef(v: unknown): RowRef | undefined {
  if (
    !isObj(v) ||
    !hasOnly(v, ['row', 'fields']) ||
    !isIndex(v.row) ||
    !Array.isArray(v.fields) ||
    v.fields.length > 64 ||
    !v.fields.every(isCell)
  )
    return undefined;
  return { row: v.row, fields: v.fields as string[] };
}

function parseRefs(v: unknown, max: number): RowRef[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > max) return undefined;
  const out: RowRef[] = [];
  for (const r of v) {
    const ref = parseRef(r);
    if (!ref) return undefined;
    out.push(ref);
  }
  return out;
}

function parseIds(v: unknown): number[] | 'shown' | undefined {
  if (v === 'shown') return 'shown';
  return Array.isArray(v) && v.length > 0 && v.length <= MAX_IDS && v.every((x) => isIndex(x)) ? (v as number[]) : undefined;
}

const isFilter = (v: unknown): v is ProposalFilter => PROPOSAL_FILTERS.includes(v as ProposalFilter);

/** Validates a message from the identity-map webview; undefined means "ignore it". */
export function parseMapViewMessage(value: unknown): MapViewMessage | undefined {
  if (!isObj(value)) return undefined;
  const m = value;
  switch (m.type) {
    case 'ready': {
      const query = parseQuery(m.query);
      return query && isFilter(m.filter) && hasOnly(m, ['type', 'query', 'filter'])
        ? { type: 'ready', query, filter: m.filter }
        : undefined;
    }
    case 'query': {
      const query = parseQuery(m.query);
      return query && hasOnly(m, ['type', 'query']) ? { type: 'query', query } : undefined;
    }
    case 'rows':
    case 'proposalRows':
      return isIndex(m.version) && isIndex(m.start) && isIndex(m.count, MAX_WINDOW) && hasOnly(m, ['type', 'version', 'start', 'count'])
        ? { type: m.type, version: m.version, start: m.start, count: m.count }
        : undefined;
    case 'edit': {
      const ref = parseRef(m.ref);
      return ref && isIndex(m.column, GRID_COLUMNS - 1) && isCell(m.value) && hasOnly(m, ['type', 'ref', 'column', 'value'])
        ? { type: 'edit', ref, column: m.column, value: m.value }
        : undefined;
    }
    case 'insert': {
      if (!hasOnly(m, ['type', 'after', 'copies'])) return undefined;
      const out: MapViewMessage = { type: 'insert' };
      if (m.after !== undefined) {
        const after = parseRef(m.after);
        if (!after) return undefined;
        out.after = after;
      }
      if (m.copies !== undefined) {
        const copies = parseRefs(m.copies, 10_000);
        if (!copies) return undefined;
        out.copies = copies;
      }
      return out;
    }
    case 'delete': {
      const refs = parseRefs(m.refs, MAX_IDS);
      return refs && hasOnly(m, ['type', 'refs']) ? { type: 'delete', refs } : undefined;
    }
    case 'match':
      return hasOnly(m, ['type']) ? { type: 'match' } : undefined;
    case 'proposalQuery':
      return isFilter(m.filter) && hasOnly(m, ['type', 'filter']) ? { type: 'proposalQuery', filter: m.filter } : undefined;
    case 'accept':
    case 'reject': {
      const ids = parseIds(m.ids);
      return ids && hasOnly(m, ['type', 'ids']) ? { type: m.type, ids } : undefined;
    }
    case 'choose':
      return isIndex(m.id) && hasOnly(m, ['type', 'id']) ? { type: 'choose', id: m.id } : undefined;
    case 'fix': {
      if (typeof m.code !== 'string' || !/^map\.[A-Za-z]{1,40}$/.test(m.code) || !hasOnly(m, ['type', 'code', 'ref', 'column']))
        return undefined;
      if (m.ref === undefined && m.column === undefined) return { type: 'fix', code: m.code };
      const ref = parseRef(m.ref);
      return ref && isIndex(m.column, GRID_COLUMNS - 1) ? { type: 'fix', code: m.code, ref, column: m.column } : undefined;
    }
    default:
      return undefined;
  }
}
