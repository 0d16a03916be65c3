// Starts code-server (real VS Code, web UI with a Node extension host) in its own process group,
// and stops the whole group afterwards (code-server keeps running when a test run ends).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureTools } from './tools.mjs';

/** User settings that keep the workbench quiet and deterministic under test. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.simpleDialog.enable': true,
  'window.dialogStyle': 'custom',
};

export async function startCodeServer({ folder, userDataDir, extensionsDir, env = {}, extraArgs = [], settings = {} } = {}) {
  const tools = ensureTools();
  const base = mkdtempSync(path.join(tmpdir(), 'odm-code-server-'));
  const userData = userDataDir ?? path.join(base, 'user-data');
  const extensions = extensionsDir ?? path.join(base, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...settings }, null, 2));
  // The window is remote (the extension host runs in code-server): machine-scoped settings are read from here.
  mkdirSync(path.join(userData, 'Machine'), { recursive: true });
  writeFileSync(path.join(userData, 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(base, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  const args = [
    tools.codeServerEntry,
    '--config',
    config,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--vscode-option',
    'enable-smoke-test-driver',
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const child = spawn(tools.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    userDataDir: userData,
    log: () => output,
    stop() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Installs a packaged extension (.vsix) into an extensions folder, as `code --install-extension` does. */
export function installExtension(vsix, extensionsDir) {
  const tools = ensureTools();
  mkdirSync(extensionsDir, { recursive: true });
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'odm-code-server-install-')), 'config.yaml');
  writeFileSync(config, 'auth: none\n'); // not the user's ~/.config/code-server
  const r = spawnSync(
    tools.node,
    [tools.codeServerEntry, '--config', config, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The URL that opens a folder with the extension under development (and optionally its tests). */
export function workbenchUrl(serverUrl, { folder, extensionDevelopmentPath = [], extensionTestsPath } = {}) {
  const payload = [
    ...extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', `vscode-remote://remote${p}`]),
    ...(extensionTestsPath ? [['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`]] : []),
    ['skipWelcome', 'true'],
  ];
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  query.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${query.toString()}`;
}
