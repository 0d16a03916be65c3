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
import { ensurePwsh } from '../test/harness/powershell.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'onedrive-migration-example-'));
cpSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam'), workspace, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}scripts`),
});

// PowerShell 7 for the rehearsal (installed once from NuGet when the .NET SDK is there).
let pwsh;
try {
  pwsh = ensurePwsh().pwsh;
} catch {
  pwsh = undefined;
}
const server = await startCodeServer({ folder: workspace, env: pwsh ? { ODM_PWSH: pwsh } : {} });
const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: [ROOT] });
console.log(
  `\nOneDrive Cross-Tenant Migration is running in VS Code (code-server) on a copy of the example:\n  workspace: ${workspace}\n  open:      ${url}\n`,
);
console.log(
  pwsh
    ? 'Rehearse the example: F1 › "OneDrive Migration: Rehearse Migration…" runs both admins\' scripts in PowerShell 7\nagainst simulated tenants (about 20 s), or from a shell: npm run cli -- rehearse examples/contoso-to-fabrikam/onedrive-migration.json\n'
    : 'The rehearsal needs PowerShell 7 (pwsh) or the .NET SDK; neither was found.\n',
);
console.log('Press Ctrl+C to stop.');
if (process.env.DISPLAY && existsSync(CHROMIUM)) {
  spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'),
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'odm-chromium-'))}`,
      `--app=${url}`,
    ],
    { stdio: 'ignore', detached: true },
  ).unref();
}
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
