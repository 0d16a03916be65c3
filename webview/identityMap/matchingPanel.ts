/**
 * The matching panel: proposals from the directory exports, filtered by status, windowed like
 * the grid. Each proposal shows the rule that matched; the admin accepts or rejects them row by
 * row, by selection, or everything shown; ambiguous ones are resolved with "Choose…".
 */
import type { Virtualizer } from '@tanstack/virtual-core';
import type { ProposalCounts, ProposalFilter, ProposalView } from '../../src/core/identity/matchReview';
import type { MapViewMessage } from '../identityMapProtocol';
import { setCount, virtualList } from '../shared/virtualList';
import { WindowCache } from '../shared/windowCache';

const ITEM_HEIGHT = 46;
const STATUS_ICON: Record<ProposalView['status'], string> = {
  matched: 'pass',
  suggested: 'lightbulb',
  ambiguous: 'question',
  conflict: 'error',
  unmatched: 'circle-slash',
};
const FILTER_LABEL: Record<ProposalFilter, string> = {
  all: 'All pending',
  matched: 'Matched',
  suggested: 'Suggested (display name)',
  ambiguous: 'Ambiguous',
  conflict: 'Conflicts',
  unmatched: 'Unmatched',
};
const RULE_LABEL: Record<string, string> = {
  employeeId: 'employee ID',
  immutableId: 'immutable ID',
  mail: 'mail / proxy',
  upnLocalPart: 'UPN local part',
  displayName: 'display name',
  mailNickname: 'alias',
  groupDisplayName: 'display name',
};

type Post = (m: MapViewMessage) => void;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag) as HTMLElementTagNameMap[K];
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'icon-button');
  b.type = 'button';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.append(el('span', `codicon codicon-${icon}`));
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

export class MatchingPanel {
  readonly element: HTMLElement;
  private readonly cache: WindowCache<ProposalView>;
  private readonly summary: HTMLElement;
  private readonly filterSelect: HTMLSelectElement;
  private readonly list: HTMLDivElement;
  private readonly inner: HTMLDivElement;
  private readonly empty: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  private readonly selected = new Set<number>();
  filter: ProposalFilter;

  constructor(
    container: HTMLElement,
    filter: ProposalFilter,
    private readonly post: Post,
    onClose: () => void,
  ) {
    this.filter = filter;
    this.cache = new WindowCache<ProposalView>((version, start, count) => post({ type: 'proposalRows', version, start, count }));
    this.element = el('aside', 'panel');
    this.element.setAttribute('aria-label', 'Matching');
    const head = el('div', 'panel-head');
    head.append(el('h2', '', 'Matching'), iconButton('close', 'Close the matching panel', onClose));
    this.empty = el('div', 'panel-empty');
    this.empty.append(
      el(
        'p',
        '',
        'Build rows from the two directories: export users (and groups) from the Entra admin center of each tenant, then match them. The cascade is employee ID → immutable ID → mail / proxy addresses → UPN local part (with the domain map) → display name (suggestion only); ambiguity is flagged, never guessed.',
      ),
    );
    const start = el('vscode-button', 'match-start', 'Match from directory exports…');
    start.setAttribute('icon', 'sparkle');
    start.addEventListener('click', () => post({ type: 'match' }));
    this.empty.append(start);
    this.summary = el('div', 'panel-summary');
    this.summary.setAttribute('role', 'status');
    const filterRow = el('div', 'panel-filter');
    this.filterSelect = el('select');
    this.filterSelect.setAttribute('aria-label', 'Show proposals');
    this.filterSelect.addEventListener('change', () => {
      this.filter = this.filterSelect.value as ProposalFilter;
      this.selected.clear();
      post({ type: 'proposalQuery', filter: this.filter });
    });
    const again = iconButton('refresh', 'Match again from directory exports…', () => post({ type: 'match' }));
    filterRow.append(this.filterSelect, again);
    this.actions = el('div', 'panel-actions');
    const action = (label: string, onClick: () => void) => {
      const b = el('vscode-button', '', label);
      b.setAttribute('secondary', '');
      b.addEventListener('click', onClick);
      this.actions.append(b);
      return b;
    };
    action('Accept shown', () => post({ type: 'accept', ids: 'shown' }));
    action('Accept selected', () => this.selected.size && post({ type: 'accept', ids: [...this.selected] }));
    action('Reject selected', () => this.selected.size && post({ type: 'reject', ids: [...this.selected] }));
    this.list = el('div', 'proposals');
    this.list.setAttribute('role', 'list');
    this.list.tabIndex = 0;
    this.inner = el('div', 'proposals-inner');
    this.list.append(this.inner);
    this.element.append(head, this.empty, this.summary, filterRow, this.actions, this.list);
    container.append(this.element);
    this.virtualizer = virtualList(this.list, ITEM_HEIGHT, () => this.render(), { overscan: 6 });
    this.update(0, 0, null);
  }

  update(version: number, total: number, counts: ProposalCounts | null): void {
    this.cache.reset(version, total, false);
    this.selected.clear();
    setCount(this.virtualizer, total);
    const has = !!counts;
    this.empty.hidden = has;
    this.summary.hidden = this.actions.hidden = this.list.hidden = !has;
    (this.filterSelect.parentElement as HTMLElement).hidden = !has;
    if (counts) {
      const p = counts.pending;
      const pendingTotal = p.matched + p.suggested + p.ambiguous + p.conflict + p.unmatched;
      this.filterSelect.replaceChildren(
        ...(['all', 'matched', 'suggested', 'ambiguous', 'conflict', 'unmatched'] as const).map((f) => {
          const o = el('option', '', `${FILTER_LABEL[f]} (${(f === 'all' ? pendingTotal : p[f]).toLocaleString()})`);
          o.value = f;
          o.selected = f === this.filter;
          return o;
        }),
      );
      this.summary.textContent = `${counts.total.toLocaleString()} proposals: ${pendingTotal.toLocaleString()} pending, ${counts.accepted.toLocaleString()} accepted, ${counts.rejected.toLocaleString()} rejected.`;
    }
    this.render();
  }

  receive(version: number, start: number, rows: ProposalView[]): void {
    if (this.cache.receive(version, start, rows)) this.render();
  }

  private render(): void {
    const items = this.virtualizer.getVirtualItems();
    this.inner.style.height = `${this.virtualizer.getTotalSize()}px`;
    const nodes: HTMLElement[] = [];
    for (const item of items) {
      const p = this.cache.get(item.index)?.item;
      const node = p ? this.item(p) : el('div', 'proposal loading', '…');
      node.style.transform = `translateY(${item.start}px)`;
      nodes.push(node);
    }
    this.inner.replaceChildren(...nodes);
    if (items.length) this.cache.ensure(items[0]!.index - 20, items[items.length - 1]!.index + 20);
  }

  private item(p: ProposalView): HTMLElement {
    const node = el('div', `proposal ${p.status}${this.selected.has(p.id) ? ' selected' : ''}`);
    node.setAttribute('role', 'listitem');
    const check = el('input');
    check.type = 'checkbox';
    check.checked = this.selected.has(p.id);
    check.setAttribute('aria-label', `Select ${p.source}`);
    check.addEventListener('change', () => {
      if (check.checked) this.selected.add(p.id);
      else this.selected.delete(p.id);
      node.classList.toggle('selected', check.checked);
    });
    const icon = el('span', `codicon codicon-${STATUS_ICON[p.status]} status-icon`);
    icon.title = p.status;
    const text = el('div', 'proposal-text');
    const line1 = el('div', 'line1');
    line1.append(
      el('span', 'source', p.source),
      el('span', 'codicon codicon-arrow-right arrow'),
      el('span', 'target', p.target ?? (p.candidates.length ? `${p.candidates.length} candidates` : 'no match')),
    );
    const line2 = el('div', 'line2');
    const details = [
      p.status,
      p.rule ? `by ${RULE_LABEL[p.rule] ?? p.rule}` : '',
      p.sourceName ?? '',
      p.candidates.length ? p.candidates.slice(0, 3).join(', ') + (p.candidates.length > 3 ? '…' : '') : '',
      p.mapped ? 'already in the map' : '',
    ].filter(Boolean);
    line2.textContent = details.join(' · ');
    text.append(line1, line2);
    text.title = details.join('\n');
    const buttons = el('div', 'proposal-buttons');
    if (p.status === 'ambiguous' || p.status === 'conflict')
      buttons.append(iconButton('list-selection', `Choose the target for ${p.source}…`, () => this.post({ type: 'choose', id: p.id })));
    else
      buttons.append(
        iconButton(
          p.status === 'unmatched' ? 'add' : 'check',
          p.status === 'unmatched' ? `Add ${p.source} with a blank target` : `Accept ${p.source}`,
          () => this.post({ type: 'accept', ids: [p.id] }),
        ),
      );
    buttons.append(iconButton('close', `Reject ${p.source}`, () => this.post({ type: 'reject', ids: [p.id] })));
    node.append(check, icon, text, buttons);
    return node;
  }
}
