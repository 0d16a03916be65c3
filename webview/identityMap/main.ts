/**
 * The identity-map editor webview (browser code): toolbar (filter, status filter, row actions,
 * matching), the virtualised grid, the matching panel, a status line with the active cell's
 * problems and a summary bar. Scroll position, filter, sort, column widths and the panel survive
 * a reload (webview state). All data lives on the host; this asks for windows of it.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { GridQuery, GridSummary, StatusFilter } from '../../src/core/identity/identityMapGrid';
import type { ProposalFilter } from '../../src/core/identity/matchReview';
import type { MapHostMessage, MapViewMessage, RowRef } from '../identityMapProtocol';
import { BenchmarkTimings } from './benchmarkTimings';
import { Grid } from './grid';
import { MatchingPanel } from './matchingPanel';

interface SavedState {
  query?: GridQuery;
  scrollTop?: number;
  widths?: number[];
  panelOpen?: boolean;
  proposalFilter?: ProposalFilter;
  active?: { position: number; column: number };
}

declare function acquireVsCodeApi(): { postMessage(message: MapViewMessage): void; getState(): unknown; setState(state: unknown): void };

// For the benchmark's timings, should the host turn them on (they start with the script).
const scriptStart = performance.now();
const vscode = acquireVsCodeApi();
const saved = (vscode.getState() as SavedState | undefined) ?? {};
const post = (m: MapViewMessage) => vscode.postMessage(m);
let query: GridQuery = saved.query ?? { text: '', status: 'all', sort: { column: -1, descending: false } };
let restoreScroll = saved.scrollTop;
let summary: GridSummary | undefined;
let panelOpen = saved.panelOpen ?? false;
/** Under test only (the host's init message says so): the editor benchmark's timings. */
let timings: BenchmarkTimings | undefined;
let lastVersion = -1;
let lastQueryKey = '';
let lastRowCount = -1;

const app = document.getElementById('app')!;
const html = (tag: string, className: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
  const e = document.createElement(tag);
  e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

// Toolbar.
const toolbar = html('div', 'toolbar', { role: 'toolbar', 'aria-label': 'Identity map' });
const filterField = html('vscode-textfield', 'filter', {
  placeholder: 'Filter rows (any column)',
  'aria-label': 'Filter rows',
  maxlength: '200',
}) as HTMLElement & { value: string };
filterField.append(html('span', 'codicon codicon-search', { slot: 'content-before' }));
filterField.value = query.text;
const statusSelect = html('vscode-single-select', 'status-filter', { 'aria-label': 'Show' }) as HTMLElement & { value: string };
const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'All rows',
  errors: 'Rows with errors',
  warnings: 'Rows with warnings',
  notes: 'Rows with notes',
  unmatched: 'Unmatched (blank target)',
  users: 'Users',
  groups: 'Groups',
};
for (const [value, label] of Object.entries(STATUS_LABELS)) {
  const o = html('vscode-option', '', { value }, label);
  if (value === query.status) o.setAttribute('selected', '');
  statusSelect.append(o);
}
const button = (icon: string, label: string, title: string, onClick: () => void, secondary = true): HTMLElement => {
  const b = html('vscode-button', '', { icon, title, ...(secondary ? { secondary: '' } : {}) }, label);
  b.addEventListener('click', onClick);
  return b;
};
const spacer = html('div', 'spacer');
const addButton = button('add', 'Add row', 'Add a row below the active one (Ctrl+Enter)', () => addRow(grid.activeRow()));
const duplicateButton = button('copy', 'Duplicate', 'Duplicate the selected rows (Ctrl+D)', () => duplicate(grid.selectedRows()));
const deleteButton = button('trash', 'Delete', 'Delete the selected rows (Delete); undo with Ctrl+Z', () => remove(grid.selectedRows()));
const matchButton = button(
  'sparkle',
  'Matching',
  'Show the matching panel: build rows from directory exports',
  () => setPanel(!panelOpen),
  false,
);
toolbar.append(filterField, statusSelect, spacer, addButton, duplicateButton, deleteButton, matchButton);

// Grid and panel.
const main = html('div', 'main');
const gridHost = html('div', 'grid-host');
main.append(gridHost);
const statusLine = html('div', 'status-line', { role: 'status', 'aria-live': 'polite' });
const summaryBar = html('div', 'summary', { 'aria-label': 'Summary' });
const fileProblems = html('ul', 'file-problems', { 'aria-label': 'Problems with the whole file' });
const notice = html('div', 'notice', { role: 'alert' });
notice.hidden = true;
app.append(toolbar, main, statusLine, fileProblems, summaryBar, notice);

const toRef = (r: { row: number; fields: string[] }): RowRef => ({ row: r.row, fields: r.fields });
const noMatch = html('div', 'no-match', { role: 'status' });
noMatch.hidden = true;
gridHost.append(noMatch);
const grid = new Grid(gridHost, saved.widths, {
  requestRows: (version, start, count) => post({ type: 'rows', version, start, count }),
  edit: (row, column, value) => post({ type: 'edit', ref: toRef(row), column, value }),
  sort: (sort) => setQuery({ ...query, sort }),
  deleteRows: (rows) => remove(rows),
  duplicateRows: (rows) => duplicate(rows),
  addRow: (after) => addRow(after),
  changed: () => {
    updateStatusLine();
    updateSummary();
    save();
  },
  announce: (text) => showNotice('info', text),
  quickFix: () => applyCellFix(),
});
grid.sort = query.sort;
grid.updateSortIndicators();
if (saved.active) grid.active = saved.active;
const panel = new MatchingPanel(main, saved.proposalFilter ?? 'all', post, () => setPanel(false));
panel.element.hidden = !panelOpen;

function addRow(after: { row: number; fields: string[] } | undefined): void {
  post(after ? { type: 'insert', after: toRef(after) } : { type: 'insert' });
}
function duplicate(rows: Array<{ row: number; fields: string[] }>): void {
  if (rows.length) post({ type: 'insert', copies: rows.map(toRef) });
}
function remove(rows: Array<{ row: number; fields: string[] }>): void {
  if (rows.length) post({ type: 'delete', refs: rows.map(toRef) });
}

function setPanel(open: boolean): void {
  panelOpen = open;
  panel.element.hidden = !open;
  matchButton.toggleAttribute('secondary', open);
  save();
}

function setQuery(next: GridQuery): void {
  query = next;
  // A new filter or sort starts at the top of its rows.
  grid.scrollTop = 0;
  grid.active = { position: 0, column: grid.active.column };
  timings?.queryStarted();
  post({ type: 'query', query });
  save();
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function save(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const state: SavedState = {
      query,
      scrollTop: grid.scrollTop,
      widths: grid.widths,
      panelOpen,
      proposalFilter: panel.filter,
      active: grid.active,
    };
    vscode.setState(state);
  }, 100);
}

filterField.addEventListener('input', () => setQuery({ ...query, text: filterField.value }));
statusSelect.addEventListener('change', () => setQuery({ ...query, status: statusSelect.value as StatusFilter }));
grid.element.addEventListener('scroll', save, { capture: true, passive: true });

const fmt = (n: number) => n.toLocaleString();
function updateSummary(): void {
  if (!summary) return;
  const s = summary;
  const parts = [`${fmt(s.rows)} rows`, `${fmt(s.users)} users`, `${fmt(s.groups)} groups`];
  summaryBar.replaceChildren();
  const add = (text: string, icon?: string, cls = '') => {
    const span = html('span', `summary-item ${cls}`);
    if (icon) span.append(html('span', `codicon codicon-${icon}`, { 'aria-hidden': 'true' }));
    span.append(text);
    summaryBar.append(span);
  };
  add(parts.join(' · '));
  add(
    `${fmt(s.errors)} error${s.errors === 1 ? '' : 's'}${s.errors ? ` in ${fmt(s.errorRows)} row${s.errorRows === 1 ? '' : 's'}` : ''}`,
    'error',
    s.errors ? 'error' : '',
  );
  add(`${fmt(s.warnings)} warning${s.warnings === 1 ? '' : 's'}`, 'warning', s.warnings ? 'warning' : '');
  add(`${fmt(s.notes)} note${s.notes === 1 ? '' : 's'}`, 'info');
  add(`${fmt(s.unmatched)} unmatched`, 'circle-slash');
  add(`showing ${fmt(grid.cache.total)}`, 'filter');
  if (grid.selection.size) add(`${fmt(grid.selection.size)} selected`, 'check');
  fileProblems.replaceChildren(
    ...s.fileProblems.map((p) => {
      const li = html('li', p.severity);
      li.append(
        html('span', `codicon codicon-${p.severity === 'info' ? 'info' : p.severity}`, { 'aria-hidden': 'true' }),
        `${p.line ? `Line ${p.line}: ` : ''}${p.message}${p.hint ? ` ${p.hint}` : ''}`,
      );
      if (p.fix) li.append(fixButton(p.fix, () => post({ type: 'fix', code: p.code })));
      return li;
    }),
  );
}

/** What the status line shows now: rebuilt only when the active cell or its row's data changes (not on every scroll frame). */
let statusShown: { row: unknown; column: number } | undefined;
function updateStatusLine(): void {
  const row = grid.activeRow();
  if (statusShown && statusShown.row === row && statusShown.column === grid.active.column) return;
  statusShown = { row, column: grid.active.column };
  const problems = grid.activeProblems();
  statusLine.replaceChildren();
  if (!row) return;
  if (!problems.length) {
    statusLine.append(html('span', 'codicon codicon-pass', { 'aria-hidden': 'true' }), `Line ${row.line}: no problems in this cell.`);
    statusLine.className = 'status-line';
    return;
  }
  const worst = problems.some((p) => p.severity === 'error')
    ? 'error'
    : problems.some((p) => p.severity === 'warning')
      ? 'warning'
      : 'info';
  statusLine.className = `status-line ${worst}`;
  const cellProblems = row.cells[grid.active.column] ?? [];
  for (const p of problems.slice(0, 3)) {
    const span = html('span', 'problem');
    span.append(html('span', `codicon codicon-${p.severity}`, { 'aria-hidden': 'true' }), `${p.message}${p.hint ? ` — ${p.hint}` : ''}`);
    if (p.fix && cellProblems.includes(p)) span.append(fixButton(p.fix, () => applyCellFix(p.code)));
    statusLine.append(span);
  }
}

function fixButton(title: string, onClick: () => void): HTMLElement {
  const b = html('button', 'fix', { type: 'button', title: `Fix: ${title} (Ctrl+.)` });
  b.append(html('span', 'codicon codicon-lightbulb', { 'aria-hidden': 'true' }), title);
  b.addEventListener('click', onClick);
  return b;
}

/** Applies the quick fix of a problem of the active cell (the first one with a fix by default). */
function applyCellFix(code?: string): void {
  const row = grid.activeRow();
  const column = grid.active.column;
  const problem = (row?.cells[column] ?? []).find((p) => p.fix && (!code || p.code === code));
  if (row && problem) post({ type: 'fix', code: problem.code, ref: toRef(row), column });
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function showNotice(severity: 'info' | 'warning' | 'error', message: string): void {
  notice.className = `notice ${severity}`;
  notice.textContent = message;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), severity === 'info' ? 6000 : 12000);
}

grid.onRendered = () => {
  timings?.rendered();
  updateStatusLine();
};
const showsNewestQuery = () => grid.cache.version === lastVersion && lastQueryKey === JSON.stringify(query);

window.addEventListener('message', (event: MessageEvent<MapHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      timings ??= BenchmarkTimings.fromInit(m, scriptStart, grid, showsNewestQuery);
      break;
    case 'view': {
      timings?.mark('view');
      const queryKey = JSON.stringify(m.query);
      const sameQuery = queryKey === lastQueryKey;
      // Stale answers for an older query are dropped: the newest query's view follows.
      if (queryKey !== JSON.stringify(query)) return;
      lastVersion = m.version;
      lastQueryKey = queryKey;
      summary = m.summary;
      grid.readOnly = m.readOnly;
      for (const b of [addButton, duplicateButton, deleteButton]) b.toggleAttribute('disabled', m.readOnly);
      // Rows keep their indexes across cell edits, not across inserts and deletes.
      if (!sameQuery || m.summary.rows !== lastRowCount) grid.selection.clear();
      lastRowCount = m.summary.rows;
      grid.highlight = query.text.trim();
      grid.setView(m.version, m.total, sameQuery, m.first);
      // A filter that matches nothing says so, instead of leaving an empty grid.
      noMatch.hidden = !(m.total === 0 && m.summary.rows > 0);
      noMatch.textContent = `No rows match${query.text ? ` "${query.text}"` : ''}${query.status !== 'all' ? ` in "${STATUS_LABELS[query.status]}"` : ''}.`;
      if (restoreScroll !== undefined) {
        grid.scrollTop = restoreScroll;
        restoreScroll = undefined;
      }
      updateSummary();
      break;
    }
    case 'rows':
      timings?.mark('rows');
      grid.receive(m.version, m.start, m.rows);
      break;
    case 'reveal':
      grid.reveal(m.row, m.column, m.edit);
      break;
    case 'setQuery':
      filterField.value = m.query.text;
      statusSelect.value = m.query.status;
      setQuery(m.query);
      break;
    case 'proposals':
      panel.update(m.version, m.total, m.counts);
      if (m.counts && !panelOpen && m.counts.total) setPanel(true);
      break;
    case 'proposalRows':
      panel.receive(m.version, m.start, m.rows);
      break;
    case 'notice':
      showNotice(m.severity, m.message);
      break;
  }
});

post({ type: 'ready', query, filter: panel.filter });
grid.element.focus({ preventScroll: true });
