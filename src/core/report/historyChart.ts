/**
 * The moves over time as a stacked area chart in plain SVG (no script, no external resource): the
 * report embeds it, and the same series feed the Moves view's interactive chart.
 */
import { escapeHtml } from '../text/html';
import { utcShort } from '../text/utcShort';
import { CATEGORY_LABELS, MOVE_CATEGORIES, emptyCounts, type CategoryCounts, type MoveCategory } from '../moves/moveCategory';
import type { HistoryPoint } from '../moves/moveHistory';

export interface ChartSeries {
  /** Times of the points (ISO). */
  times: string[];
  /** Per category that is ever non-zero, its count at each point (bottom to top in MOVE_CATEGORIES order). */
  series: Array<{ category: MoveCategory; values: number[] }>;
}

/** The history summed over the chosen batches (all when omitted). */
export function chartSeries(points: readonly HistoryPoint[], batches?: readonly string[]): ChartSeries {
  const sums: CategoryCounts[] = points.map((p) => {
    const sum = emptyCounts();
    for (const name in p.counts) {
      if (batches && !batches.includes(name)) continue;
      for (const c of MOVE_CATEGORIES) sum[c] += p.counts[name]![c];
    }
    return sum;
  });
  return {
    times: points.map((p) => p.at),
    series: MOVE_CATEGORIES.filter((c) => sums.some((s) => s[c] > 0)).map((category) => ({
      category,
      values: sums.map((s) => s[category]),
    })),
  };
}

/** Colours that stay apart in print and for the common colour-vision deficiencies (the view uses the theme's). */
export const REPORT_COLOURS: Record<MoveCategory, string> = {
  success: '#2e7d32',
  failed: '#c62828',
  refused: '#ad1457',
  stopped: '#6d4c41',
  inProgress: '#1565c0',
  rescheduled: '#6a1b9a',
  readyToTrigger: '#00838f',
  scheduled: '#f9a825',
  notStarted: '#ef6c00',
  unknown: '#757575',
  notQueued: '#cfd8dc',
};

const W = 720;
const H = 260;
const PAD = { left: 56, right: 12, top: 12, bottom: 34 };

export function historyChartSvg(data: ChartSeries, title: string): string {
  const n = data.times.length;
  if (!n) return '';
  const totals = data.times.map((_, i) => data.series.reduce((s, x) => s + x.values[i]!, 0));
  const max = Math.max(1, ...totals);
  const t0 = Date.parse(data.times[0]!);
  const t1 = Date.parse(data.times[n - 1]!);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  // One point: a single column in the middle.
  const x = (i: number) => PAD.left + (n === 1 || t1 === t0 ? plotW / 2 : ((Date.parse(data.times[i]!) - t0) / (t1 - t0)) * plotW);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const below = data.times.map(() => 0);
  const shapes: string[] = [];
  for (const s of data.series) {
    const top = s.values.map((v, i) => below[i]! + v);
    const colour = REPORT_COLOURS[s.category];
    if (n === 1) {
      shapes.push(
        `<rect x="${(x(0) - 20).toFixed(1)}" y="${y(top[0]!).toFixed(1)}" width="40" height="${(y(below[0]!) - y(top[0]!)).toFixed(1)}" fill="${colour}"/>`,
      );
    } else {
      const upper = top.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      const lower = below.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).reverse();
      shapes.push(
        `<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}"><title>${escapeHtml(CATEGORY_LABELS[s.category])}</title></polygon>`,
      );
    }
    for (let i = 0; i < n; i++) below[i] = top[i]!;
  }
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const axis = [
    ...[...new Set(ticks)].map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#0002"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toLocaleString('en-US')}</text>`,
    ),
    `<text x="${PAD.left}" y="${H - 10}" text-anchor="start">${escapeHtml(utcShort(data.times[0]!))} UTC</text>`,
    n > 1 ? `<text x="${W - PAD.right}" y="${H - 10}" text-anchor="end">${escapeHtml(utcShort(data.times[n - 1]!))} UTC</text>` : '',
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11">${shapes.join('')}${axis.join('')}</svg>`;
}
