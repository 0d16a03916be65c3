/**
 * The extension as users get it: the packaged .vsix (what `npm run package` builds, only the files
 * .vscodeignore lets through) installed into the browser-hosted VS Code with --install-extension, not
 * loaded from the source folder. A file missing from the package fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installExtension } from '../harness/codeServer.mjs';
import { ROOT, exampleWorkspace, openWorkbench, runCommand, waitForExtension, webviewFrame, type Workbench } from './workbench';

describe('UI: the packaged extension (.vsix) installed into VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench | undefined;
  let installed = '';
  let extensionsDir = '';
  before(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odm-vsix-'));
    const vsix = path.join(dir, 'onedrive-cross-tenant-migration.vsix');
    // dist/ is built by npm test before the UI stage; vsce packages it as `npm run package` does.
    const packaged = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--no-rewrite-relative-links',
        '--out',
        vsix,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(packaged.status, 0, `vsce package failed:\n${packaged.stdout}${packaged.stderr}`);
    extensionsDir = path.join(dir, 'extensions');
    installed = installExtension(vsix, extensionsDir);
    wb = await openWorkbench(exampleWorkspace(), [], { extensionsDir });
    await waitForExtension(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('installs, activates on the example, runs a step command and opens the identity-map editor', async () => {
    assert.match(installed, /was successfully installed/);
    assert.ok(
      readdirSync(extensionsDir).some((name) => name.startsWith('onedrive-migration.onedrive-cross-tenant-migration-')),
      'installed under its publisher.name',
    );
    const { page } = wb!;
    try {
      await runCommand(page, 'OneDrive Migration: 2. Establish Trust…');
      // First offered: only what is pending (APC → NAM); this test takes every pair for the target admin.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Every pair' }).click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Target admin' }).click();
      await page.locator('.tabs-container .tab[aria-label*="target · 02-request-trust-NAM.ps1"]').waitFor({ timeout: 60_000 });
      // The generator is a bundle of its own (dist/generator.js): it was packaged and loaded.
      await page.keyboard.press('Escape');
      await runCommand(page, 'OneDrive Migration: Open in Identity Map Editor');
      const frame = await webviewFrame(page, '.grid');
      await frame.locator('.body .row[data-row="0"] .cell[aria-colindex="3"]').waitFor({ timeout: 60_000 });
      assert.match(await frame.locator('.summary').innerText(), /15 rows/);
      await wb!.screenshot('30-packaged-extension');
    } catch (error) {
      await wb!.screenshot('FAILED-packaged-extension').catch(() => undefined);
      throw error;
    }
  });
});
