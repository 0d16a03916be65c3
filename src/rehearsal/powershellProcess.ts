/**
 * Finding and running PowerShell 7 (pwsh): the rehearsal and the execution tests run the
 * generated scripts in a real PowerShell process, non-interactive, with a time limit.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { psString } from '../core/powershell/quote';

export interface PowerShellRun {
  exitCode: number | null;
  /** Everything the process printed (stdout and stderr interleaved as they arrived). */
  output: string;
  timedOut: boolean;
  ms: number;
}

/** pwsh from ODM_PWSH, then the given candidates (e.g. a test cache), then PATH; undefined when none. */
export function findPwsh(candidates: readonly string[] = []): string | undefined {
  const explicit = process.env.ODM_PWSH;
  if (explicit && existsSync(explicit)) return explicit;
  for (const c of candidates) if (existsSync(c)) return c;
  const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, exe))) return path.join(dir, exe);
  }
  return undefined;
}

export interface RunOptions {
  pwsh: string;
  cwd: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with each chunk of output (progress reporting). */
  onOutput?: (chunk: string) => void;
  /** Lets a caller kill the process (tests kill it mid-loop). */
  onSpawn?: (kill: () => void) => void;
  culture?: string;
}

/**
 * Runs PowerShell code (`-Command`), non-interactively, without the user's profile. Progress
 * bars are silenced (they would fill the captured output); everything else is as in a console.
 */
export function runPowerShell(command: string, options: RunOptions): Promise<PowerShellRun> {
  const started = Date.now();
  const prelude = ["$ProgressPreference = 'SilentlyContinue'"];
  if (options.culture)
    prelude.push(
      `[System.Threading.Thread]::CurrentThread.CurrentCulture = ${psString(options.culture)}`,
      `[System.Threading.Thread]::CurrentThread.CurrentUICulture = ${psString(options.culture)}`,
    );
  const script = [...prelude, command].join('; ');
  return new Promise((resolve) => {
    const child = spawn(options.pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', ...(options.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: the pwsh of a .NET tool install is a launcher with a child, and both must end.
      detached: process.platform !== 'win32',
    });
    const kill = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    let output = '';
    let timedOut = false;
    const onData = (d: Buffer) => {
      const text = d.toString('utf8');
      output += text;
      options.onOutput?.(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    options.onSpawn?.(kill);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        exitCode: null,
        output: `Could not start PowerShell (${options.pwsh}): ${error.message}`,
        timedOut: false,
        ms: Date.now() - started,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, output: output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), timedOut, ms: Date.now() - started });
    });
  });
}
