/**
 * The moves over time: a stacked area per category (Chart.js on a canvas), one point per result
 * file, for every batch or one. The canvas has a label; the same numbers are in a table below it
 * for screen readers and keyboard users (the text alternative).
 */
import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend } from 'chart.js';
import { CATEGORY_LABELS } from '../../src/core/moves/moveCategory';
import type { HistoryPoint } from '../../src/core/moves/moveHistory';
import { chartSeries } from '../../src/core/report/historyChart';
import { utcShort } from '../../src/core/text/utcShort';
import { themeColour } from './colours';
import { el, n } from './dom';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Legend);

export class HistoryChart {
  readonly element: HTMLElement;
  private readonly canvas = el('canvas', { role: 'img' });
  private readonly table = el('table', { class: 'chart-table' });
  private readonly empty = el(
    'p',
    { class: 'muted' },
    'No move-state results yet: export the move states (Refresh States) to see the moves over time.',
  );
  private chart: Chart<'line', Array<{ x: number; y: number }>> | undefined;

  constructor() {
    const details = el('details', { class: 'chart-alternative' }, el('summary', {}, 'The chart as a table'), this.table);
    this.element = el('div', { class: 'chart' }, el('div', { class: 'chart-canvas' }, this.canvas), this.empty, details);
  }

  update(points: readonly HistoryPoint[], batches: readonly string[] | undefined, now: Date): void {
    const data = chartSeries(points, batches);
    const has = data.times.length > 0;
    this.empty.hidden = has;
    this.canvas.parentElement!.hidden = !has;
    (this.table.parentElement as HTMLElement).hidden = !has;
    const last = data.series.map((s) => `${CATEGORY_LABELS[s.category]} ${n(s.values[s.values.length - 1] ?? 0)}`).join(', ');
    this.canvas.setAttribute('aria-label', `Moves over time, ${data.times.length} result files; at the last: ${last || 'none'}.`);
    // The text alternative: one row per result file.
    this.table.replaceChildren(
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Result of (UTC)'),
          ...data.series.map((s) => el('th', { scope: 'col' }, CATEGORY_LABELS[s.category])),
        ),
      ),
      el(
        'tbody',
        {},
        ...data.times.map((t, i) =>
          el('tr', {}, el('th', { scope: 'row' }, utcShort(t, now)), ...data.series.map((s) => el('td', {}, n(s.values[i]!)))),
        ),
      ),
    );
    if (!has) return;
    const foreground = getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim() || '#888';
    const grid = getComputedStyle(document.body).getPropertyValue('--vscode-editorWidget-border').trim() || '#8884';
    const datasets = data.series.map((s, i) => ({
      label: CATEGORY_LABELS[s.category],
      data: data.times.map((t, j) => ({ x: Date.parse(t), y: s.values[j]! })),
      backgroundColor: themeColour(s.category),
      borderColor: themeColour(s.category),
      borderWidth: 1,
      pointRadius: data.times.length === 1 ? 4 : 0,
      fill: i === 0 ? 'origin' : '-1',
    }));
    // From the first result to the last (one result: Chart.js centres it).
    const range = data.times.length > 1 ? { min: Date.parse(data.times[0]!), max: Date.parse(data.times[data.times.length - 1]!) } : {};
    if (this.chart) {
      Object.assign(this.chart.options.scales!.x!, { min: undefined, max: undefined, ...range });
      this.chart.data.datasets = datasets;
      this.chart.update('none');
      return;
    }
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            type: 'linear',
            ...range,
            ticks: { color: foreground, maxTicksLimit: 6, callback: (v) => utcShort(new Date(Number(v)).toISOString(), now) },
            grid: { color: grid },
          },
          y: { stacked: true, beginAtZero: true, ticks: { color: foreground, precision: 0 }, grid: { color: grid } },
        },
        plugins: {
          legend: { labels: { color: foreground, boxWidth: 12 } },
          tooltip: { callbacks: { title: (items) => `${utcShort(new Date(items[0]?.parsed.x ?? 0).toISOString(), now)} UTC` } },
        },
      },
    });
  }
}
