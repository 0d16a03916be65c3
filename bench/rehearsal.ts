/**
 * Rehearsal benchmarks (`npm run bench`): PowerShell 7 running the generated scripts against the
 * simulated tenants.
 *  1. The example plan rehearsed end to end, both sides, all seven steps: wall time (≤ 60 s).
 *  2. The queue script for 4,000 users: time per user spent in the script itself (≤ 2 ms),
 *     i.e. the script's own run time less the time its fake cmdlets waited for the simulator
 *     (transport and the simulator's work) and less PowerShell's start-up.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readIdentityMapRows } from '../src/core/identity/identityMapRows';
import type { Plan } from '../src/core/plan/planSchema';
import { generateScripts } from '../src/core/powershell/generateScripts';
import { runPowerShell } from '../src/rehearsal/powershellProcess';
import { rehearse } from '../src/rehearsal/rehearse';
import { startSimulatedPair } from '../src/rehearsal/simulatedPair';
import { encodeUtf8, writeFilesAtomic } from '../src/services/atomicFiles';
import { generatorInput } from '../src/services/planWorkspace';
import { ensurePwsh } from '../test/harness/powershell.mjs';
import { readyToQueue } from '../test/support/simulatorSetup';
import { syntheticPlan } from '../test/support/syntheticPlans';

const START = '2026-11-23T12:00:00.000Z';
const found = ensurePwsh();
if (!found.pwsh) {
  console.log(`\nRehearsal benchmarks skipped: ${found.skip}`);
} else void main(found.pwsh);

async function main(pwsh: string): Promise<void> {
  const rows: string[][] = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  // 1. The example, end to end.
  const exampleDir = path.join(__dirname, '..', 'examples', 'contoso-to-fabrikam');
  const plan = JSON.parse(readFileSync(path.join(exampleDir, 'onedrive-migration.json'), 'utf8')) as Plan;
  const mapText = readFileSync(path.join(exampleDir, 'identity-map.csv'), 'utf8');
  const walls: number[] = [];
  let last: Awaited<ReturnType<typeof rehearse>> | undefined;
  for (let i = 0; i < 3; i++) {
    last = await rehearse({
      plan,
      planName: 'onedrive-migration.json',
      identityMapText: mapText,
      identityMap: readIdentityMapRows(mapText).rows,
      workDir: mkdtempSync(path.join(tmpdir(), 'odm-bench-rehearsal-')),
      pwsh,
      scenario: { start: START },
      now: new Date(START),
    });
    if (last.outcome !== 'completed') throw new Error(`rehearsal of the example did not complete: ${last.summary}`);
    walls.push(last.ms);
  }
  const wall = median(walls) / 1000;
  rows.push(['rehearsal of the example plan, both sides, all 7 steps', `${wall.toFixed(1)} s`, '≤ 60 s', wall <= 60 ? 'ok' : 'OVER']);
  const psMs = last!.runs.reduce((n, r) => n + r.ms, 0);
  const notes = [
    `rehearsal: ${last!.runs.length} PowerShell runs (${(psMs / 1000).toFixed(1)} s of the wall time), ${last!.pair.calls} cmdlet calls answered by the simulator in ${last!.pair.serverMs.toFixed(0)} ms; simulated ${last!.simulatedStart} → ${last!.simulatedEnd}`,
  ];

  // 2. The queue script for 4,000 users.
  const s = syntheticPlan({ users: 4000 });
  const dir = mkdtempSync(path.join(tmpdir(), 'odm-bench-queue-'));
  const queuePlan = { ...s.plan, identityMap: 'identity-map.csv', output: { scripts: 'scripts', results: 'results' } } as Plan;
  writeFileSync(path.join(dir, 'identity-map.csv'), s.mapText);
  const planFile = path.join(dir, 'onedrive-migration.json');
  writeFileSync(planFile, JSON.stringify(queuePlan));
  const scripts = path.join(dir, 'scripts');
  const generated = generateScripts(generatorInput(planFile, queuePlan, scripts, s.map));
  await writeFilesAtomic(
    scripts,
    generated.files.map((f) => ({ path: f.path, content: encodeUtf8(f.content, f.bom) })),
  );
  const pair = await startSimulatedPair({ plan: queuePlan, identityMap: s.map, scenario: { start: START, targetUsersExist: true } });
  try {
    readyToQueue(pair.cloud, s.map, [['default', 'default']]);
    const script = generated.files.find((f) => /06-queue-/.test(f.path) && f.path.endsWith('.ps1'))!.path;
    const run = await runPowerShell(
      `$watch = [System.Diagnostics.Stopwatch]::StartNew(); & ./${script}; $watch.Stop(); Write-Host ('ODM-BENCH {0} {1}' -f $watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), $global:OdmSimulatorElapsedMs.ToString([cultureinfo]::InvariantCulture))`,
      { pwsh, cwd: scripts, env: pair.env, timeoutMs: 900_000 },
    );
    const m = /ODM-BENCH ([\d.]+) ([\d.]+)/.exec(run.output);
    if (!m || pair.cloud.state.moves.length !== 4000)
      throw new Error(`queue benchmark failed (${pair.cloud.state.moves.length} queued): ${run.output.slice(-2000)}`);
    const scriptMs = Number(m[1]);
    const cmdletMs = Number(m[2]);
    const perUser = (scriptMs - cmdletMs) / 4000;
    rows.push([
      'queue script, 4,000 users: time per user in the script itself',
      `${perUser.toFixed(2)} ms`,
      '≤ 2 ms',
      perUser <= 2 ? 'ok' : 'OVER',
    ]);
    notes.push(
      `queue script: ${(scriptMs / 1000).toFixed(1)} s in all, of which ${(cmdletMs / 1000).toFixed(1)} s in ${pair.server.calls} fake cmdlet calls (the simulator answering: ${(pair.server.serverMs / 1000).toFixed(1)} s); PowerShell process ${(run.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await pair.close();
  }

  console.log('\nRehearsal benchmarks (PowerShell ' + pwsh + ')\n');
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['benchmark', 'measured', 'target', ''][i]!.length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(['benchmark', 'measured', 'target', '']));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(n);
  if (rows.some((r) => r[3] === 'OVER')) process.exitCode = 1;
}
