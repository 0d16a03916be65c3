/**
 * The virtualised identity-map grid: a sticky, sortable header with resizable columns, rows
 * windowed by @tanstack/virtual-core (only the visible rows exist in the DOM, recycled while
 * scrolling), an active cell moved with the keyboard, row multi-selection, inline editing with an
 * input over the cell, and per-cell problem markers. Rows come from the host through WindowCache.
 */
import type { Virtualizer } from '@tanstack/virtual-core';
import type { CellProblem, GridRow, GridSort } from '../../src/core/identity/identityMapGrid';
import { setCount, virtualList } from '../shared/virtualList';
import { BLOCK, WindowCache } from '../shared/windowCache';
import { DEFAULT_WIDTHS, fitToWidth } from './columnWidths';

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;
export const COLUMNS = ['Type', 'Source tenant ID', 'Source', 'Target', 'E-mail / name', 'User / group type'];
const MIN_WIDTH = 48;
const RANGE_LIMIT = 10_000;
/** Rows fetched beyond the visible ones in each direction, so scrolling rarely waits for the host. */
const PREFETCH = 60;

export interface GridCallbacks {
  requestRows(version: number, start: number, count: number): void;
  edit(row: GridRow, column: number, value: string): void;
  sort(sort: GridSort): void;
  deleteRows(rows: GridRow[]): void;
  duplicateRows(rows: GridRow[]): void;
  addRow(after: GridRow | undefined): void;
  changed(): void;
  announce(text: string): void;
  quickFix(): void;
}

interface RowElement extends HTMLDivElement {
  /** What the element shows: the row object (null: a placeholder) and its state flags. */
  shown?: GridRow | null;
  state?: string;
  cells: HTMLDivElement[];
}

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

const SEVERITY_ICON: Record<string, string> = { error: 'error', warning: 'warning', info: 'info' };

export class Grid {
  readonly cache: WindowCache<GridRow>;
  readonly element: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  /** Every row element ever created, and the ones bound to a view position right now. */
  private readonly pool: RowElement[] = [];
  private readonly bound = new Map<number, RowElement>();
  private editor: HTMLInputElement | undefined;
  private editing: { position: number; column: number; row: GridRow } | undefined;
  /** Selected rows by file row index, with the fields they had when selected. */
  readonly selection = new Map<number, GridRow>();
  private anchor = 0;
  active = { position: 0, column: 2 };
  sort: GridSort = { column: -1, descending: false };
  widths: number[];
  readOnly = false;
  /** The text filter: matches are marked in the cells that show them. */
  highlight = '';
  /** Per-render durations (ms), recorded only under test: the editor benchmark reads them. */
  renderTimes: number[] | undefined;
  onRendered: (() => void) | undefined;

  constructor(
    container: HTMLElement,
    widths: number[] | undefined,
    private readonly callbacks: GridCallbacks,
  ) {
    const savedWidths = widths?.length === DEFAULT_WIDTHS.length;
    this.widths = savedWidths ? widths.map((w) => Math.max(MIN_WIDTH, w)) : fitToWidth(DEFAULT_WIDTHS, container.clientWidth);
    this.cache = new WindowCache<GridRow>((v, s, c) => callbacks.requestRows(v, s, c));
    this.element = el('div', 'grid', {
      role: 'grid',
      tabindex: '0',
      'aria-label': 'Identity map rows',
      'aria-multiselectable': 'true',
      'aria-colcount': String(COLUMNS.length + 1),
      'aria-rowcount': '1',
    });
    this.scroller = el('div', 'scroller');
    this.header = el('div', 'row header', { role: 'row', 'aria-rowindex': '1' });
    this.body = el('div', 'body', { role: 'rowgroup' });
    this.scroller.append(this.header, this.body);
    this.element.append(this.scroller);
    container.append(this.element);
    this.buildHeader();
    this.applyWidths();
    this.virtualizer = virtualList(this.scroller, ROW_HEIGHT, () => this.render(), {
      overscan: 12,
      paddingStart: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
    });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.body.addEventListener('dblclick', (e) => {
      const hit = this.hit(e);
      if (hit) this.startEdit();
    });
  }

  get scrollTop(): number {
    return this.scroller.scrollTop;
  }

  set scrollTop(value: number) {
    this.scroller.scrollTop = value;
  }

  private buildHeader(): void {
    const corner = el('div', 'cell rowhead', { role: 'columnheader', 'aria-colindex': '1' });
    corner.append(this.sortButton(-1, '#'));
    this.header.append(corner);
    COLUMNS.forEach((name, i) => {
      const cell = el('div', 'cell', { role: 'columnheader', 'aria-colindex': String(i + 2) });
      cell.append(this.sortButton(i, name));
      const handle = el('div', 'resize', {
        role: 'separator',
        'aria-orientation': 'vertical',
        'aria-label': `Resize ${name}`,
        tabindex: '-1',
      });
      handle.addEventListener('pointerdown', (e) => this.startResize(e, i + 1, handle));
      cell.append(handle);
      this.header.append(cell);
    });
  }

  private sortButton(column: number, name: string): HTMLButtonElement {
    const b = el('button', 'sort', {
      type: 'button',
      title: `Sort by ${name === '#' ? 'row number' : name}`,
      'data-column': String(column),
    });
    b.append(name, el('span', 'codicon'));
    b.addEventListener('click', () => {
      const same = this.sort.column === column;
      // Click cycles ascending → descending → file order.
      this.sort = !same
        ? { column, descending: false }
        : !this.sort.descending
          ? { column, descending: true }
          : { column: -1, descending: false };
      this.updateSortIndicators();
      this.callbacks.sort(this.sort);
    });
    return b;
  }

  updateSortIndicators(): void {
    for (const b of this.header.querySelectorAll<HTMLButtonElement>('button.sort')) {
      const column = Number(b.dataset.column);
      const on = this.sort.column === column && (column !== -1 || this.sort.descending);
      const icon = b.querySelector('.codicon')!;
      icon.className = `codicon ${on ? (this.sort.descending ? 'codicon-arrow-down' : 'codicon-arrow-up') : ''}`;
      b.parentElement!.setAttribute('aria-sort', on ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  private startResize(e: PointerEvent, index: number, handle: HTMLElement): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const start = this.widths[index]!;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      this.widths[index] = Math.max(MIN_WIDTH, Math.round(start + m.clientX - startX));
      this.applyWidths();
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      this.callbacks.changed();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }

  private applyWidths(): void {
    this.element.style.setProperty('--columns', this.widths.map((w) => `${w}px`).join(' '));
    this.element.style.setProperty('--first-width', `${this.widths[0]}px`);
    this.element.style.setProperty('--grid-width', `${this.widths.reduce((a, b) => a + b, 0)}px`);
  }

  /** A new view from the host (new query or new document version). */
  setView(version: number, total: number, sameQuery: boolean, first?: GridRow[]): void {
    const countChanged = total !== this.cache.total;
    this.cache.reset(version, total, sameQuery);
    for (let start = 0; first && start < first.length; start += BLOCK)
      this.cache.receive(version, start, first.slice(start, start + BLOCK));
    this.element.setAttribute('aria-rowcount', String(total + 1));
    if (countChanged) {
      setCount(this.virtualizer, total);
    }
    if (this.active.position >= total) this.active.position = Math.max(0, total - 1);
    this.render();
  }

  /** Rows arrived from the host. */
  receive(version: number, start: number, rows: GridRow[]): void {
    if (!this.cache.receive(version, start, rows)) return;
    // Selected rows keep their latest fields (a cell edit does not change which row it is).
    for (const r of rows) if (this.selection.has(r.row)) this.selection.set(r.row, r);
    this.render();
  }

  render(): void {
    const t0 = performance.now();
    const items = this.virtualizer.getVirtualItems();
    const height = `${Math.max(0, this.virtualizer.getTotalSize() - HEADER_HEIGHT)}px`;
    if (this.body.style.height !== height) this.body.style.height = height;
    // A row element stays bound to its view position while that position is in view, so
    // scrolling only fills the rows that come into view (the others are untouched: no relayout).
    const from = items[0]?.index ?? 0;
    const to = items[items.length - 1]?.index ?? -1;
    const free: RowElement[] = [];
    for (const [position, rowEl] of this.bound) {
      if (position < from || position > to) {
        this.bound.delete(position);
        free.push(rowEl);
      }
    }
    for (const item of items) {
      let rowEl = this.bound.get(item.index);
      if (!rowEl) {
        rowEl = free.pop() ?? this.createRow();
        rowEl.shown = undefined;
        this.bound.set(item.index, rowEl);
        rowEl.style.transform = `translateY(${item.start - HEADER_HEIGHT}px)`;
        if (rowEl.hidden) rowEl.hidden = false;
      }
      this.fill(rowEl, item.index);
    }
    for (const rowEl of free) rowEl.hidden = true;
    if (items.length) this.cache.ensure(items[0]!.index - PREFETCH, items[items.length - 1]!.index + PREFETCH);
    if (this.editing) this.placeEditor();
    if (this.renderTimes) {
      this.renderTimes.push(performance.now() - t0);
      if (this.renderTimes.length > 2000) this.renderTimes.splice(0, 1000);
    }
    this.onRendered?.();
  }

  private createRow(): RowElement {
    const row = el('div', 'row', { role: 'row' }) as RowElement;
    this.pool.push(row);
    this.body.append(row);
    row.cells = [];
    for (let c = 0; c <= COLUMNS.length; c++) {
      const cell = el('div', c === 0 ? 'cell rowhead' : 'cell', {
        role: c === 0 ? 'rowheader' : 'gridcell',
        'aria-colindex': String(c + 1),
      });
      row.cells.push(cell);
      row.append(cell);
    }
    return row;
  }

  private fill(rowEl: RowElement, position: number): void {
    const got = this.cache.get(position);
    const activeHere = this.active.position === position;
    if (!got) {
      const state = `empty:${activeHere}`;
      if (rowEl.shown === null && rowEl.state === state) return;
      rowEl.shown = null;
      rowEl.state = state;
      rowEl.className = 'row loading';
      rowEl.dataset.position = String(position);
      delete rowEl.dataset.row;
      rowEl.setAttribute('aria-rowindex', String(position + 2));
      rowEl.removeAttribute('aria-selected');
      for (const c of rowEl.cells) {
        c.textContent = '';
        c.className = c === rowEl.cells[0] ? 'cell rowhead' : 'cell';
        c.removeAttribute('title');
      }
      rowEl.cells[0]!.textContent = '…';
      return;
    }
    const row = got.item;
    const selected = this.selection.has(row.row);
    const state = `${got.fresh}:${selected}:${activeHere ? this.active.column : -1}:${this.highlight}`;
    if (rowEl.shown === row && rowEl.state === state) return;
    rowEl.shown = row;
    rowEl.state = state;
    rowEl.className = `row${selected ? ' selected' : ''}${got.fresh ? '' : ' stale'}${row.header ? ' headerrow' : ''}${row.severity ? ` has-${row.severity}` : ''}`;
    rowEl.dataset.position = String(position);
    rowEl.dataset.row = String(row.row);
    rowEl.setAttribute('aria-rowindex', String(position + 2));
    rowEl.setAttribute('aria-selected', String(selected));
    const head = rowEl.cells[0]!;
    head.className = `cell rowhead${row.severity ? ` ${row.severity}` : ''}`;
    head.textContent = '';
    if (row.severity) head.append(el('span', `codicon codicon-${SEVERITY_ICON[row.severity]}`, { 'aria-hidden': 'true' }));
    head.append(String(row.line));
    const rowMessages = row.rowProblems.map((p) => p.message);
    if (rowMessages.length) head.title = rowMessages.join('\n');
    else head.removeAttribute('title');
    for (let c = 0; c < COLUMNS.length; c++) {
      const cell = rowEl.cells[c + 1]!;
      const problems = row.cells[c];
      const worst = problems ? worstOf(problems) : undefined;
      cell.className = `cell${worst ? ` ${worst}` : ''}${activeHere && this.active.column === c ? ' active' : ''}`;
      showText(cell, row.fields[c] ?? '', this.highlight);
      if (problems) cell.title = problems.map((p) => p.message + (p.hint ? ` ${p.hint}` : '')).join('\n');
      else cell.removeAttribute('title');
      if (activeHere && this.active.column === c) cell.id = 'active-cell';
      else if (cell.id) cell.removeAttribute('id');
    }
    if (activeHere) this.element.setAttribute('aria-activedescendant', 'active-cell');
  }

  /** Whether the rows in view are this version's (not placeholders or the previous version's). */
  visibleRowsLoaded(): boolean {
    if (!this.cache.total) return true;
    const items = this.virtualizer.getVirtualItems();
    return items.length > 0 && items.every((item) => item.index >= this.cache.total || this.cache.get(item.index)?.fresh);
  }

  /** The row under the active cell, when loaded. */
  activeRow(): GridRow | undefined {
    return this.cache.get(this.active.position)?.item;
  }

  /** Problems of the active cell and its row (for the status line). */
  activeProblems(): CellProblem[] {
    const row = this.activeRow();
    return row ? [...(row.cells[this.active.column] ?? []), ...row.rowProblems] : [];
  }

  private hit(e: MouseEvent): { position: number; column: number } | undefined {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.cell');
    const rowEl = cell?.closest<HTMLElement>('.row');
    if (!cell || !rowEl?.dataset.position) return undefined;
    const column = Number(cell.getAttribute('aria-colindex')) - 2;
    return { position: Number(rowEl.dataset.position), column: Math.max(0, column) };
  }

  private onMouseDown(e: MouseEvent): void {
    if ((e.target as HTMLElement).closest('input')) return;
    const hit = this.hit(e);
    if (!hit) return;
    this.commitEdit();
    if (e.shiftKey) void this.selectRange(this.anchor, hit.position);
    else if (e.ctrlKey || e.metaKey) this.toggle(hit.position);
    else {
      this.selection.clear();
      this.anchor = hit.position;
      this.addToSelection(hit.position);
    }
    this.moveTo(hit.position, hit.column);
    this.element.focus({ preventScroll: true });
  }

  private addToSelection(position: number): void {
    const row = this.cache.get(position)?.item;
    if (row) this.selection.set(row.row, row);
  }

  private toggle(position: number): void {
    const row = this.cache.get(position)?.item;
    if (!row) return;
    if (this.selection.has(row.row)) this.selection.delete(row.row);
    else this.selection.set(row.row, row);
    this.anchor = position;
    this.changedSelection();
  }

  /** Selects view positions [a, b], loading them first; capped so a huge range cannot stall the view. */
  async selectRange(a: number, b: number): Promise<void> {
    const from = Math.min(a, b);
    const to = Math.min(Math.max(a, b), from + RANGE_LIMIT - 1, this.cache.total - 1);
    await this.cache.load(from, to);
    this.selection.clear();
    for (let p = from; p <= to; p++) this.addToSelection(p);
    if (Math.max(a, b) > to)
      this.callbacks.announce(`Selection limited to ${RANGE_LIMIT.toLocaleString()} rows; filter first to act on more.`);
    this.changedSelection();
  }

  private changedSelection(): void {
    for (const r of this.pool) r.shown = undefined;
    this.render();
    this.callbacks.changed();
  }

  selectedRows(): GridRow[] {
    if (this.selection.size) return [...this.selection.values()].sort((a, b) => a.row - b.row);
    const row = this.activeRow();
    return row ? [row] : [];
  }

  moveTo(position: number, column: number): void {
    const total = this.cache.total;
    if (!total) return;
    this.active = { position: Math.min(Math.max(0, position), total - 1), column: Math.min(Math.max(0, column), COLUMNS.length - 1) };
    this.virtualizer.scrollToIndex(this.active.position, { align: 'auto' });
    for (const r of this.pool)
      if (r.dataset.position === String(this.active.position) || r.querySelector('#active-cell')) r.shown = undefined;
    this.render();
    this.callbacks.changed();
  }

  private pageSize(): number {
    return Math.max(1, Math.floor((this.scroller.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.editing) return;
    const { position, column } = this.active;
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.altKey && e.shiftKey && !ctrl && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      // Keyboard column resize: the active column narrows or widens by 16 px. (Ctrl+Alt+arrows
      // would also reach VS Code, which moves the editor to another group.)
      e.preventDefault();
      const index = column + 1;
      this.widths[index] = Math.max(MIN_WIDTH, this.widths[index]! + (e.key === 'ArrowRight' ? 16 : -16));
      this.applyWidths();
      this.callbacks.changed();
      return;
    }
    const move = (p: number, c: number) => {
      e.preventDefault();
      if (e.shiftKey && p !== position) {
        void this.selectRange(this.anchor, p);
      } else if (!e.shiftKey) this.anchor = p;
      this.moveTo(p, c);
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(position + 1, column);
      case 'ArrowUp':
        return move(position - 1, column);
      case 'ArrowLeft':
        return move(position, column - 1);
      case 'ArrowRight':
        return move(position, column + 1);
      case 'PageDown':
        return move(position + this.pageSize(), column);
      case 'PageUp':
        return move(position - this.pageSize(), column);
      case 'Home':
        return move(ctrl ? 0 : position, ctrl ? column : 0);
      case 'End':
        return move(ctrl ? this.cache.total - 1 : position, ctrl ? column : COLUMNS.length - 1);
      case 'Enter':
      case 'F2':
        e.preventDefault();
        return this.startEdit();
      case ' ':
        e.preventDefault();
        return this.toggle(position);
      case 'Escape':
        if (this.selection.size) {
          e.preventDefault();
          this.selection.clear();
          this.changedSelection();
        }
        return;
      case 'Delete':
        if (this.readOnly) return;
        e.preventDefault();
        return this.callbacks.deleteRows(this.selectedRows());
      case 'Insert':
        if (this.readOnly) return;
        e.preventDefault();
        return this.callbacks.addRow(this.activeRow());
    }
    if (ctrl && e.key === '.' && !this.readOnly) {
      e.preventDefault();
      this.callbacks.quickFix();
    } else if (ctrl && !e.altKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      void this.selectRange(0, this.cache.total - 1);
    } else if (ctrl && !e.altKey && e.key.toLowerCase() === 'd' && !this.readOnly) {
      e.preventDefault();
      this.callbacks.duplicateRows(this.selectedRows());
    } else if (ctrl && e.key === 'Enter' && !this.readOnly) {
      e.preventDefault();
      this.callbacks.addRow(this.activeRow());
    } else if (!ctrl && !e.altKey && e.key.length === 1 && e.key !== ' ') {
      // Typing on a cell starts editing it with that character, as in a spreadsheet.
      e.preventDefault();
      this.startEdit(e.key);
    }
  }

  startEdit(initial?: string): void {
    const row = this.activeRow();
    if (!row || this.readOnly || !this.cache.get(this.active.position)?.fresh) return;
    this.editing = { position: this.active.position, column: this.active.column, row };
    const input = (this.editor ??= this.createEditor());
    input.value = initial ?? row.fields[this.active.column] ?? '';
    input.setAttribute('aria-label', `Edit ${COLUMNS[this.active.column]} of row ${row.line}`);
    this.placeEditor();
    input.focus();
    if (initial === undefined) input.select();
    else input.setSelectionRange(input.value.length, input.value.length);
  }

  private createEditor(): HTMLInputElement {
    const input = el('input', 'cell-editor', { type: 'text', spellcheck: 'false', maxlength: '1024' });
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') {
        e.preventDefault();
        const next = this.active.position + (e.shiftKey ? -1 : 1);
        this.commitEdit();
        this.moveTo(next, this.active.column);
      } else if (e.key === 'Tab') {
        e.preventDefault();
        const next = this.active.column + (e.shiftKey ? -1 : 1);
        this.commitEdit();
        this.moveTo(this.active.position, next);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.cancelEdit();
      }
    });
    input.addEventListener('blur', () => this.commitEdit());
    return input;
  }

  private placeEditor(): void {
    const editing = this.editing;
    const input = this.editor;
    if (!editing || !input) return;
    const rowEl = this.bound.get(editing.position);
    const cell = rowEl?.cells[editing.column + 1];
    if (!cell) {
      input.remove();
      return;
    }
    if (input.parentElement !== cell) cell.append(input);
  }

  commitEdit(): void {
    const editing = this.editing;
    const input = this.editor;
    if (!editing || !input) return;
    this.editing = undefined;
    const value = input.value;
    input.remove();
    this.element.focus({ preventScroll: true });
    if (value === (editing.row.fields[editing.column] ?? '')) return;
    // Shown at once; the host's new version replaces it with the validated row.
    const fields = [...editing.row.fields];
    fields[editing.column] = value;
    this.cache.update(editing.position, {
      ...editing.row,
      fields,
      cells: editing.row.cells.map((c, i) => (i === editing.column ? null : c)),
    });
    this.callbacks.edit(editing.row, editing.column, value);
    this.render();
  }

  cancelEdit(): void {
    if (!this.editing) return;
    this.editing = undefined;
    this.editor?.remove();
    this.element.focus({ preventScroll: true });
    this.render();
  }

  /** Moves to a view position (and edits the cell) once the host has revealed it. */
  reveal(position: number, column: number, edit: boolean): void {
    this.selection.clear();
    this.anchor = position;
    this.moveTo(position, column);
    this.element.focus({ preventScroll: true });
    if (edit) void this.cache.load(position, position).then(() => this.startEdit());
  }
}

function worstOf(problems: CellProblem[]): string {
  return problems.some((p) => p.severity === 'error') ? 'error' : problems.some((p) => p.severity === 'warning') ? 'warning' : 'info';
}

/** A cell's text, with the filter's match marked (case-insensitive; plain text otherwise). */
function showText(cell: HTMLElement, text: string, needle: string): void {
  const at = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at < 0) {
    cell.textContent = text;
    return;
  }
  const mark = el('mark', 'match');
  mark.textContent = text.slice(at, at + needle.length);
  cell.replaceChildren(text.slice(0, at), mark, text.slice(at + needle.length));
}
