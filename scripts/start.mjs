// `npm start`: opens the extension in a real VS Code (code-server, browser-hosted) on a copy of the
// bundled example, and prints the URL. Chromium opens it too when a display is available.
// `npm start -- --live`: also starts the simulated cloud (sign-in, Graph, SharePoint admin, 2,000 users
// per tenant) and points live mode at it, so live mode can be tried without a tenant.
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
import { createInterface } from 'node:readline';
import { writeFileSync } from 'node:fs';

async function startLiveSimulator() {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'scripts', 'live-simulator.ts'),
      '--plan',
      path.join(workspace, 'onedrive-migration.json'),
      '--users',
      '2000',
      '--auto-approve',
      'demo-source-app,demo-target-app',
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const info = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the simulated cloud stopped (exit ${code})`)));
  });
  const ca = path.join(workspace, '.simulated-cloud.pem');
  writeFileSync(ca, info.ca);
  return {
    child,
    url: info.url,
    settings: {
      'onedriveMigration.live.sourceClientId': 'demo-source-app',
      'onedriveMigration.live.targetClientId': 'demo-target-app',
      'onedriveMigration.live.authority': `${info.url}/login`,
      'onedriveMigration.live.graphBaseUrl': `${info.url}/graph`,
      'onedriveMigration.live.sharePointBaseUrl': `${info.url}/sharepoint`,
      'onedriveMigration.live.extraCertificateFile': ca,
    },
  };
}

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
// Live mode's demo: the simulated cloud in its own process; its device codes are approved at once.
const live = process.argv.includes('--live') ? await startLiveSimulator() : undefined;
const server = await startCodeServer({ folder: workspace, env: pwsh ? { ODM_PWSH: pwsh } : {}, settings: live?.settings ?? {} });
const url = workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: [ROOT] });
console.log(
  `\nOneDrive Cross-Tenant Migration is running in VS Code (code-server) on a copy of the example:\n  workspace: ${workspace}\n  open:      ${url}\n`,
);
console.log(
  pwsh
    ? 'Rehearse the example: F1 › "OneDrive Migration: Rehearse Migration…" runs both admins\' scripts in PowerShell 7\nagainst simulated tenants (about 20 s), or from a shell: npm run cli -- rehearse examples/contoso-to-fabrikam/onedrive-migration.json\n'
    : 'The rehearsal needs PowerShell 7 (pwsh) or the .NET SDK; neither was found.\n',
);
if (live)
  console.log(
    `Live mode runs against the simulated cloud at ${live.url}: sign in from the Tenants view ("Sign in…" under each tenant);\nthe device codes are approved at once (${live.url}/login/devicelogin is the page a real admin would use).\n`,
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
  live?.child.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
