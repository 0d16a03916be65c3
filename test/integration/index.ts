/**
 * Runs inside the VS Code extension host (extensionTestsPath): every *.test.js next to this file,
 * with Mocha (node's own runner cannot finish inside the extension host: its in-process mode waits
 * for an idle event loop, which the host never has). Mocha is loaded from node_modules, not bundled,
 * so the runner and the test files share one instance. The harness relays the console output; a
 * failure rejects, so the window exits non-zero.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Lines starting with this mark are test output; the harness shows the workbench's own log only when asked. */
export const TEST_OUTPUT_MARK = '\u2063';
const log = (...args: unknown[]) => console.log(TEST_OUTPUT_MARK + format(...args));

export async function run(): Promise<void> {
  const only = process.env.ODM_INTEGRATION_FILTER;
  (Mocha.reporters.Base as unknown as { consoleLog: typeof log }).consoleLog = log;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const f of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js') && (!only || name.includes(only)))
    .sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const failures = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  log(`integration: ${failures.passed} passed, ${failures.failed} failed`);
  if (failures.failed > 0 || failures.passed === 0) throw new Error(`${failures.failed} integration test(s) failed`);
}
