/**
 * The table of moves: a virtualised grid (only the rows on screen exist; the host sends windows of
 * the filtered, sorted rows). Keyboard: arrows, Page Up/Down, Home/End move the active row, Enter
 * opens its details; a click on a header sorts by it.
 */
import type { Virtualizer } from '@tanstack/virtual-core';
import { CATEGORY_LABELS } from '../../src/core/moves/moveCategory';
import type { MoveSort, MoveSortColumn } from '../../src/core/moves/moveFilter';
import type { MoveRow } from '../../src/core/moves/moveRows';
import { utcShort } from '../../src/core/text/utcShort';
import { formatDuration } from '../../src/core/trust/trustState';
import { setCount, virtualList } from '../shared/virtualList';
import { BLOCK, WindowCache } from '../shared/windowCache';
import { el } from './dom';

const ROW_HEIGHT = 24;

interface Column {
  title: string;
  sort: MoveSortColumn;
  width: string;
  cell: (row: MoveRow, now: Date) => string;
}

const FLAG_LABELS = { stuck: 'stuck', late: 'late', stale: 'stale' } as const;

export const COLUMNS: readonly Column[] = [
  { title: 'User', sort: 'user', width: 'minmax(180px, 2fr)', cell: (r) => r.user },
  { title: 'Batch', sort: 'batch', width: 'minmax(120px, 1fr)', cell: (r) => r.batch },
  { title: 'Geographies', sort: 'geography', width: '110px', cell: (r) => `${r.sourceGeography} → ${r.targetGeography}` },
  {
    title: 'State',
    sort: 'state',
    width: 'minmax(170px, 1.2fr)',
    cell: (r) =>
      `${r.state && r.state !== CATEGORY_LABELS[r.category] ? r.state : CATEGORY_LABELS[r.category]}${r.flags.length ? ` · ${r.flags.map((f) => FLAG_LABELS[f]).join(', ')}` : ''}`,
  },
  {
    title: 'In state for',
    sort: 'since',
    width: '100px',
    cell: (r, now) => (r.since ? formatDuration(Math.max(0, now.getTime() - Date.parse(r.since))) : '—'),
  },
  { title: 'Last change', sort: 'updatedAt', width: '120px', cell: (r, now) => (r.updatedAt ? utcShort(r.updatedAt, now) : '—') },
  { title: 'Error', sort: 'errorCode', width: 'minmax(140px, 1.5fr)', cell: (r) => r.errorCode ?? (r.error ? r.error.slice(0, 80) : '') },
];

export class MovesTable {
  readonly element: HTMLElement;
  readonly cache: WindowCache<MoveRow>;
  private readonly scroller = el('div', {
    class: 'table-scroller',
    tabindex: '0',
    role: 'grid',
    'aria-label': 'Moves',
    'aria-colcount': String(COLUMNS.length),
  });
  private readonly header = el('div', { class: 'table-row table-header', role: 'row', 'aria-rowindex': '1' });
  private readonly body = el('div', { class: 'table-body', role: 'rowgroup' });
  private readonly virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  active = -1;
  now = new Date();
  sort: MoveSort = { column: 'batch' };
  onSort: (sort: MoveSort) => void = () => undefined;
  onOpen: (row: MoveRow, position: number) => void = () => undefined;
  /** What an error code means and its fix, for the error cell's tooltip. */
  explain: (code: string) => { meaning: string; fix: string } | undefined = () => undefined;

  constructor(request: (version: number, start: number, count: number) => void) {
    this.cache = new WindowCache<MoveRow>(request);
    const template = COLUMNS.map((c) => c.width).join(' ');
    this.scroller.style.setProperty('--columns', template);
    this.renderHeader();
    this.scroller.append(this.header, this.body);
    this.element = el('div', { class: 'table' }, this.scroller);
    this.virtualizer = virtualList(this.scroller as HTMLDivElement, ROW_HEIGHT, () => this.render(), {
      scrollMargin: ROW_HEIGHT,
      scrollPaddingStart: ROW_HEIGHT,
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
  }

  private renderHeader(): void {
    this.header.replaceChildren(
      ...COLUMNS.map((c, i) => {
        const sorted = this.sort.column === c.sort;
        const button = el(
          'button',
          { class: 'header-cell', 'data-sort': c.sort, title: `Sort by ${c.title}` },
          c.title,
          sorted ? (this.sort.descending ? ' ▾' : ' ▴') : '',
        );
        button.addEventListener('click', () => {
          this.sort = sorted ? { column: c.sort, ...(this.sort.descending ? {} : { descending: true }) } : { column: c.sort };
          this.renderHeader();
          this.onSort(this.sort);
        });
        return el(
          'div',
          {
            role: 'columnheader',
            'aria-colindex': String(i + 1),
            'aria-sort': sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none',
          },
          button,
        );
      }),
    );
  }

  setSort(sort: MoveSort): void {
    this.sort = sort;
    this.renderHeader();
  }

  /** A new answer from the host; `first` are its first rows. */
  setView(version: number, total: number, first: MoveRow[], sameQuery: boolean): void {
    this.cache.reset(version, total, sameQuery);
    for (let start = 0; start < first.length; start += BLOCK) this.cache.receive(version, start, first.slice(start, start + BLOCK));
    this.scroller.setAttribute('aria-rowcount', String(total + 1));
    if (!sameQuery) {
      this.active = total ? 0 : -1;
      this.scroller.scrollTop = 0;
    } else if (this.active >= total) this.active = total - 1;
    setCount(this.virtualizer, total);
    this.render();
  }

  receive(version: number, start: number, rows: MoveRow[]): void {
    if (this.cache.receive(version, start, rows)) this.render();
  }

  private render(): void {
    const items = this.virtualizer.getVirtualItems();
    this.body.style.height = `${this.virtualizer.getTotalSize()}px`;
    if (items.length) this.cache.ensure(items[0]!.index, items[items.length - 1]!.index);
    this.body.replaceChildren(
      ...items.map((item) => {
        const got = this.cache.get(item.index);
        const row = el('div', {
          class: `table-row${item.index === this.active ? ' active' : ''}${got?.item.flags.length ? ' flagged' : ''}${got && (got.item.category === 'failed' || got.item.category === 'refused') ? ' failed' : ''}`,
          role: 'row',
          id: `move-${item.index}`,
          'aria-rowindex': String(item.index + 2),
          'aria-selected': item.index === this.active ? 'true' : 'false',
        });
        // The sticky header sits above the body: positions are counted from the body's top.
        row.style.transform = `translateY(${item.start - ROW_HEIGHT}px)`;
        if (got) {
          for (const [i, c] of COLUMNS.entries()) {
            const text = c.cell(got.item, this.now);
            const known = c.sort === 'errorCode' && got.item.errorCode ? this.explain(got.item.errorCode) : undefined;
            const title = known ? `${text}: ${known.meaning} Fix: ${known.fix}` : c.sort === 'errorCode' ? (got.item.error ?? text) : text;
            row.append(
              el('div', { class: `cell c-${c.sort}${i === 3 ? ` cat-${got.item.category}` : ''}`, role: 'gridcell', title }, text),
            );
          }
        } else row.append(el('div', { class: 'cell muted', role: 'gridcell' }, '…'));
        row.addEventListener('click', () => {
          this.setActive(item.index);
          if (got) this.onOpen(got.item, item.index);
        });
        return row;
      }),
    );
    if (this.active >= 0) this.scroller.setAttribute('aria-activedescendant', `move-${this.active}`);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  setActive(position: number): void {
    const total = this.cache.total;
    if (!total) return;
    this.active = Math.max(0, Math.min(total - 1, position));
    this.virtualizer.scrollToIndex(this.active, { align: 'auto' });
    this.render();
  }

  focus(): void {
    this.scroller.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.setActive(this.active + moves[e.key]!);
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.cache.total - 1);
    else if (e.key === 'Enter') {
      const got = this.cache.get(this.active);
      if (got) this.onOpen(got.item, this.active);
    } else return;
    e.preventDefault();
  }
}
