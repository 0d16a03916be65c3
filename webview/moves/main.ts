/**
 * The Moves view webview (browser code): the batches with their progress, the moves over time, the
 * filters and the table of every user's move, and the details of the one opened. The rows live on
 * the host; this asks for windows of them. Filter and sort survive a reload (webview state).
 */
import { CATEGORY_LABELS, MOVE_CATEGORIES, SETTLED_CATEGORIES, type MoveCategory } from '../../src/core/moves/moveCategory';
import { describeFlag, MOVE_FLAGS, type MoveFlag } from '../../src/core/moves/moveFlags';
import type { MoveFilter, MoveSort } from '../../src/core/moves/moveFilter';
import type { MoveRow } from '../../src/core/moves/moveRows';
import type { BatchTracking } from '../../src/core/moves/trackingModel';
import { formatPace } from '../../src/core/moves/batchSummary';
import { utcShort } from '../../src/core/text/utcShort';
import type { MovesHostMessage, MovesSummary, MovesViewMessage, MoveAction } from '../movesProtocol';
import { el, n } from './dom';
import { HistoryChart } from './historyChart';
import { MovesTable } from './movesTable';

interface SavedState {
  filter?: MoveFilter;
  sort?: MoveSort;
  chartBatch?: string;
}

declare function acquireVsCodeApi(): { postMessage(message: MovesViewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() as SavedState | undefined) ?? {};
const post = (m: MovesViewMessage) => vscode.postMessage(m);
let filter: MoveFilter = saved.filter ?? {};
let sort: MoveSort = saved.sort ?? { column: 'batch' };
let chartBatch = saved.chartBatch ?? '';
let summary: MovesSummary | undefined;
let version = 0;
let lastAnswered = -1;
let lastQueryKey = '';
let opened: MoveRow | undefined;
/** Under test only (the host's init message says so): the benchmark's timings, by this page's clock. */
let perf: { firstRowsAt?: number; filters: number[]; filterStarted?: number } | undefined;

const save = () => vscode.setState({ filter, sort, chartBatch } satisfies SavedState);
const app = document.getElementById('app')!;
const when = (iso: string | undefined, now: Date) => (iso ? `${utcShort(iso, now)} UTC` : '—');

// Toolbar.
const asOf = el('span', { class: 'muted', 'aria-live': 'polite' });
const busy = el('span', { class: 'muted busy', role: 'status' });
const button = (label: string, action: () => void, attrs: Record<string, string> = {}) => {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', action);
  return b;
};
const act = (action: MoveAction, batch?: string) =>
  post(batch === undefined ? { type: 'action', action } : { type: 'action', action, batch });
const toolbar = el(
  'div',
  { class: 'toolbar', role: 'toolbar', 'aria-label': 'Moves' },
  el('h1', {}, 'Moves'),
  asOf,
  busy,
  el('span', { class: 'spacer' }),
  button('Refresh States', () => act('refreshStates'), { title: 'The move-state export scripts, for review' }),
  button('Export Report…', () => act('exportReport'), { title: 'A page for management (HTML) and every user (CSV)' }),
);

// Totals, batches, queues, chart.
const totals = el('div', { class: 'totals', role: 'group', 'aria-label': 'All batches' });
const batchesTable = el('table', { class: 'batches' });
const queues = el('p', { class: 'muted queues' });
const chart = new HistoryChart();
const chartBatchSelect = el('select', { 'aria-label': 'Chart: which batch' });
chartBatchSelect.addEventListener('change', () => {
  chartBatch = chartBatchSelect.value;
  save();
  renderChart();
});
const overview = el(
  'div',
  { class: 'overview' },
  el('section', { class: 'batches-section', 'aria-label': 'Batches' }, el('h2', {}, 'Batches'), batchesTable, queues),
  el('section', { class: 'chart-section', 'aria-label': 'Over time' }, el('h2', {}, 'Over time ', chartBatchSelect), chart.element),
);

// Filters.
const search = el('input', {
  type: 'search',
  class: 'search',
  placeholder: 'Search users, batches, errors, URLs',
  'aria-label': 'Search',
  maxlength: '200',
});
const stateSelect = el('select', { 'aria-label': 'State' });
const batchSelect = el('select', { 'aria-label': 'Batch' });
const geoSelect = el('select', { 'aria-label': 'Source geography' });
const codeSelect = el('select', { 'aria-label': 'Error code' });
const NO_CODE = '(none)';
const shown = el('span', { class: 'muted', 'aria-live': 'polite', id: 'shown' });
const clear = button('Clear Filters', () => setFilter({}));
const filters = el('div', { class: 'filters', role: 'search' }, search, stateSelect, batchSelect, geoSelect, codeSelect, clear, shown);

const table = new MovesTable((v, start, count) => post({ type: 'rows', version: v, start, count }));
table.setSort(sort);
const noMatch = el('p', { class: 'no-match', hidden: '' });
const detail = el('section', { class: 'detail', 'aria-label': 'Move details', hidden: '', tabindex: '-1' });
app.append(toolbar, totals, overview, filters, el('div', { class: 'table-host' }, table.element, noMatch), detail);
detail.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  detail.hidden = true;
  opened = undefined;
  table.focus();
});
app.removeAttribute('aria-busy');

function options(select: HTMLSelectElement, items: Array<[string, string]>, value: string): void {
  select.replaceChildren(...items.map(([v, label]) => el('option', { value: v, ...(v === value ? { selected: '' } : {}) }, label)));
  select.value = value;
}

/** The state select covers categories and flags: "c:failed", "f:stuck", "f:any". */
function stateValue(f: MoveFilter): string {
  if (f.flag) return `f:${f.flag}`;
  return f.categories?.length === 1 ? `c:${f.categories[0]}` : '';
}

function renderFilters(): void {
  search.value = filter.text ?? '';
  const total = summary?.total;
  const flagged = (flag: MoveFlag) => summary?.batches.reduce((s, b) => s + b.flagged[flag], 0) ?? 0;
  const anyFlag = MOVE_FLAGS.reduce((s, f) => s + flagged(f), 0);
  options(
    stateSelect,
    [
      ['', 'All states'],
      ['f:any', `Needs a look (${n(anyFlag)})`],
      ...MOVE_FLAGS.map((f): [string, string] => [`f:${f}`, `${f[0]!.toUpperCase()}${f.slice(1)} (${n(flagged(f))})`]),
      ...MOVE_CATEGORIES.filter((c) => (total?.[c] ?? 0) > 0 || filter.categories?.includes(c)).map((c): [string, string] => [
        `c:${c}`,
        `${CATEGORY_LABELS[c]} (${n(total?.[c] ?? 0)})`,
      ]),
    ],
    stateValue(filter),
  );
  options(
    batchSelect,
    [['', 'All batches'], ...(summary?.batches ?? []).map((b): [string, string] => [b.name, b.name])],
    filter.batches?.[0] ?? '',
  );
  options(
    geoSelect,
    [['', 'All geographies'], ...(summary?.geographies ?? []).map((g): [string, string] => [g, `From ${g}`])],
    filter.geographies?.[0] ?? '',
  );
  // "No known code" is the filter's '' (failed with no code): its option needs a value of its own.
  options(
    codeSelect,
    [['', 'Any error'], ...(summary?.errorCodes ?? []).map((c): [string, string] => [c || NO_CODE, c || 'No known code'])],
    filter.errorCodes?.[0] === '' ? NO_CODE : (filter.errorCodes?.[0] ?? ''),
  );
  codeSelect.disabled = !summary?.errorCodes.length;
}

function setFilter(next: MoveFilter): void {
  filter = next;
  save();
  renderFilters();
  query();
}

function readFilters(): MoveFilter {
  const f: MoveFilter = {};
  const text = search.value.trim();
  if (text) f.text = search.value;
  const state = stateSelect.value;
  if (state.startsWith('c:')) f.categories = [state.slice(2) as MoveCategory];
  if (state.startsWith('f:')) f.flag = state.slice(2) as MoveFlag | 'any';
  if (batchSelect.value) f.batches = [batchSelect.value];
  if (geoSelect.value) f.geographies = [geoSelect.value];
  if (codeSelect.value) f.errorCodes = [codeSelect.value === NO_CODE ? '' : codeSelect.value];
  return f;
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    filter = readFilters();
    save();
    query();
  }, 120);
});
for (const s of [stateSelect, batchSelect, geoSelect, codeSelect])
  s.addEventListener('change', () => {
    if (perf) perf.filterStarted = performance.now();
    filter = readFilters();
    save();
    query();
  });

function query(): void {
  version++;
  post({ type: 'query', version, filter, sort });
}
table.onSort = (next) => {
  sort = next;
  save();
  query();
};
table.onOpen = (row) => openDetail(row);
table.explain = (code) => summary?.explanations[code];

function bar(counts: Record<MoveCategory, number>, users: number, label: string): HTMLElement {
  const b = el('div', { class: 'bar', role: 'img', 'aria-label': label });
  if (users)
    for (const c of MOVE_CATEGORIES)
      if (counts[c]) {
        const part = el('span', { class: `cat-bg-${c}`, title: `${CATEGORY_LABELS[c]}: ${n(counts[c])}` });
        part.style.width = `${(counts[c] / users) * 100}%`;
        b.append(part);
      }
  return b;
}

const describeCounts = (counts: Record<MoveCategory, number>) =>
  MOVE_CATEGORIES.filter((c) => counts[c])
    .map((c) => `${CATEGORY_LABELS[c]} ${n(counts[c])}`)
    .join(', ') || 'no users';

/** Every move of the batch is over (moved, failed, refused or stopped). */
const finished = (b: BatchTracking) => b.progress.users > 0 && MOVE_CATEGORIES.every((c) => SETTLED_CATEGORIES.has(c) || b.counts[c] === 0);

function windowText(b: BatchTracking, now: Date): string {
  if (!b.preferredBeginUtc && !b.preferredEndUtc) return 'no preferred window';
  return `window ${b.preferredBeginUtc ? when(b.preferredBeginUtc, now) : 'now'} → ${b.preferredEndUtc ? when(b.preferredEndUtc, now) : 'open end'}`;
}

function batchRow(b: BatchTracking, now: Date): HTMLElement {
  const failed = b.counts.failed + b.counts.refused;
  const waiting = b.counts.scheduled + b.counts.notStarted + b.counts.readyToTrigger;
  const flags = MOVE_FLAGS.filter((f) => b.flagged[f]).map((f) => `${n(b.flagged[f])} ${f}`);
  const show = button(b.name, () => setFilter({ batches: [b.name] }), { class: 'link', title: `Show the moves of ${b.name}` });
  const actions = el('div', { class: 'actions' });
  if (failed)
    actions.append(
      button(`Retry ${n(failed)} Failed…`, () => act('retryFailed', b.name), {
        title: 'A new batch of them with its queue script, for review',
      }),
    );
  if (waiting)
    actions.append(
      button(`Stop ${n(waiting)} Waiting…`, () => act('stopWaiting', b.name), {
        class: 'secondary',
        title: 'Their stop script, for review',
      }),
    );
  const pace = b.movesPerHour ? `${formatPace(b.movesPerHour)}/h` : '';
  return el(
    'tr',
    {},
    el(
      'th',
      { scope: 'row' },
      show,
      el('div', { class: 'muted small' }, `${b.sourceGeography} → ${b.targetGeography} · ${windowText(b, now)}`),
    ),
    el(
      'td',
      { class: 'progress' },
      bar(b.counts, b.progress.users, `${b.name}: ${describeCounts(b.counts)}`),
      el(
        'div',
        { class: 'small' },
        `${n(b.counts.success)}/${n(b.progress.users)} moved${failed ? `, ${n(failed)} failed` : ''}${waiting + b.counts.inProgress + b.counts.rescheduled ? `, ${n(waiting + b.counts.inProgress + b.counts.rescheduled)} queued` : ''}`,
      ),
    ),
    el(
      'td',
      { class: 'small' },
      b.startedAt ? `started ${when(b.startedAt, now)}` : 'not started',
      el('br'),
      b.lastChangeAt ? `${finished(b) ? 'finished' : 'last change'} ${when(b.lastChangeAt, now)}` : '',
    ),
    el('td', { class: 'small' }, pace, el('br'), b.projectedFinish ? `done about ${when(b.projectedFinish, now)}` : ''),
    el('td', { class: `small${flags.length ? ' warn' : ''}` }, flags.join(', ')),
    el('td', {}, actions),
  );
}

function renderSummary(): void {
  if (!summary) return;
  const now = new Date(summary.at);
  table.now = now;
  asOf.textContent = `${n(summary.users)} users · as of ${when(summary.at, now)}`;
  const t = summary.total;
  const failed = t.failed + t.refused;
  const queued = t.scheduled + t.notStarted + t.readyToTrigger + t.inProgress + t.rescheduled;
  const card = (value: string, label: string, onClick?: () => void, warn = false) => {
    const c = el('button', { type: 'button', class: `card${warn ? ' warn' : ''}` }, el('b', {}, value), label);
    if (onClick) c.addEventListener('click', onClick);
    else c.disabled = true;
    return c;
  };
  const anyFlag = summary.batches.reduce((s, b) => s + MOVE_FLAGS.reduce((x, f) => x + b.flagged[f], 0), 0);
  totals.replaceChildren(
    card(
      `${summary.users ? Math.floor((t.success / summary.users) * 1000) / 10 : 0} %`,
      `moved (${n(t.success)} of ${n(summary.users)})`,
      () => setFilter({ categories: ['success'] }),
    ),
    card(n(queued), 'queued or moving', () =>
      setFilter({ categories: ['scheduled', 'notStarted', 'readyToTrigger', 'inProgress', 'rescheduled'] }),
    ),
    card(n(failed), 'failed or refused', () => setFilter({ categories: ['failed', 'refused'] }), failed > 0),
    card(n(anyFlag), 'need a look', () => setFilter({ flag: 'any' }), anyFlag > 0),
    card(n(t.notQueued + t.stopped), 'not queued', () => setFilter({ categories: ['notQueued', 'stopped'] })),
  );
  batchesTable.replaceChildren(
    el('thead', {}, el('tr', {}, ...['Batch', 'Progress', 'Timing', 'Pace', 'Flags', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...summary.batches.map((b) => batchRow(b, now))),
  );
  queues.textContent = `Queues: ${summary.queues.map((q) => `${q.sourceGeography} ${n(q.used)} of ${n(q.limit)} slots used`).join(' · ')}.`;
  options(
    chartBatchSelect,
    [['', 'all batches'], ...summary.batches.map((b): [string, string] => [b.name, b.name])],
    summary.batches.some((b) => b.name === chartBatch) ? chartBatch : '',
  );
  renderChart();
  renderFilters();
  if (opened) openDetail(opened, false);
}

function renderChart(): void {
  if (!summary) return;
  chart.update(summary.history, chartBatchSelect.value ? [chartBatchSelect.value] : undefined, new Date(summary.at));
}

function field(label: string, value: string | Node | undefined): HTMLElement[] {
  return value === undefined || value === '' ? [] : [el('dt', {}, label), el('dd', {}, value)];
}

function openDetail(row: MoveRow, focus = true): void {
  opened = row;
  const now = summary ? new Date(summary.at) : new Date();
  const explanation = row.errorCode ? summary?.explanations[row.errorCode] : undefined;
  const actions = el('div', { class: 'actions' });
  if (summary?.hasIdentityMap) actions.append(button('Open in Identity Map', () => post({ type: 'openInMap', user: row.user })));
  if (row.errorCode)
    actions.append(button('Explain the Code', () => post({ type: 'explain', code: row.errorCode! }), { class: 'secondary' }));
  actions.append(
    button(
      'Close',
      () => {
        detail.hidden = true;
        opened = undefined;
        table.focus();
      },
      { class: 'secondary' },
    ),
  );
  detail.replaceChildren(
    el('h2', {}, row.user, row.target ? ` → ${row.target}` : ''),
    el(
      'dl',
      {},
      ...field('Batch', `${row.batch} (${row.sourceGeography} → ${row.targetGeography})`),
      ...field(
        'State',
        !row.state
          ? CATEGORY_LABELS.notQueued
          : row.state === CATEGORY_LABELS[row.category]
            ? row.state
            : `${row.state} (${CATEGORY_LABELS[row.category]})`,
      ),
      ...field('Since', row.since ? when(row.since, now) : undefined),
      ...field('Last change', row.updatedAt ? when(row.updatedAt, now) : undefined),
      ...field('Needs a look', row.flags.map((f) => describeFlag(f, summary!.thresholds)).join('; ')),
      ...field('Error code', row.errorCode),
      ...field('What it means', explanation?.meaning),
      ...field('The fix', explanation?.fix),
      ...field('Error', row.error),
      ...field('Source OneDrive', row.sourceUrl),
      ...field('Target OneDrive', row.targetUrl),
    ),
    actions,
  );
  detail.hidden = false;
  if (focus) detail.focus();
}

window.addEventListener('message', (event: MessageEvent<MovesHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      if (m.testHooks) (window as unknown as { __odmPerf: typeof perf }).__odmPerf = perf = { filters: [] };
      break;
    case 'busy':
      busy.textContent = m.message ?? (m.busy ? 'Reading the moves…' : '');
      break;
    case 'summary':
      summary = m.summary;
      renderSummary();
      query(); // the same filter on the new rows
      break;
    case 'filter':
      setFilter(m.filter);
      break;
    case 'view': {
      if (m.version !== version) return; // an older query's answer: the newest follows
      const key = JSON.stringify({ filter, sort });
      const same = key === lastQueryKey && lastAnswered >= 0;
      lastQueryKey = key;
      lastAnswered = m.version;
      table.setView(m.version, m.total, m.rows, same);
      if (perf) {
        // Painted: the frame after the rows went into the DOM.
        const started = perf.filterStarted;
        perf.filterStarted = undefined;
        requestAnimationFrame(() => {
          if (m.rows.length && perf!.firstRowsAt === undefined) perf!.firstRowsAt = performance.now();
          if (started !== undefined) perf!.filters.push(performance.now() - started);
        });
      }
      noMatch.hidden = !(m.total === 0 && (summary?.users ?? 0) > 0);
      noMatch.textContent = 'No moves match these filters.';
      shown.textContent = `${n(m.total)} of ${n(summary?.users ?? m.total)} moves`;
      break;
    }
    case 'rows':
      table.receive(m.version, m.start, m.rows);
      break;
  }
});

renderFilters();
post({ type: 'ready' });
