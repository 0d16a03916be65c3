// Integration tests inside a real VS Code, through @vscode/test-electron's runner. Here the
// "executable" is test/harness/launcher.mjs (code-server + Chromium); with ODM_VSCODE=desktop the
// runner downloads and drives desktop VS Code instead (needs internet access). With --prepare-only
// it only bundles the tests and copies the example to out/test/workspace, for the "Integration Tests"
// launch configuration of desktop VS Code (.vscode/launch.json).
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXED_CLOCK_ENV } from '../test/support/fixedClock.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out', 'test', 'integration');

rmSync(OUT, { recursive: true, force: true });
const entries = readdirSync(path.join(ROOT, 'test', 'integration'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(ROOT, 'test', 'integration', f));
await build({
  entryPoints: entries,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
  mainFields: ['module', 'main'],
});

const prepareOnly = process.argv.includes('--prepare-only');
const workspace = prepareOnly ? path.join(ROOT, 'out', 'test', 'workspace') : mkdtempSync(path.join(tmpdir(), 'odm-integration-'));
if (prepareOnly) rmSync(workspace, { recursive: true, force: true });
cpSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam'), workspace, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}scripts`),
});
if (prepareOnly) process.exit(0);
rmSync(path.join(ROOT, '.vscode-test', 'user-data'), { recursive: true, force: true });

const desktop = process.env.ODM_VSCODE === 'desktop';
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: path.join(ROOT, 'test', 'harness', 'launcher.mjs') }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(OUT, 'index.js'),
    launchArgs: [workspace],
    // Also the environment of the launcher (and so of code-server and its extension host): the
    // extension's clock is fixed (test/support/fixedClock.mjs).
    extensionTestsEnv: { ODM_TEST_WORKSPACE: workspace, ODM_TEST_HOOKS: '1', ...FIXED_CLOCK_ENV },
  });
} catch (error) {
  console.error(`Integration tests failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
