import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pwshOrSkip, pwshSkipReason, PWSH_TOOL_PATH, PWSH_VERSION } from '../support/powershell';

// Test files are CommonJS (no top-level await): suites await pwshOrSkip() in an async describe.
describe('execution: PowerShell 7', async () => {
  const pwsh = await pwshOrSkip();

  it('pwsh runs a command and reports PowerShell 7', { skip: pwsh ? false : pwshSkipReason }, () => {
    const version = execFileSync(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
      encoding: 'utf8',
      timeout: 60_000,
    }).trim();
    assert.ok(version.startsWith('7.'), `PowerShell version '${version}'`);
    // The harness's own install is the pinned version; ODM_PWSH or a pwsh on PATH may be another 7.x.
    if (path.dirname(pwsh!) === PWSH_TOOL_PATH) assert.equal(version, PWSH_VERSION);
  });
});
