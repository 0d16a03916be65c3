/**
 * The identity-map editor's model, independent of any UI: the rows of a parsed map with their
 * problems per cell, a summary with counts, and queries (text filter, status filter, sort) that
 * produce a view order. The editor keeps this on the extension host and sends the webview only
 * the window of rows it shows, so 100,000 rows never cross the message channel at once.
 */
import type { Severity } from '../json/problem';
import type { ParsedIdentityMap } from './identityMapFile';
import { mapFixTitle } from './mapFixes';
import { principalKey } from './principalKey';
import type { MapProblem } from './validateIdentityMap';

export const GRID_COLUMNS = 6;
export const STATUS_FILTERS = ['all', 'errors', 'warnings', 'notes', 'unmatched', 'users', 'groups'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface GridSort {
  /** -1 sorts by file order (row number); 0–5 by that column. */
  column: number;
  descending: boolean;
}

export interface GridQuery {
  text: string;
  status: StatusFilter;
  sort: GridSort;
}

export const DEFAULT_QUERY: GridQuery = { text: '', status: 'all', sort: { column: -1, descending: false } };

export interface CellProblem {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  /** The title of its quick fix, when it has one (core/identity/mapFixes). */
  fix?: string;
  /** For problems about the file: the 1-based line it points at, when it points at one. */
  line?: number;
}

export interface GridRow {
  /** The row's index in the file (ParsedIdentityMap.rows), which edits refer to. */
  row: number;
  line: number;
  fields: string[];
  /** The worst severity on the row, if any. */
  severity?: Severity;
  /** Problems per column (index 0–5); problems about the whole row under `row`. */
  cells: Array<CellProblem[] | null>;
  rowProblems: CellProblem[];
  header: boolean;
}

export interface GridSummary {
  rows: number;
  users: number;
  groups: number;
  /** Problems by severity, and rows that have at least one error / warning. */
  errors: number;
  warnings: number;
  /** Information-level problems (notes), e.g. a guest that is mapped to a member. */
  notes: number;
  errorRows: number;
  warningRows: number;
  unmatched: number;
  /** Problems that belong to no row (header, separator, batch users without a row…). */
  fileProblems: CellProblem[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export class IdentityMapGrid {
  private readonly byRow = new Map<number, MapProblem[]>();
  private readonly fileLevel: MapProblem[] = [];
  private lowerTexts: string[] | undefined;
  private readonly sortKeys = new Map<number, string[]>();

  constructor(
    readonly parsed: ParsedIdentityMap,
    readonly problems: readonly MapProblem[],
  ) {
    for (const p of problems) {
      if (p.row === undefined) {
        // The header problem has a row, but it is about the file: show it in both places.
        if (p.code !== 'map.bom') this.fileLevel.push(p);
        if (p.code === 'map.header' && parsed.headerIndex !== undefined) this.push(parsed.headerIndex, p);
        continue;
      }
      this.push(p.row, p);
    }
  }

  private push(row: number, p: MapProblem): void {
    const list = this.byRow.get(row);
    if (list) list.push(p);
    else this.byRow.set(row, [p]);
  }

  private toCellProblem(p: MapProblem): CellProblem {
    const out: CellProblem = { severity: p.severity, code: p.code, message: p.message };
    if (p.hint) out.hint = p.hint;
    const fix = mapFixTitle(p, this.parsed);
    if (fix) out.fix = fix;
    return out;
  }

  /** The problem a fix request refers to: by code, row and column (file-level: no row). */
  findProblem(code: string, row?: number, column?: number): MapProblem | undefined {
    const candidates = row === undefined ? this.fileLevel : (this.byRow.get(row) ?? []);
    return candidates.find((p) => p.code === code && (row === undefined || p.column === column));
  }

  get rowCount(): number {
    return this.parsed.rows.length;
  }

  /** The worst severity of a row's problems. */
  severityOf(row: number): Severity | undefined {
    let worst: Severity | undefined;
    for (const p of this.byRow.get(row) ?? []) if (!worst || RANK[p.severity] > RANK[worst]) worst = p.severity;
    return worst;
  }

  private kindOf(row: number): 'user' | 'group' | undefined {
    const kind = this.parsed.rows[row]!.fields[0]?.trim().toLowerCase();
    return kind === 'user' ? 'user' : kind === 'group' ? 'group' : undefined;
  }

  /** A mapping row whose target is still blank (an unmatched source waiting for its target). */
  private isUnmatched(row: number): boolean {
    return row !== this.parsed.headerIndex && !!this.kindOf(row) && !(this.parsed.rows[row]!.fields[3] ?? '').trim();
  }

  private summaryCache: GridSummary | undefined;

  /** Counts over the whole map (computed once: the grid is rebuilt when the map changes). */
  summary(): GridSummary {
    return (this.summaryCache ??= this.computeSummary());
  }

  private computeSummary(): GridSummary {
    let users = 0;
    let groups = 0;
    let unmatched = 0;
    for (let i = 0; i < this.parsed.rows.length; i++) {
      if (i === this.parsed.headerIndex) continue;
      const kind = this.kindOf(i);
      if (kind === 'user') users++;
      else if (kind === 'group') groups++;
      if (this.isUnmatched(i)) unmatched++;
    }
    let errors = 0;
    let warnings = 0;
    let notes = 0;
    for (const p of this.problems) {
      if (p.severity === 'error') errors++;
      else if (p.severity === 'warning') warnings++;
      else notes++;
    }
    let errorRows = 0;
    let warningRows = 0;
    for (const row of this.byRow.keys()) {
      const s = this.severityOf(row);
      if (s === 'error') errorRows++;
      else if (s === 'warning') warningRows++;
    }
    const rows = this.parsed.rows.length - (this.parsed.headerIndex === undefined ? 0 : 1);
    const fileProblems = this.fileLevel.map((p) =>
      p.range && p.code !== 'map.missingBatchUser' ? { ...this.toCellProblem(p), line: p.range.line } : this.toCellProblem(p),
    );
    return { rows, users, groups, errors, warnings, notes, errorRows, warningRows, unmatched, fileProblems };
  }

  /** The rows a query shows, in the order it shows them (indexes into parsed.rows). */
  query(query: GridQuery): Int32Array {
    const n = this.parsed.rows.length;
    const text = query.text.trim().toLowerCase();
    const keep = this.statusTest(query.status);
    let texts: string[] | undefined;
    if (text) texts = this.lowerTexts ??= this.parsed.rows.map((r) => r.text.toLowerCase());
    const out = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (keep && !keep(i)) continue;
      if (texts && !texts[i]!.includes(text)) continue;
      out[count++] = i;
    }
    const view = out.subarray(0, count);
    const { column, descending } = query.sort;
    if (column >= 0 && column < GRID_COLUMNS) {
      const keys = this.sortKey(column);
      const sign = descending ? -1 : 1;
      // Plain code-unit comparison of lower-cased, trimmed values: stable (ties keep file order)
      // and fast enough for 100,000 rows, unlike a locale-aware collator.
      view.sort((a, b) => {
        const ka = keys[a]!;
        const kb = keys[b]!;
        return ka < kb ? -sign : ka > kb ? sign : a - b;
      });
    } else if (descending) view.reverse();
    return view;
  }

  private sortKey(column: number): string[] {
    let keys = this.sortKeys.get(column);
    if (!keys) {
      keys = this.parsed.rows.map((r) => (r.fields[column] ?? '').trim().toLowerCase());
      this.sortKeys.set(column, keys);
    }
    return keys;
  }

  private statusTest(status: StatusFilter): ((row: number) => boolean) | undefined {
    switch (status) {
      case 'all':
        return undefined;
      case 'errors':
        return (row) => this.severityOf(row) === 'error';
      case 'warnings':
        return (row) => (this.byRow.get(row) ?? []).some((p) => p.severity === 'warning');
      case 'notes':
        return (row) => (this.byRow.get(row) ?? []).some((p) => p.severity === 'info');
      case 'unmatched':
        return (row) => this.isUnmatched(row);
      case 'users':
        return (row) => row !== this.parsed.headerIndex && this.kindOf(row) === 'user';
      case 'groups':
        return (row) => row !== this.parsed.headerIndex && this.kindOf(row) === 'group';
    }
  }

  /** One row as the grid shows it. */
  row(index: number): GridRow {
    const r = this.parsed.rows[index]!;
    const cells: Array<CellProblem[] | null> = Array.from({ length: GRID_COLUMNS }, () => null);
    const rowProblems: CellProblem[] = [];
    for (const p of this.byRow.get(index) ?? []) {
      if (p.column !== undefined && p.column < GRID_COLUMNS) (cells[p.column] ??= []).push(this.toCellProblem(p));
      else rowProblems.push(this.toCellProblem(p));
    }
    const fields =
      r.fields.length >= GRID_COLUMNS ? r.fields.slice() : [...r.fields, ...Array<string>(GRID_COLUMNS - r.fields.length).fill('')];
    const out: GridRow = { row: index, line: r.line, fields, cells, rowProblems, header: index === this.parsed.headerIndex };
    const severity = this.severityOf(index);
    if (severity) out.severity = severity;
    return out;
  }

  /** The rows at view positions [start, start + count). */
  window(view: Int32Array, start: number, count: number): GridRow[] {
    const out: GridRow[] = [];
    const end = Math.min(view.length, start + count);
    for (let i = Math.max(0, start); i < end; i++) out.push(this.row(view[i]!));
    return out;
  }

  /** Lower-cased source principals already in the map, per kind (to skip proposals already mapped). */
  mappedSources(): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < this.parsed.rows.length; i++) {
      if (i === this.parsed.headerIndex) continue;
      const kind = this.kindOf(i);
      if (kind) out.add(principalKey(kind, this.parsed.rows[i]!.fields[2] ?? ''));
    }
    return out;
  }
}
