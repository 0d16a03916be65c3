// `npm test`: unit tests (node's runner), execution tests (node's runner, running PowerShell 7:
// test/harness/powershell.mjs), integration tests (inside VS Code, through @vscode/test-electron and
// the code-server harness) and UI tests (Chromium driving VS Code).
// Prints each stage's output, then one final line: "N passed, N failed", followed by ", N skipped"
// when tests skipped (node's runner reports them; a skipped test is neither passed nor failed).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out', 'test-reports');
mkdirSync(OUT, { recursive: true });

const files = (dir) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
const nodeTest = (name, dir) => ({
  name,
  command: process.execPath,
  args: [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${path.join(OUT, `${name}.tap`)}`,
    ...files(dir),
  ],
  counts: () => {
    const tap = readFileSync(path.join(OUT, `${name}.tap`), 'utf8');
    const count = (label) => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
    return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') };
  },
});

const stages = [
  nodeTest('unit', 'test/unit'),
  nodeTest('execution', 'test/execution'),
  {
    name: 'integration',
    command: process.execPath,
    args: [path.join(ROOT, 'scripts', 'test-integration.mjs')],
    counts: (output) => {
      const m = /integration: (\d+) passed, (\d+) failed/.exec(output);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
    },
  },
  nodeTest('ui', 'test/e2e'),
].filter((s) => !(process.env.ODM_SKIP ?? '').split(',').includes(s.name));

function run(stage) {
  return new Promise((resolve) => {
    let output = '';
    const started = Date.now();
    process.stdout.write(`\n=== ${stage.name} tests ===\n`);
    const child = spawn(stage.command, stage.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code, output, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const skippedText = (n) => (n ? `, ${n} skipped` : '');
const summary = [];
for (const stage of stages) {
  const { code, output, seconds } = await run(stage);
  let counts;
  try {
    counts = stage.counts(output);
  } catch {
    counts = undefined;
  }
  if (!counts) counts = { passed: 0, failed: 1 }; // the stage crashed before reporting
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped ?? 0;
  summary.push(`${stage.name}: ${counts.passed} passed, ${counts.failed} failed${skippedText(counts.skipped ?? 0)} (${seconds} s)`);
}
process.stdout.write(`\n${summary.join('\n')}\n${passed} passed, ${failed} failed${skippedText(skipped)}\n`);
process.exitCode = failed ? 1 : 0;
