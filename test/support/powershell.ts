/**
 * PowerShell 7 for node:test suites (test/harness/powershell.mjs finds or installs it):
 *
 *   const pwsh = await pwshOrSkip();
 *   it('…', { skip: pwsh ? false : pwshSkipReason }, () => { … });
 *
 * On CI (CI=true) a missing PowerShell throws, so the suite fails instead of skipping.
 */
import { ensurePwsh, PWSH_SKIP_REASON, PWSH_TOOL_PATH, PWSH_VERSION } from '../harness/powershell.mjs';

/** The version the harness installs, and where (a pwsh from ODM_PWSH or PATH may be another 7.x). */
export { PWSH_TOOL_PATH, PWSH_VERSION };

/** Why PowerShell tests skip when pwshOrSkip() returns undefined. */
export let pwshSkipReason: string = PWSH_SKIP_REASON;

let found: Promise<string | undefined> | undefined;

/** The absolute path of pwsh, or undefined after printing why the tests that need it skip. */
export function pwshOrSkip(): Promise<string | undefined> {
  found ??= Promise.resolve().then(() => {
    const r = ensurePwsh();
    if (r.pwsh !== undefined) return r.pwsh;
    pwshSkipReason = r.skip;
    process.stderr.write(`[harness] skipping PowerShell tests: ${r.skip}\n`);
    return undefined;
  });
  return found;
}
