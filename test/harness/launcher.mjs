#!/usr/bin/env node
// Stands in for the VS Code executable given to @vscode/test-electron (vscodeExecutablePath) on
// machines that cannot download desktop VS Code: it takes the same Electron-style flags, starts
// code-server, opens the test payload in Chromium, relays the test output and exits with the
// tests' exit code. On a machine with internet access the same runner drives desktop VS Code.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser.mjs';
import { startCodeServer, workbenchUrl } from './codeServer.mjs';
import { ROOT } from './tools.mjs';

const TIMEOUT_MS = Number(process.env.ODM_TEST_TIMEOUT_MS ?? 10 * 60_000);

function parseArgs(argv) {
  const out = {
    extensionDevelopmentPath: [],
    folder: undefined,
    extensionTestsPath: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
  };
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) {
      const [, key, value] = m;
      if (key === 'extensionDevelopmentPath') out.extensionDevelopmentPath.push(path.resolve(value));
      else if (key === 'extensionTestsPath') out.extensionTestsPath = path.resolve(value);
      else if (key === 'user-data-dir') out.userDataDir = path.resolve(value);
      else if (key === 'extensions-dir') out.extensionsDir = path.resolve(value);
    } else if (!arg.startsWith('-')) out.folder = path.resolve(arg);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const server = await startCodeServer({
  folder: args.folder,
  userDataDir: args.userDataDir,
  extensionsDir: args.extensionsDir,
  env: { ODM_TEST_RUN: '1', ODM_TEST_HOOKS: '1' },
});
const browser = await launchChromium();
let exitCode = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const done = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  // Test output carries a mark (see test/integration/index.ts); the workbench's own log is kept
  // for a failure report, and shown live with ODM_HARNESS_VERBOSE=1.
  const MARK = '\u2063';
  const workbenchLog = [];
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? format(...args) : String(args);
    if (text.startsWith(MARK)) process.stdout.write(text.slice(1) + '\n');
    else {
      workbenchLog.push(`[${type}] ${text}`);
      if (process.env.ODM_HARNESS_VERBOSE === '1') process.stderr.write(`[workbench ${type}] ${text}\n`);
    }
  });
  process.on('exit', (code) => {
    if (code !== 0 && process.env.ODM_HARNESS_VERBOSE !== '1')
      process.stderr.write(
        `[harness] last workbench log lines:\n${workbenchLog
          .filter((l) => !/open-vsx|ENOTFOUND/.test(l))
          .slice(-40)
          .join('\n')}\n`,
      );
  });
  page.on('pageerror', (e) => process.stderr.write(`[page] ${e.message}\n`));
  await page.goto(
    workbenchUrl(server.url, {
      folder: args.folder,
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
    }),
  );
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS));
  const result = await Promise.race([done, timeout]);
  if (result === 'timeout') {
    const shots = path.join(ROOT, 'test-results', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'integration-timeout.png') });
    process.stderr.write(
      `[harness] tests did not finish within ${TIMEOUT_MS / 1000} s (screenshot: test-results/screenshots/integration-timeout.png)\n${server.log().slice(-4000)}\n`,
    );
  } else exitCode = result;
} finally {
  await browser.close();
  server.stop();
}
process.exit(exitCode);
