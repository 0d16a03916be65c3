// Finds PowerShell 7 for the execution tests, or installs the pinned version from NuGet as a .NET
// tool into the git-ignored .cache/harness/pwsh on first use (the .NET SDK is on these machines;
// NuGet is reachable, Microsoft's download site is not). Order: ODM_PWSH, `pwsh` on PATH, the
// cache, a fresh `dotnet tool install`. Without any of them the tests skip, except on CI
// (CI=true), where a missing PowerShell is an error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, ROOT } from './tools.mjs';

/** The PowerShell the harness installs (NuGet package `PowerShell`, a .NET global tool). */
export const PWSH_VERSION = '7.6.9';
export const PWSH_TOOL_PATH = path.join(CACHE, 'pwsh');
export const PWSH_SKIP_REASON =
  'PowerShell 7 not found: install the .NET SDK (then the tests install PowerShell 7.6.9 as a .NET tool) or put pwsh on PATH';

function log(message) {
  process.stderr.write(`[harness] ${message}\n`);
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The first `name` on PATH that is a file, as an absolute path. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

const cached = () => path.join(PWSH_TOOL_PATH, 'pwsh');
/** The cache holds the pinned version (the tool store keeps one folder per installed version). */
const cacheIsCurrent = () => isFile(cached()) && existsSync(path.join(PWSH_TOOL_PATH, '.store', 'powershell', PWSH_VERSION));

function installWithDotnet(dotnet) {
  // Another pinned version (or a half-finished install) is replaced, not upgraded in place.
  if (existsSync(PWSH_TOOL_PATH)) rmSync(PWSH_TOOL_PATH, { recursive: true, force: true });
  mkdirSync(path.dirname(PWSH_TOOL_PATH), { recursive: true });
  log(`installing PowerShell ${PWSH_VERSION} into ${path.relative(ROOT, PWSH_TOOL_PATH)} (first use; dotnet tool install from NuGet) ...`);
  const started = Date.now();
  const env = { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };
  const r = spawnSync(dotnet, ['tool', 'install', 'PowerShell', '--version', PWSH_VERSION, '--tool-path', PWSH_TOOL_PATH], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0 || !isFile(cached())) {
    log(
      `dotnet tool install of PowerShell ${PWSH_VERSION} failed (exit ${r.status ?? r.error?.message}):\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim()}`,
    );
    return undefined;
  }
  log(`PowerShell ${PWSH_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return cached();
}

function find() {
  const fromEnv = process.env.ODM_PWSH;
  if (fromEnv) {
    if (isFile(fromEnv)) return path.resolve(fromEnv);
    log(`ODM_PWSH=${fromEnv} is not a file; looking elsewhere`);
  }
  const fromPath = onPath('pwsh');
  if (fromPath) return fromPath;
  if (cacheIsCurrent()) return cached();
  const dotnet = onPath('dotnet');
  return dotnet ? installWithDotnet(dotnet) : undefined;
}

/**
 * PowerShell 7 for the tests: `{ pwsh }` (an absolute path) or `{ skip }` (why the tests skip).
 * With CI=true a missing PowerShell throws instead: CI must not pass by skipping.
 */
export function ensurePwsh() {
  const pwsh = find();
  if (pwsh) return { pwsh };
  if (process.env.CI === 'true') throw new Error(PWSH_SKIP_REASON);
  return { skip: PWSH_SKIP_REASON };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(ensurePwsh(), null, 2));
}
