/** A rehearsal's outcome as Markdown (the VS Code report document and `rehearse --report`) and as console lines. */
import { counted } from '../core/text/plural';
import type { RehearsalReport } from './rehearse';

const STATUS_MARK: Record<string, string> = { done: '✅', inProgress: '⏳', todo: '⬜', problem: '❌' };
const STEP_NAMES = ['', 'connect', 'trust', 'verify', 'pre-create', 'identity map', 'moves', 'cleanup'];

export function rehearsalMarkdown(r: RehearsalReport): string {
  const lines = [
    '# Migration rehearsal',
    '',
    `**${r.summary}**`,
    '',
    "Both admins' generated scripts ran in PowerShell against a simulated pair of tenants built from the plan, in a copy of the workspace:",
    `\`${r.workDir}\`. The real plan and results were not touched. Simulated time ${r.simulatedStart} → ${r.simulatedEnd}.`,
    '',
    '## Moves',
    '',
    `| total | succeeded | failed | still pending |`,
    `| ---: | ---: | ---: | ---: |`,
    `| ${r.moves.total} | ${r.moves.success} | ${r.moves.failed} | ${r.moves.pending} |`,
    '',
  ];
  if (r.moves.failures.length) {
    lines.push('| user | error code | message |', '| --- | --- | --- |');
    for (const f of r.moves.failures) lines.push(`| ${cell(f.user)} | ${cell(f.code)} | ${cell(f.error)} |`);
    lines.push('');
  }
  lines.push('## What went wrong where', '');
  if (!r.problems.length) lines.push('Nothing: every script ran, every handoff was passed, every move succeeded.', '');
  for (const p of r.problems) lines.push(`- **${cell(p.where)}**: ${cell(p.what)}`);
  if (r.problems.length) lines.push('');
  lines.push('## The rehearsed plan', '', '| trust pair | source side | target side | compatibility |', '| --- | --- | --- | --- |');
  for (const t of r.views.trusts)
    lines.push(`| ${cell(t.pair)} | ${cell(t.source)} | ${cell(t.target)} | ${cell(t.compatibility ?? '—')} |`);
  const c = r.views.checklist;
  lines.push('', `Checklist: ${c.done} of ${c.total} done, ${counted(c.problems, 'problem')}.`, '');
  for (const i of c.items)
    lines.push(
      `${i.title.startsWith('  ') ? '  ' : ''}- ${STATUS_MARK[i.status] ?? ''} ${cell(i.title.trim())}${i.detail ? `: ${cell(i.detail)}` : ''}`,
    );
  lines.push('');
  lines.push('## Identity-map problems', '');
  if (!r.mapProblems.count) lines.push('None: the map is valid against the plan.', '');
  else {
    lines.push(
      `${counted(r.mapProblems.count, 'error or warning', 'errors and warnings')}${r.mapProblems.count > r.mapProblems.first.length ? `; the first ${r.mapProblems.first.length}` : ''} (open the map in the Identity Map Editor to fix them):`,
      '',
    );
    for (const p of r.mapProblems.first) lines.push(`- identity-map.csv:${p.line}:${p.column} ${p.severity}: ${cell(p.message)}`);
    lines.push('');
  }
  if (r.notes.length) {
    lines.push('## Notes from the simulated tenants', '');
    for (const n of r.notes) lines.push(`- ${cell(n)}`);
    lines.push('');
  }
  lines.push(
    '## Every PowerShell run',
    '',
    '| # | simulated time | side | script | from step | outcome | ms |',
    '| ---: | --- | --- | --- | ---: | --- | ---: |',
  );
  r.runs.forEach((run, i) => {
    const outcome =
      run.outcome === 'finished'
        ? 'finished'
        : run.outcome === 'handoff'
          ? `handoff → step ${run.resume}`
          : run.outcome === 'waiting'
            ? `waits in ${run.script ?? '?'} (step ${run.resume} ${STEP_NAMES[run.resume ?? 0] ?? ''})`
            : `**failed** in ${run.script ?? '?'}: ${run.message ?? ''}`;
    lines.push(`| ${i + 1} | ${run.simulatedTime} | ${run.side} | ${cell(run.what)} | ${run.fromStep} | ${cell(outcome)} | ${run.ms} |`);
  });
  lines.push('', `The rehearsed plan: \`${r.planFile}\` (open it to see its Tenants tree, checklist and identity-map problems).`, '');
  return lines.join('\n');
}

export function rehearsalConsoleLines(r: RehearsalReport): string[] {
  const lines = [r.summary];
  for (const p of r.problems) lines.push(`  problem: ${p.where}: ${p.what}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  lines.push(`Rehearsed workspace: ${r.workDir}`);
  return lines;
}

/** One line of a Markdown table cell: no line breaks, no pipes, no control characters, cut when long. */
function cell(text: string): string {
  // Values come from files another organisation sent: no HTML, links, images or emphasis may render.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  const cut = flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
  return cut
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|!#])/g, '\\$1');
}
