/**
 * `onedrive-migration report <plan> --html <file> [--csv <file>]`: the management report (one
 * self-contained HTML page) and a CSV of every user, from the plan and its results folder (folded in
 * memory: the plan file is not changed). The same numbers as the Moves view.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLDS, type MoveThresholds } from '../core/moves/moveFlags';
import { trackingModel } from '../core/moves/trackingModel';
import { migrationReportHtml, movesCsv } from '../core/report/migrationReport';
import { applicableResults, ingestResults } from '../core/results/ingestResults';
import { counted } from '../core/text/plural';
import { writeFileAtomic } from '../services/atomicFiles';
import { loadResults, resultsFolder, type LoadedPlan } from '../services/planWorkspace';
import { relativeToCwd as rel, usageError, type Io } from './cliSupport';

type LoadValidPlan = (planArg: string | undefined, io: Io, allowOutside?: boolean) => Promise<LoadedPlan | undefined>;

function hours(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 365) throw usageError(`--${option} takes a number of hours above 0, not '${value}'.`);
  return n;
}

export async function reportCommand(args: string[], io: Io, loadValidPlan: LoadValidPlan): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      html: { type: 'string' },
      csv: { type: 'string' },
      'stuck-after': { type: 'string' },
      'stale-after': { type: 'string' },
      'allow-outside': { type: 'boolean' },
    },
  });
  if (!values.html && !values.csv) throw usageError('Give --html <file>, --csv <file> or both.');
  const thresholds: MoveThresholds = {
    inProgressHours: hours(values['stuck-after'], 'stuck-after', DEFAULT_THRESHOLDS.inProgressHours),
    staleHours: hours(values['stale-after'], 'stale-after', DEFAULT_THRESHOLDS.staleHours),
  };
  const loaded = await loadValidPlan(positionals[0], io, values['allow-outside']);
  if (!loaded?.plan) return 1;
  const folder = resultsFolder(loaded.file, loaded.plan);
  const results = existsSync(folder) ? await loadResults([folder]) : [];
  const unreadable = results.filter((r) => !r.result).length;
  const plan = ingestResults(loaded.plan, results, { now: io.now }).plan;
  const model = trackingModel(plan, applicableResults(results, io.now), io.now, thresholds);
  const written: string[] = [];
  if (values.html) {
    const file = path.resolve(io.cwd, values.html);
    const html = migrationReportHtml(plan, model);
    await writeFileAtomic(file, html);
    written.push(`${rel(io, file)} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB)`);
  }
  if (values.csv) {
    const file = path.resolve(io.cwd, values.csv);
    // With a BOM: Excel then reads the CSV as UTF-8 (names with accents stay readable).
    await writeFileAtomic(file, `\uFEFF${movesCsv(model)}`);
    written.push(rel(io, file));
  }
  const t = model.total;
  io.out(
    `Wrote ${written.join(' and ')}: ${counted(model.batches.length, 'batch', 'batches')}, ${counted(model.rows.length, 'user')}, ${t.success.toLocaleString('en-US')} moved, ${(t.failed + t.refused).toLocaleString('en-US')} failed, from ${counted(results.length - unreadable, 'result file')}.`,
  );
  if (unreadable)
    io.err(
      `${counted(unreadable, 'result file')} could not be read and ${unreadable === 1 ? 'was' : 'were'} left out: run 'onedrive-migration import' to see why.`,
    );
  return 0;
}
