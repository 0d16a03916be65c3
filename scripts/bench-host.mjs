// Benchmarks inside a real VS Code (code-server), through the same runner as the integration
// tests: activation and the Tenants tree on a big plan. Prints a table of figures.
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigWorkspace } from '../bench/bigWorkspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out', 'bench', 'host');
await build({
  entryPoints: [path.join(ROOT, 'bench', 'host', 'index.ts')],
  outfile: path.join(OUT, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});
const workspace = mkdtempSync(path.join(tmpdir(), 'odm-bench-'));
const sites = writeBigWorkspace(workspace);
rmSync(path.join(ROOT, '.vscode-test', 'user-data'), { recursive: true, force: true });

const rows = [];
const stdout = {
  write: (chunk) => {
    for (const line of String(chunk).split('\n')) {
      const m = /BENCH (\{.*\})/.exec(line);
      if (m) rows.push(JSON.parse(m[1]));
    }
    return true;
  },
};
try {
  await runTests({
    vscodeExecutablePath: path.join(ROOT, 'test', 'harness', 'launcher.mjs'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(OUT, 'index.js'),
    launchArgs: [workspace],
    stdout,
    stderr: process.stderr,
  });
} catch (error) {
  console.error(`host benchmark failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
console.log(
  `\nInside VS Code (code-server ${'4.139.1'}, extension host), ${sites.toLocaleString('en-US')} redirect sites, 289 trust pairs:\n`,
);
const width = Math.max(...rows.map((r) => r.name.length), 9);
console.log(`${'benchmark'.padEnd(width)}  measured   target`);
for (const r of rows) {
  // Information rows have no target (Infinity arrives as null through JSON).
  const ok = r.target === null || r.value <= r.target;
  console.log(
    `${r.name.padEnd(width)}  ${`${r.value.toFixed(1)} ${r.unit}`.padEnd(9)}  ${Number.isFinite(r.target) ? `≤ ${r.target} ${r.unit}${ok ? '' : '  OVER'}` : '(info)'}`,
  );
  if (!ok) process.exitCode = 1;
}
