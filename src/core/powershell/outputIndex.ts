/** README.md of the output folder: what each script is for, per side, for the handoff e-mail. */
import type { Side } from '../plan/planSchema';
import type { BlockedScript, GeneratedFile } from './generatorTypes';
import { fileName } from './runbook';

/** The index's first line: how a later run recognises a README.md it wrote itself. */
export const INDEX_FIRST_LINE = '# Generated migration scripts';

export function outputIndexFile(files: readonly GeneratedFile[], blocked: readonly BlockedScript[], provenance: string): GeneratedFile {
  const lines: string[] = [INDEX_FIRST_LINE, '', `${provenance} Regenerate instead of editing: edits are overwritten.`, ''];
  for (const side of ['source', 'target'] as Side[]) {
    const mine = files.filter((f) => f.side === side && f.kind !== 'index');
    if (!mine.length && !blocked.some((b) => b.side === side)) continue;
    lines.push(`## ${side === 'source' ? 'Source' : 'Target'} admin (\`${side}/\`)`, '');
    lines.push('Start with `RUNBOOK.ps1`: it runs the steps in order and stops where the other side must act.', '');
    lines.push('| Step | File | What it does |', '| --- | --- | --- |');
    for (const f of [...mine].sort((a, b) => a.step - b.step || a.path.localeCompare(b.path))) {
      lines.push(`| ${f.step || ''} | \`${fileName(f)}\` | ${f.title.replace(/\|/g, '\\|')} |`);
    }
    const stops = blocked.filter((b) => b.side === side);
    if (stops.length) {
      lines.push('', 'Not generated yet:', '');
      for (const b of stops) lines.push(`- step ${b.step}${b.geography ? ` (${b.geography})` : ''}: ${b.message}`);
    }
    lines.push('');
  }
  return {
    path: 'README.md',
    content: lines.join('\n'),
    kind: 'index',
    action: 'index',
    side: 'source',
    step: 0,
    title: 'Index of the generated scripts',
    bom: false,
  };
}
