// `npm start`: opens the extension in a real VS Code (code-server, browser-hosted) on a copy of the
// bundled example, and prints the URL. Chromium opens it too when a display is available.
// Ctrl+C stops everything.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, workbenchUrl } from '../test/harness/codeServer.mjs';
import { CHROMIUM } from '../test/harness/tools.mjs';
import { CHROMIUM_ARGS } from '../test/harness/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'onedrive-migration-example-'));
cpSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam'), workspace, { recursive: true, filter: (src) => !src.includes(`${path.sep}scripts`) });

const server = await startCodeServer({ folder: workspace });
const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: [ROOT] });
console.log(`\nOneDrive Cross-Tenant Migration is running in VS Code (code-server) on a copy of the example:\n  workspace: ${workspace}\n  open:      ${url}\n\nPress Ctrl+C to stop.`);
if (process.env.DISPLAY && existsSync(CHROMIUM)) {
  spawn(CHROMIUM, [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'odm-chromium-'))}`, `--app=${url}`], { stdio: 'ignore', detached: true }).unref();
}
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
