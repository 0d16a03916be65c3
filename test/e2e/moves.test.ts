/**
 * UI: the Moves view in the browser-hosted VS Code: on the example (batches, chart, a failure and its
 * fix), and on a migration of 20,000 users with 60 move-state results (filter to failures, open
 * one, export the report).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeMovesWorkspace } from '../../bench/movesWorkspace.mjs';
import {
  exampleWorkspace,
  openMigrationView,
  openWorkbench,
  runCommand,
  step,
  waitForExtension,
  webviewFrame,
  type Workbench,
} from './workbench';

describe('UI: the Moves view on the example', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench(exampleWorkspace());
    await waitForExtension(wb.page);
  });
  after(async () => {
    await wb?.close();
  });

  it('a batch node in the tree opens the view filtered to it; a failed move shows its code and the fix', () =>
    step(wb, 'moves-example', async () => {
      const { page } = wb;
      await openMigrationView(page);
      await page.locator('.monaco-list-row[aria-label^="Source geography NAM"]').click();
      const batches = page
        .locator('.monaco-list-row[aria-label^="3 batches"], .monaco-list-row[aria-label*="batches from source geography NAM"]')
        .first();
      await batches.waitFor({ timeout: 30_000 });
      assert.match((await batches.getAttribute('aria-label')) ?? '', /2 of 3,800 queue slots used/);
      await batches.click();
      const wave1 = page.locator('.monaco-list-row[aria-label^="Batch Wave 1 - NAM pilot"]');
      await wave1.waitFor();
      await wave1.click();
      const view = await webviewFrame(page, 'table.batches');
      await view.locator('#shown', { hasText: '4 of 10 moves' }).waitFor({ timeout: 30_000 });
      await view.locator('.chart canvas').waitFor();
      await wb.screenshot('20-moves-view');
      await view.getByRole('button', { name: /failed or refused/ }).click();
      await view.locator('#shown', { hasText: '1 of 10 moves' }).waitFor();
      await view.locator('.table-body .table-row', { hasText: 'diego.siciliani@contoso.com' }).click();
      const detail = view.locator('.detail');
      await detail.waitFor();
      const text = await detail.innerText();
      assert.match(text, /MnAOdbUsersAreNotLicensed/);
      assert.match(text, /Assign the licence/);
      assert.match(text, /https:\/\/contoso-my\.sharepoint\.com\/personal\/diego_siciliani_contoso_com/);
      await wb.screenshot('21-moves-failure');
    }));
});

describe('UI: the Moves view on 20,000 users with 60 move-state results', { timeout: 600_000 }, () => {
  let wb: Workbench;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'odm-ui-moves-'));
    writeMovesWorkspace(folder);
    wb = await openWorkbench(folder);
    await waitForExtension(wb.page, 240_000);
  });
  after(async () => {
    await wb?.close();
  });

  it('opens on every user, filters to the failures, opens one, and exports the report', () =>
    step(wb, 'moves-20k', async () => {
      const { page } = wb;
      await runCommand(page, 'OneDrive Migration: Show Moves');
      const view = await webviewFrame(page, 'table.batches', 120_000);
      await view.locator('#shown', { hasText: '20,000 of 20,000 moves' }).waitFor({ timeout: 120_000 });
      assert.equal(await view.locator('table.batches tbody tr').count(), 10);
      await wb.screenshot('22-moves-20k');
      await view.locator('select[aria-label="State"]').selectOption('c:failed');
      await view.locator('#shown', { hasText: '360 of 20,000 moves' }).waitFor();
      const first = view.locator('.table-body .table-row').first();
      await first.click();
      const detail = view.locator('.detail');
      await detail.waitFor();
      assert.match(await detail.innerText(), /The fix/);
      await wb.screenshot('23-moves-20k-failures');

      await runCommand(page, 'OneDrive Migration: Export Migration Report…');
      // The browser-hosted VS Code asks with its own file dialog: the suggested path is the plan's folder.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      // The page, then the CSV beside it.
      const report = path.join(folder, 'migration-report.html');
      const csv = path.join(folder, 'migration-report.csv');
      const deadline = Date.now() + 60_000;
      while (!(existsSync(report) && existsSync(csv)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const html = readFileSync(report, 'utf8');
      assert.ok(html.length < 2 * 1024 * 1024, `${html.length} bytes`);
      assert.match(html, /20,000 users/);
      assert.equal(readFileSync(csv, 'utf8').trimEnd().split('\r\n').length, 20_001);
    }));
});
