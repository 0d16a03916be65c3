/**
 * `onedrive-migration status <plan>`: where the moves stand, per batch, for a terminal or a pipeline.
 * Exit code 0 when every move is done, 1 when one failed, 3 while moves are still to do.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeBatchProgress } from '../core/plan/batchProgress';
import { formatPace, migrationStatus, type BatchSummary } from '../core/moves/batchSummary';
import { counted } from '../core/text/plural';
import { utcShort } from '../core/text/utcShort';
import { relative } from './jsonOutput';
import { humanIo, oneLine, relativeToCwd as rel, shown, type Io } from './cliSupport';
import type { LoadedPlan } from '../services/planWorkspace';

type LoadValidPlan = (planArg: string | undefined, io: Io, allowOutside?: boolean) => Promise<LoadedPlan | undefined>;

export async function statusCommand(args: string[], io: Io, loadValidPlan: LoadValidPlan): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const human = humanIo(io, values.json);
  const loaded = await loadValidPlan(positionals[0], human);
  if (!loaded?.plan) return 1;
  const status = migrationStatus(loaded.plan, io.now);
  if (values.json) {
    io.json!({ command: 'status', plan: relative(io, path.resolve(io.cwd, positionals[0]!)), ...status });
    return status.exitCode;
  }
  const t = status.total;
  human.out(
    `${rel(io, loaded.file)}: ${counted(status.batches.length, 'batch', 'batches')}, ${counted(t.users, 'user')}: ${describeBatchProgress(t)}${t.notQueued === t.users && t.users ? ' (nothing queued yet)' : ''}.`,
  );
  for (const b of status.batches) for (const line of batchLines(b, io.now)) human.out(line);
  const failures = status.batches.flatMap((b) => b.failures.map((f) => ({ ...f, batch: b.name })));
  if (failures.length) {
    human.out('');
    human.out(`Failed (${failures.length}):`);
    for (const f of failures)
      human.out(
        `  ${shown(f.user)} (${shown(f.batch)}): ${f.errorCode ? shown(f.errorCode) : 'no error code'}${f.fix ? `: ${oneLine(f.fix)}` : ''}`,
      );
  }
  human.out('');
  human.out(status.exitCode === 0 ? 'Every move is done.' : status.exitCode === 1 ? 'Exit 1: moves failed.' : 'Exit 3: moves still to do.');
  return status.exitCode;
}

function batchLines(b: BatchSummary, now: Date): string[] {
  const facts = [
    b.startedAt
      ? `started ${utcShort(b.startedAt, now)} UTC`
      : b.progress.notQueued < b.progress.users
        ? 'start not recorded'
        : 'not started',
    b.lastChangeAt ? `last change ${utcShort(b.lastChangeAt, now)} UTC` : undefined,
    b.movesPerHour ? `${formatPace(b.movesPerHour)} moves/hour` : undefined,
    b.projectedFinish ? `queued moves done about ${utcShort(b.projectedFinish, now)} UTC` : undefined,
  ].filter(Boolean);
  return [
    '',
    `${shown(b.name)} (${b.sourceGeography} → ${b.targetGeography}): ${describeBatchProgress(b.progress)}`,
    `  ${facts.join(' · ')}`,
  ];
}
