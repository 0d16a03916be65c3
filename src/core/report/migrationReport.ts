/**
 * The report for management: one self-contained HTML page (inline style and SVG; no script, no
 * external resource, a CSP that forbids both) with the summary per batch, the chart over time,
 * failures by cause with the fix, what is left and the activity log; and a CSV of every user.
 * Built from the same tracking model as the Moves view, so the numbers are the same.
 */
import { counted } from '../text/plural';
import { csvLineForPeople } from '../text/csvField';
import { escapeHtml as h } from '../text/html';
import { utcShort } from '../text/utcShort';
import { CATEGORY_LABELS, MOVE_CATEGORIES, type CategoryCounts } from '../moves/moveCategory';
import { describeFlag, MOVE_FLAGS } from '../moves/moveFlags';
import { explainErrorCode } from '../errors/mnaErrorCodes';
import { formatPace } from '../moves/batchSummary';
import { flagTotals, type BatchTracking, type TrackingModel } from '../moves/trackingModel';
import type { Plan } from '../plan/planSchema';
import { chartSeries, historyChartSvg, REPORT_COLOURS } from './historyChart';

/** Flagged moves and activity events listed in the page (the CSV has every user). */
const MAX_LISTED = 200;

const n = (v: number) => v.toLocaleString('en-US');
const when = (iso: string | undefined, now: Date) => (iso ? `${utcShort(iso, now)} UTC` : '—');
const pct = (part: number, whole: number) => (whole ? `${Math.floor((part / whole) * 1000) / 10} %` : '—');

function bar(counts: CategoryCounts, users: number): string {
  if (!users) return '';
  const parts = MOVE_CATEGORIES.filter((c) => counts[c] > 0).map(
    (c) =>
      `<span style="width:${((counts[c] / users) * 100).toFixed(2)}%;background:${REPORT_COLOURS[c]}" title="${h(`${CATEGORY_LABELS[c]}: ${n(counts[c])}`)}"></span>`,
  );
  return `<div class="bar" role="img" aria-label="${h(describeCounts(counts))}">${parts.join('')}</div>`;
}

function describeCounts(counts: CategoryCounts): string {
  return (
    MOVE_CATEGORIES.filter((c) => counts[c] > 0)
      .map((c) => `${CATEGORY_LABELS[c]} ${n(counts[c])}`)
      .join(', ') || 'no users'
  );
}

function batchRow(b: BatchTracking, now: Date): string {
  const flags = MOVE_FLAGS.filter((f) => b.flagged[f]).map((f) => `${n(b.flagged[f])} ${f}`);
  return `<tr><th scope="row">${h(b.name)}</th><td>${h(b.sourceGeography)} → ${h(b.targetGeography)}</td><td>${n(b.progress.users)}</td><td>${bar(b.counts, b.progress.users)}<div class="small">${h(describeCounts(b.counts))}</div></td><td>${when(b.preferredBeginUtc, now)}<br>${when(b.preferredEndUtc, now)}</td><td>${when(b.startedAt, now)}</td><td>${when(b.lastChangeAt, now)}</td><td>${b.movesPerHour ? formatPace(b.movesPerHour) : '—'}</td><td>${when(b.projectedFinish, now)}</td><td>${h(flags.join(', ') || '—')}</td></tr>`;
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1b1b1b}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eee}
thead th{background:#f4f4f4;font-weight:600}.small{font-size:12px;color:#555}.bar{display:flex;height:12px;min-width:120px;background:#eee;border-radius:2px;overflow:hidden}
.bar span{display:block;height:100%}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:4px;padding:8px 12px;min-width:130px}
.card b{display:block;font-size:20px}.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.problem{color:#b00020}code{font-family:ui-monospace,Consolas,monospace}@media print{h2{break-after:avoid}}`;

export function migrationReportHtml(plan: Plan, model: TrackingModel): string {
  const now = new Date(model.at);
  const t = model.total;
  const users = model.rows.length;
  const inFlight = t.scheduled + t.notStarted + t.readyToTrigger + t.inProgress + t.rescheduled;
  const flags = flagTotals(model);
  const name = plan.name ?? `${plan.source.name} → ${plan.target.name}`;
  const series = chartSeries(model.history);
  const chart = historyChartSvg(series, `Moves over time: ${describeCounts(t)}`);
  const flagged = model.rows.filter((r) => r.flags.length);
  const left = model.batches.filter((b) => b.counts.success < b.progress.users);

  const sections: string[] = [];
  sections.push(`<div class="cards">
<div class="card"><b>${pct(t.success, users)}</b>moved (${n(t.success)} of ${n(users)})</div>
<div class="card"><b>${n(inFlight)}</b>queued or moving</div>
<div class="card${t.failed + t.refused ? ' problem' : ''}"><b>${n(t.failed + t.refused)}</b>failed or refused</div>
<div class="card"><b>${n(t.notQueued + t.stopped)}</b>not queued</div>
<div class="card${flags.stuck + flags.late + flags.stale ? ' problem' : ''}"><b>${n(flags.stuck + flags.late + flags.stale)}</b>need a look (stuck, late or stale)</div>
</div>`);

  sections.push(`<h2>Batches</h2><table><thead><tr><th scope="col">Batch</th><th scope="col">Geographies</th><th scope="col">Users</th><th scope="col">Progress</th><th scope="col">Preferred window</th><th scope="col">Started</th><th scope="col">Last change</th><th scope="col">Moves per hour</th><th scope="col">Projected finish</th><th scope="col">Flags</th></tr></thead><tbody>
${model.batches.map((b) => batchRow(b, now)).join('\n')}
</tbody></table>
<p class="small">Queues: ${model.queues.map((q) => `${h(q.sourceGeography)} ${n(q.used)} of ${n(q.limit)} slots used`).join(' · ') || '—'}.</p>`);

  if (chart) {
    const legend = series.series
      .map((s) => `<span><i style="background:${REPORT_COLOURS[s.category]}"></i>${h(CATEGORY_LABELS[s.category])}</span>`)
      .join('');
    const head = series.series.map((s) => `<th scope="col">${h(CATEGORY_LABELS[s.category])}</th>`).join('');
    const rows = series.times
      .map(
        (time, i) => `<tr><th scope="row">${when(time, now)}</th>${series.series.map((s) => `<td>${n(s.values[i]!)}</td>`).join('')}</tr>`,
      )
      .join('\n');
    sections.push(`<h2>Over time</h2><figure>${chart}<figcaption class="legend">${legend}</figcaption></figure>
<details><summary>The chart as a table (${counted(series.times.length, 'result file')})</summary><table><thead><tr><th scope="col">Result of</th>${head}</tr></thead><tbody>
${rows}
</tbody></table></details>`);
  }

  sections.push(
    `<h2>Failures by cause</h2>${
      model.failures.length
        ? `<table><thead><tr><th scope="col">Cause</th><th scope="col">Users</th><th scope="col">What it means</th><th scope="col">The fix</th></tr></thead><tbody>
${model.failures
  .map(
    (f) =>
      `<tr><th scope="row"><code>${h(f.errorCode ?? 'No known code')}</code></th><td>${n(f.count)}<div class="small">${h(f.users.join(', '))}${f.count > f.users.length ? ', …' : ''}</div></td><td>${h(f.meaning ?? 'The error text names no known code: see the user in the CSV.')}</td><td>${h(f.fix ?? 'Read the error text, fix the cause and queue the user again.')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
        : '<p>No move failed.</p>'
    }`,
  );

  sections.push(
    `<h2>What is left</h2>${
      left.length
        ? `<ul>${left
            .map(
              (b) =>
                `<li><b>${h(b.name)}</b>: ${n(b.progress.users - b.counts.success)} of ${n(b.progress.users)} not moved yet (${h(describeCounts({ ...b.counts, success: 0 }))})</li>`,
            )
            .join('')}</ul>`
        : '<p>Every OneDrive has moved.</p>'
    }${
      flagged.length
        ? `<table><caption class="small">Moves that need a look${flagged.length > MAX_LISTED ? ` (the first ${MAX_LISTED} of ${n(flagged.length)}; the CSV lists them all)` : ''}</caption><thead><tr><th scope="col">User</th><th scope="col">Batch</th><th scope="col">State</th><th scope="col">Since</th><th scope="col">Why</th></tr></thead><tbody>
${flagged
  .slice(0, MAX_LISTED)
  .map(
    (r) =>
      `<tr><td>${h(r.user)}</td><td>${h(r.batch)}</td><td>${h(r.state ?? '—')}</td><td>${when(r.since, now)}</td><td>${h(r.flags.map((f) => describeFlag(f, model.thresholds)).join('; '))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
        : ''
    }`,
  );

  sections.push(
    `<h2>Activity</h2>${
      model.activity.length
        ? `<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead><tbody>
${model.activity
  .slice(0, MAX_LISTED)
  .map(
    (e) =>
      `<tr${e.problem ? ' class="problem"' : ''}><td>${when(e.at, now)}</td><td>${e.side === 'source' ? 'Source' : 'Target'} admin · ${h(e.tenant)} ${h(e.geography)}</td><td>${h(e.title)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>${model.activity.length > MAX_LISTED ? `<p class="small">The newest ${MAX_LISTED} of ${n(model.activity.length)} events.</p>` : ''}`
        : '<p>No result files yet.</p>'
    }`,
  );

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(name)}: OneDrive migration report</title><style>${STYLE}</style></head>
<body><header><h1>${h(name)}</h1><p class="small">OneDrive cross-tenant migration from <b>${h(plan.source.displayName ?? plan.source.name)}</b> to <b>${h(plan.target.displayName ?? plan.target.name)}</b> · ${counted(model.batches.length, 'batch', 'batches')}, ${counted(users, 'user')} · as of ${when(model.at, now)}</p></header>
<main>
${sections.join('\n')}
</main>
<footer class="small"><p>Made by OneDrive Cross-Tenant Migration from the plan and the result files. Times are UTC.</p></footer>
</body></html>
`;
}

export const MOVES_CSV_COLUMNS = [
  'User',
  'Target user',
  'Batch',
  'Source geography',
  'Target geography',
  'State',
  'Category',
  'Since',
  'Last change',
  'Error code',
  'Error',
  'Fix',
  'Flags',
  'Source OneDrive',
  'Target OneDrive',
] as const;

/** Every user's move, one line each (for Excel: formula-like values are defused). */
export function movesCsv(model: TrackingModel): string {
  const lines = [csvLineForPeople(MOVES_CSV_COLUMNS)];
  for (const r of model.rows) {
    lines.push(
      csvLineForPeople([
        r.user,
        r.target ?? '',
        r.batch,
        r.sourceGeography,
        r.targetGeography,
        r.state ?? '',
        CATEGORY_LABELS[r.category],
        r.since ?? '',
        r.updatedAt ?? '',
        r.errorCode ?? '',
        r.error ?? '',
        r.errorCode ? (explainErrorCode(r.errorCode)?.fix ?? '') : '',
        r.flags.join(' '),
        r.sourceUrl ?? '',
        r.targetUrl ?? '',
      ]),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
