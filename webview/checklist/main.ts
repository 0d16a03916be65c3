/**
 * The checklist webview (browser code): renders the items the host sends, with native, keyboard-
 * usable elements (details/summary groups, checkboxes for manual items, buttons for step links),
 * VS Code theme colours and codicons. Remembers which groups are open across reloads.
 */
import type { ChecklistItem } from '../../src/core/checklist/checklist';
import type { ChecklistHostMessage, ChecklistViewMessage } from '../protocol';

declare function acquireVsCodeApi(): {
  postMessage(message: ChecklistViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const saved = (vscode.getState() as { open?: string[] } | undefined) ?? {};
const open = new Set<string>(saved.open ?? ['prerequisites']);

const ICONS: Record<ChecklistItem['status'], { icon: string; label: string }> = {
  done: { icon: 'pass-filled', label: 'done' },
  inProgress: { icon: 'sync', label: 'in progress' },
  todo: { icon: 'circle-large-outline', label: 'to do' },
  problem: { icon: 'error', label: 'needs attention' },
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function statusIcon(item: ChecklistItem): HTMLElement {
  const s = ICONS[item.status];
  return el('span', { class: `codicon codicon-${s.icon} status ${item.status}`, role: 'img', 'aria-label': s.label, title: s.label });
}

function runButton(item: ChecklistItem): HTMLElement | string {
  if (!item.command) return '';
  const b = el(
    'button',
    { class: 'run', type: 'button', title: 'Open this step', 'aria-label': `Open: ${item.title}` },
    el('span', { class: 'codicon codicon-arrow-right' }),
  );
  b.addEventListener('click', () => vscode.postMessage({ type: 'run', command: item.command! }));
  return b;
}

function leaf(item: ChecklistItem): HTMLElement {
  const li = el('li', { class: `item ${item.status}`, 'data-id': item.id });
  if (item.manual && item.status !== 'problem') {
    const box = el('input', { type: 'checkbox', id: `cb-${item.id}` });
    box.checked = item.status === 'done';
    box.addEventListener('change', () => vscode.postMessage({ type: 'tick', id: item.id, done: box.checked }));
    li.append(box, el('label', { for: `cb-${item.id}` }, item.title));
  } else li.append(statusIcon(item), el('span', { class: 'title' }, item.title));
  li.append(runButton(item));
  if (item.people?.length) li.append(peopleList(item));
  else if (item.detail) li.append(el('div', { class: 'detail' }, item.detail));
  return li;
}

/** A batch's counts open to the users behind them: who failed (with the code), who is still moving. */
function peopleList(item: ChecklistItem): HTMLElement {
  const details = el('details', { class: 'detail people', 'data-id': `people:${item.id}` });
  if (open.has(`people:${item.id}`)) details.open = true;
  details.addEventListener('toggle', () => {
    if (details.open) open.add(`people:${item.id}`);
    else open.delete(`people:${item.id}`);
    vscode.setState({ open: [...open] });
  });
  details.append(el('summary', { title: 'Show the users' }, item.detail ?? ''));
  const shown = item.people!;
  details.append(
    el(
      'ul',
      {},
      ...shown.map((p) =>
        el(
          'li',
          { class: `person ${p.state}` },
          el('span', { class: 'user' }, p.user),
          el('span', { class: 'state' }, p.errorCode ? `${p.state} · ${p.errorCode}` : p.state),
        ),
      ),
      ...(item.morePeople ? [el('li', { class: 'more' }, `… ${item.morePeople} more`)] : []),
    ),
  );
  return details;
}

function groupElement(item: ChecklistItem): HTMLElement {
  const details = el('details', { class: `group ${item.status}`, 'data-id': item.id });
  if (open.has(item.id)) details.open = true;
  details.addEventListener('toggle', () => {
    if (details.open) open.add(item.id);
    else open.delete(item.id);
    vscode.setState({ open: [...open] });
  });
  const done = (item.children ?? []).filter((c) => c.status === 'done').length;
  details.append(
    el(
      'summary',
      {},
      statusIcon(item),
      el('span', { class: 'title' }, item.title),
      el('span', { class: 'count' }, `${done}/${item.children?.length ?? 0}`),
      runButton(item),
    ),
  );
  details.append(el('ul', {}, ...(item.children ?? []).map((c) => (c.children?.length ? el('li', {}, groupElement(c)) : leaf(c)))));
  return details;
}

function render(message: ChecklistHostMessage): void {
  root.replaceChildren();
  if (!message.hasPlan) {
    root.append(
      el(
        'p',
        {},
        'No valid migration plan yet. Create one with "OneDrive Migration: 1. Connect to Tenants…", or fix the plan\u2019s errors.',
      ),
    );
    return;
  }
  const { done, total, problems } = message.progress;
  const bar = el(
    'div',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': String(total),
      'aria-valuenow': String(done),
      'aria-label': 'Checklist progress',
    },
    el('div', { class: 'fill', style: `width:${total ? Math.round((100 * done) / total) : 0}%` }),
  );
  root.append(
    el(
      'div',
      { class: 'summary', id: 'summary' },
      // "Need attention", not "problems": the Problems panel's problems are the plan's and the results' own.
      `${done} of ${total} done${problems ? ` · ${problems} need${problems === 1 ? 's' : ''} attention` : ''}`,
    ),
    bar,
  );
  root.append(...message.items.map(groupElement));
}

window.addEventListener('message', (event: MessageEvent<ChecklistHostMessage>) => {
  if (event.data?.type === 'state') render(event.data);
});
vscode.postMessage({ type: 'ready' });
