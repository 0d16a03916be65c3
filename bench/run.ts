/**
 * `npm run bench`: the performance targets of the issues, measured (median of repeated runs after
 * warm-up, in this process). Figures go into the README's performance section.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { validatePlanText } from '../src/core/plan/validatePlan';
import type { Plan } from '../src/core/plan/planSchema';
import { childrenOf, rootNodes, type TreeInput } from '../src/core/views/tenantsTree';
import { writeBigWorkspace } from './bigWorkspace.mjs';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateScripts } from '../src/core/powershell/generateScripts';
import { rewritePlanText } from '../src/core/plan/planText';
import { ingestResults } from '../src/core/results/ingestResults';
import { readResult } from '../src/core/results/readResult';
import { parseIdentityMap } from '../src/core/identity/identityMapFile';
import { validateIdentityMap } from '../src/core/identity/validateIdentityMap';
import { syntheticPlan } from './fixtures';
import { moveStateEntry, resultFileText } from '../test/support/resultFiles';
import { writeMovesWorkspace } from './movesWorkspace.mjs';
import { applicableResults } from '../src/core/results/ingestResults';
import { trackingModel } from '../src/core/moves/trackingModel';
import { DEFAULT_THRESHOLDS } from '../src/core/moves/moveFlags';
import { filterMoves } from '../src/core/moves/moveFilter';
import { migrationReportHtml } from '../src/core/report/migrationReport';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const rows: Array<[string, string, string, string]> = [];
const report = (name: string, value: number, target: number, unit = 'ms') =>
  rows.push([name, `${value.toFixed(1)} ${unit}`, `≤ ${target} ${unit}`, value <= target ? 'ok' : 'OVER']);

// 1. Generate every script for a 10,000-user plan with 3 × 3 geographies.
const input = (users: number) => {
  const { plan, map } = syntheticPlan(users);
  return {
    plan,
    identityMap: map,
    paths: { resultsFromScripts: '../../results', identityMapFromScripts: '../../identity-map.csv' },
    provenance: 'benchmark',
  };
};
const big = input(10_000);
report(
  'generate all scripts, 10,000 users, 3 × 3 geographies',
  measure(() => generateScripts(big)),
  100,
);

// Output size must grow linearly with users: data rows, not unrolled script lines (the .ps1 total
// stays constant but for the user counts printed in comments).
const sizes: string[] = [];
let scriptBytes: number | undefined;
for (const users of [1_000, 5_000, 10_000, 20_000]) {
  const out = generateScripts(input(users));
  const total = out.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  const scripts = out.files.filter((f) => f.path.endsWith('.ps1')).reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  scriptBytes ??= scripts;
  sizes.push(
    `${users.toLocaleString('en-US').padStart(6)} users: ${(total / 1024).toFixed(0).padStart(5)} KB in ${out.files.length} files (.ps1: ${(scripts / 1024).toFixed(1)} KB${Math.abs(scripts - scriptBytes) / scriptBytes < 0.01 ? ', constant' : ', GROWING'}; ${((total - scripts) / users).toFixed(1)} bytes of data per user)`,
  );
}

// 2. Validate a plan with 10,000 batch entries.
const planText = JSON.stringify(syntheticPlan(10_000).plan, null, 2);
const validation = validatePlanText(planText);
if (validation.problems.some((p) => p.severity === 'error'))
  throw new Error('benchmark plan is invalid: ' + JSON.stringify(validation.problems.slice(0, 3)));
report(
  'validate a plan with 10,000 batch entries',
  measure(() => validatePlanText(planText)),
  50,
);

// 3. The Tenants tree view model for 17 × 17 pairs and 50,000 redirect sites (core only; the
// provider inside VS Code is measured by scripts/bench-host.mjs).
const bigFolder = mkdtempSync(path.join(tmpdir(), 'odm-bench-tree-'));
writeBigWorkspace(bigFolder);
const bigPlan = JSON.parse(readFileSync(path.join(bigFolder, 'onedrive-migration.json'), 'utf8')) as Plan;
const inventories = readdirSync(path.join(bigFolder, 'results')).map((f) => {
  const r = JSON.parse(readFileSync(path.join(bigFolder, 'results', f), 'utf8'));
  return {
    side: r.side,
    geography: r.geography,
    createdAt: r.createdAt,
    includesPersonalSites: true,
    urls: r.data.sites.map((s: { url: string }) => s.url),
    file: f,
  };
});
const treeInput: TreeInput = { plan: bigPlan, redirectInventories: inventories, now: new Date('2026-11-23T00:00:00Z') };
report(
  'tree model: first level, 17 × 17 pairs, 50,000 redirect sites',
  measure(() => rootNodes(treeInput)),
  50,
);
report(
  'tree model: expand a geography with 10,000 redirect sites',
  measure(() => {
    const nam = childrenOf(treeInput, rootNodes(treeInput)[0]!)[0]!;
    const folder = childrenOf(treeInput, nam).find((n) => n.kind === 'redirectFolder')!;
    return childrenOf(treeInput, folder);
  }),
  200,
);

// 4. Identity map: parse + validate 100,000 rows; match 100,000 × 100,000 users (child processes).
const child = (mode: string) => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'identity.ts'), mode], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench/identity.ts ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
};
const map = child('map');
report('identity map: parse + validate 100,000 rows', map.full, 300);
const matching = child('match');
report('identity map: match 100,000 × 100,000 users', matching.ms, 1000);
report('identity map: peak memory of the matching process (RSS)', matching.maxRssMb, 300, 'MB');
const identityNotes = [
  `parse + validate is ${(map.full / map.plain).toFixed(1)}× a plain papaparse parse of the same ${(map.bytes / 1e6).toFixed(1)} MB file (${map.plain.toFixed(0)} ms); ${map.problems} problems found`,
  `matching: ${matching.matched.toLocaleString('en-US')} matched; the process used ${matching.baselineRssMb.toFixed(0)} MB before matching (Node and tsx included)`,
];

// 5. Import 20,000 move states into a plan that has 20,000, and the same file again (CLI path: ingest + rewrite).
const importPlan = syntheticPlan(20_000, 1, 1).plan;
importPlan.moves = Object.fromEntries(
  importPlan
    .batches!.flatMap((b) => b.users)
    .map((u) => [
      String(u),
      {
        state: 'InProgress',
        updatedAt: '2026-11-20T00:00:00Z',
        targetUser: String(u).replace('contoso', 'fabrikam'),
        sourceGeography: 'NAM',
        targetGeography: 'NAM',
      },
    ]),
);
const importText = JSON.stringify(importPlan, null, 2) + '\n';
const stateFile = readResult(
  'source-NAM-moveState.json',
  resultFileText(
    'moveState',
    { entries: importPlan.batches!.flatMap((b) => b.users).map((u) => moveStateEntry(String(u), 'Success')) },
    { createdAt: '2026-11-24T08:00:00.000Z' },
  ),
);
if (stateFile.problems.length) throw new Error('import benchmark result is invalid: ' + JSON.stringify(stateFile.problems.slice(0, 2)));
let imported = '';
report(
  'import 20,000 move states into a plan with 20,000 (ingest + rewrite)',
  measure(
    () => {
      const outcome = ingestResults(importPlan, [stateFile]);
      imported = rewritePlanText(importText, importPlan, outcome.plan);
    },
    5,
    1,
  ),
  1000,
);
const importedPlan = JSON.parse(imported) as Plan;
report(
  're-import the same 20,000 move states (nothing changes)',
  measure(
    () => {
      const outcome = ingestResults(importedPlan, [stateFile]);
      if (JSON.stringify(outcome.plan) !== JSON.stringify(importedPlan)) throw new Error('re-import changed the plan');
    },
    5,
    1,
  ),
  300,
);

// 6. A map whose cells are 50,000 characters long (hostile or broken exports): validation stays linear.
const longCell = (i: number) => ['x'.repeat(50_000), `${'a.'.repeat(25_000)}@`, `x@${'a.'.repeat(25_000)} `, '-'.repeat(50_000)][i % 4]!;
const longMap = Array.from({ length: 100 }, (_, i) =>
  ['User', '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03', longCell(i), longCell(i + 1), longCell(i + 2), 'RegularUser'].join(','),
).join('\r\n');
const longMb = Buffer.byteLength(longMap) / 1e6;
report(
  `validate a map of 50,000-character cells (${longMb.toFixed(1)} MB), per MB`,
  measure(() => validateIdentityMap(parseIdentityMap(longMap), {}), 5, 1) / longMb,
  50,
);

// 7. Tracking the moves: 20,000 users, 60 move-state results (the Moves view's model, the report).
const movesFolder = mkdtempSync(path.join(tmpdir(), 'odm-bench-moves-'));
const movesInfo = writeMovesWorkspace(movesFolder);
const movesPlan = JSON.parse(readFileSync(path.join(movesFolder, 'onedrive-migration.json'), 'utf8')) as Plan;
const movesResults = applicableResults(
  readdirSync(path.join(movesFolder, 'results')).map((name) =>
    readResult(name, readFileSync(path.join(movesFolder, 'results', name), 'utf8')),
  ),
  new Date(movesInfo.now),
);
if (movesResults.length !== movesInfo.files)
  throw new Error(`moves benchmark: ${movesResults.length} of ${movesInfo.files} results are valid`);
const movesNow = new Date(movesInfo.now);
let tracked = trackingModel(movesPlan, movesResults, movesNow, DEFAULT_THRESHOLDS);
report(
  'the Moves view model: 20,000 users, 60 move-state results (rows, history, activity)',
  measure(() => (tracked = trackingModel(movesPlan, movesResults, movesNow, DEFAULT_THRESHOLDS)), 5, 1),
  1000,
);
report(
  'filter 20,000 moves (failed, sorted by user)',
  measure(() => filterMoves(tracked.rows, { categories: ['failed'] }, { column: 'user' }), 15, 3),
  100,
);
let reportHtml = '';
report(
  'the HTML report for 20,000 users, 60 results (model + page)',
  measure(() => (reportHtml = migrationReportHtml(movesPlan, trackingModel(movesPlan, movesResults, movesNow, DEFAULT_THRESHOLDS))), 5, 1),
  1000,
);
report('the HTML report: size', Buffer.byteLength(reportHtml) / 1024, 2048, 'KB');
const movesLoaded = readdirSync(path.join(movesFolder, 'results')).map((name) =>
  readResult(name, readFileSync(path.join(movesFolder, 'results', name), 'utf8')),
);
report(
  'fold 60 move-state results into a 20,000-user plan (the auto-import after each new file)',
  measure(() => ingestResults(movesPlan, movesLoaded, { now: movesNow }), 3, 1),
  3000,
);

console.log('\nBenchmarks (median of 15 runs after 3 warm-up runs; node ' + process.version + ')\n');
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['benchmark', 'measured', 'target', ''][i]!.length));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(['benchmark', 'measured', 'target', '']));
for (const r of rows) console.log(line(r));
console.log('\nGenerated output size by plan size:');
for (const s of sizes) console.log('  ' + s);
console.log(`\nplan text for the validation benchmark: ${(planText.length / 1024).toFixed(0)} KB`);
for (const note of identityNotes) console.log(note);
if (rows.some((r) => r[3] === 'OVER')) process.exitCode = 1;
