import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  editorText,
  emptyWorkspace,
  exampleWorkspace,
  openMigrationView,
  openWorkbench,
  runCommand,
  step,
  waitForExtension,
  webviewFrame,
  type Workbench,
} from './workbench';

/** Opens a workbench on the folder before the suite's tests (and waits for the extension), closes it after. */
function useWorkbench(folder: () => string, opened: (wb: Workbench) => void, waitForIt: boolean): void {
  let wb: Workbench | undefined;
  before(async () => {
    wb = await openWorkbench(folder());
    opened(wb);
    if (waitForIt) await waitForExtension(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The example's map with one invalid target (a dot where the @ belongs) on its second row.
const EXAMPLE_MAP = readFileSync(path.join(__dirname, '..', '..', 'examples', 'contoso-to-fabrikam', 'identity-map.csv'), 'utf8');
const BROKEN_MAP = EXAMPLE_MAP.replace(',alex.wilber@fabrikam.com,', ',alex.wilber.fabrikam.com,');

const SOURCE_USERS =
  'userPrincipalName,displayName,mail,employeeId\r\nadele.vance@contoso.com,Adele Vance,adele.vance@contoso.com,E1\r\nnew.hire@contoso.com,New Hire,new.hire@contoso.com,E77\r\nsam.twin@contoso.com,Sam Twin,,\r\n';
const TARGET_USERS =
  'userPrincipalName,displayName,mail,employeeId\r\nadele.vance@fabrikam.com,Adele Vance,adele.vance@fabrikam.com,E1\r\nnh@fabrikam.com,New Hire,nh@fabrikam.com,E77\r\nsam.twin@fabrikam.com,Sam Twin,,\r\nsam.twin@fabrikam.onmicrosoft.com,Sam Twin,,\r\n';

const PS1 =
  "# Try the snippets and the hovers here.\nSet-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Target -PartnerCrossTenantHostUrl 'https://fabrikam-my.sharepoint.com'\n\n";

describe('UI: the example workspace', { timeout: 300_000 }, () => {
  let wb: Workbench;
  useWorkbench(
    () => exampleWorkspace({ 'playground.ps1': PS1 }),
    (opened) => (wb = opened),
    true,
  );

  it('activity bar → Tenants tree → right-click a trust → Remove Trust → confirm → both removal scripts open', () =>
    step(wb, 'remove-trust', async () => {
      const { page } = wb;
      await openMigrationView(page);
      const nam = page.locator('.monaco-list-row[aria-label^="Source geography NAM"]');
      await nam.waitFor({ timeout: 30_000 });
      await nam.click();
      const trust = page.locator('.monaco-list-row[aria-label^="Trust NAM to NAM"]').first();
      await trust.waitFor();
      assert.match((await trust.getAttribute('aria-label')) ?? '', /Source: GoodToProceed\. Target: GoodToProceed/);
      await wb.screenshot('01-tenants-tree');
      const dialog = page.locator('.monaco-dialog-box');
      // A click that lands right as the menu opens, or while the tree re-renders (its countdowns move
      // on every minute), is ignored by the workbench: let the menu settle, and try again if needed.
      for (let attempt = 1; ; attempt++) {
        await trust.click({ button: 'right' });
        const item = page.getByRole('menuitem', { name: 'Remove Trust…' });
        await item.waitFor();
        await page.waitForTimeout(300);
        await item.click();
        try {
          await dialog.waitFor({ timeout: attempt < 3 ? 15_000 : 60_000 });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
      const dialogText = await dialog.innerText();
      assert.match(dialogText, /Remove the trust between Contoso Ltd NAM and Fabrikam Inc NAM\?/);
      assert.match(dialogText, /source admin \(contoso, geography NAM\).*target admin \(fabrikam, geography NAM\)/s);
      await wb.screenshot('02-remove-trust-confirmation');
      await dialog.getByRole('button', { name: 'Generate Removal Scripts' }).click();

      // One review: its index, and the first script open; each side's file has its side in the tab.
      const tabs = page.locator('.tabs-container .tab');
      await page.locator('.tabs-container .tab[aria-label*="source · 07-remove-trust-NAM.ps1"]').waitFor({ timeout: 60_000 });
      const labels = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      assert.ok(
        labels.some((l) => l.includes('review.md')),
        labels.join(' | '),
      );
      // The index links to both files: Ctrl+click opens the target's.
      await page.locator('.tabs-container .tab[aria-label*="review.md"]').click();
      // The index links to each file: put the cursor on the target's link and open it (Open Link, as
      // Ctrl+click does; the Markdown link provider may take a moment: try again until it has).
      const targetTab = page.locator('.tabs-container .tab[aria-label*="target · 07-remove-trust-NAM.ps1"]');
      for (let attempt = 1; ; attempt++) {
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+f');
        await page.keyboard.type('target%20%C2%B7');
        await page.keyboard.press('Escape');
        await runCommand(page, 'Open Link');
        try {
          await targetTab.waitFor({ timeout: attempt < 5 ? 3_000 : 30_000 });
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await page.keyboard.press('Escape');
          await page.locator('.tabs-container .tab[aria-label*="review.md"]').click();
        }
      }
      // Each removal names the PARTNER's role: Target on the source side, Source on the target side.
      for (const [side, role] of [
        ['target', 'Source'],
        ['source', 'Target'],
      ] as const) {
        await page.locator(`.tabs-container .tab[aria-label*="${side} · 07-remove-trust-NAM.ps1"]`).click();
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+f');
        await page.keyboard.type(`Remove-SPOCrossTenantRelationship -Scenario MnA -PartnerRole ${role}`);
        const count = page.locator('.find-widget .matchesCount');
        await page.waitForFunction((el) => el && /^1 of 1$/.test(el.textContent ?? ''), await count.elementHandle(), { timeout: 10_000 });
        await page.keyboard.press('Escape');
      }
      await wb.screenshot('03-removal-scripts');
    }));

  it('runs a step command from F1: 2. Establish Trust for the target admin', () =>
    step(wb, 'f1-step-2', async () => {
      const { page } = wb;
      await runCommand(page, 'OneDrive Migration: 2. Establish Trust…');
      // First offered: only what is pending (APC → NAM); this test takes every pair for the target admin.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Every pair' }).click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Target admin' }).click();
      await page.locator('.tabs-container .tab[aria-label*="target · 02-request-trust-NAM.ps1"]').waitFor({ timeout: 60_000 });
      assert.equal(
        await page.locator('.tabs-container .tab[aria-label*="Step 2 · review.md"]').count(),
        1,
        'one review, not a tab per script',
      );
      await wb.screenshot('04-step-2-from-f1');
    }));

  it("step 6's batch picker shows each batch's progress and, in the item itself, why its trust would refuse it", () =>
    step(wb, 'f1-step-6', async () => {
      const { page } = wb;
      await runCommand(page, 'OneDrive Migration: 6. Queue and Monitor Moves…');
      const wave1 = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Wave 1 - NAM pilot' });
      await wave1.waitFor({ timeout: 30_000 });
      assert.match(await wave1.innerText(), /1\/4 moved, 1 failed, 1 scheduled, 1 in progress/);
      const wave2 = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Wave 2 - EUR' });
      assert.match(
        await wave2.innerText(),
        /Trust not usable yet: both sides dormant, usable in 3d 23h\. Queueing is refused until it is\./,
      );
      assert.match(await wave2.innerText(), /Window: 12 Dec 20:00 UTC/);
      await wb.screenshot('05b-step-6-batches');
      await page.keyboard.press('Escape');
    }));

  it('Paste Cmdlet Output works where the browser will not let the clipboard be read: a document to paste into', () =>
    step(wb, 'paste-output', async () => {
      const { page } = wb;
      await page.keyboard.press('Escape');
      await runCommand(page, 'OneDrive Migration: Paste Cmdlet Output…');
      // No selection and no readable clipboard: a document to paste into, with "Use This Text" in its title bar.
      const use = page.locator('.editor-actions [aria-label*="Use This Text"]').first();
      await use.waitFor({ timeout: 30_000 });
      await page.keyboard.type('Get-SPOCrossTenantHostUrl printed https://contosoeur-my.sharepoint.com');
      await wb.screenshot('06b-paste-target');
      await use.click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get-SPOCrossTenantHostUrl' }).click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Source: contoso' }).click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'EUR' }).first().click();
      // Recorded as a result file of source EUR, like any result (the plan already had this host URL).
      await until(
        () => Promise.resolve(readdirSync(path.join(wb.folder, 'results')).some((f) => /^source-EUR-hostUrl-.*-pasted\.json$/.test(f))),
        'the pasted result file',
        30_000,
      );
      assert.equal(
        await page.locator('.tabs-container .tab[aria-label*="Untitled"]').count(),
        0,
        'the paste document closed without asking to save',
      );
    }));

  it('Explain Error Code offers the known codes as a searchable list, and finds the code in a pasted message', () =>
    step(wb, 'explain-code', async () => {
      const { page } = wb;
      await runCommand(page, 'OneDrive Migration: Explain Error Code…');
      const input = page.locator('.quick-input-widget input');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'MnAOdbUsersAreNotLicensed' }).waitFor({ timeout: 10_000 });
      assert.ok((await page.locator('.quick-input-list .monaco-list-row').count()) >= 5, 'every code, one line each');
      await input.fill('Move failed: MnAOdbUsersAreNotLicensed: Neither source UPN [x] nor target UPN [y] are licensed');
      const found = page.locator('.quick-input-list .monaco-list-row', { hasText: 'found in what you typed' });
      await found.waitFor({ timeout: 10_000 });
      assert.match(await found.innerText(), /MnAOdbUsersAreNotLicensed/);
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      assert.match(await dialog.innerText(), /MnAOdbUsersAreNotLicensed[\s\S]*What to do/);
      await wb.screenshot('07b-explain-error-code');
      await page.keyboard.press('Escape');
    }));

  it('offers snippet completion and hover documentation in a .ps1 file', () =>
    step(wb, 'snippet-hover', async () => {
      const { page } = wb;
      await page.keyboard.press('Control+p');
      await page.locator('.quick-input-widget input').fill('playground.ps1');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'playground.ps1' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active[aria-label*="playground.ps1"]').waitFor();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('Start-SPOCrossTenantUser');
      await page.keyboard.press('Control+Space');
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Start-SPOCrossTenantUserContentMove' }).first();
      await suggestion.waitFor({ timeout: 15_000 });
      await wb.screenshot('05-snippet-completion');
      await page.keyboard.press('Enter');
      await until(
        async () => (await editorText(page)).includes('Start-SPOCrossTenantUserContentMove -SourceUserPrincipalName alice@contoso.com'),
        'the snippet to be inserted',
      );
      await page.keyboard.press('Escape');

      // Hover over the cmdlet name (the start of line 2), not the middle of the line.
      const line = page
        .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'Set-SPOCrossTenantRelationship -Scenario' })
        .first();
      const box = await line.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 40, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: 'Sends a trust request' }).first();
      await hover.waitFor({ timeout: 15_000 });
      assert.match(await hover.innerText(), /PartnerRole/);
      await wb.screenshot('06-hover');
    }));

  it('rehearses the migration from F1: confirmation, progress, the report, and the plan untouched', () =>
    step(wb, 'rehearsal', async () => {
      const { page } = wb;
      const planFile = path.join(wb.folder, 'onedrive-migration.json');
      const before = readFileSync(planFile, 'utf8');
      await runCommand(page, 'OneDrive Migration: Rehearse Migration…');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 30_000 });
      assert.match(
        await dialog.innerText(),
        /Rehearse the migration of Contoso Ltd to Fabrikam Inc\?[\s\S]*your plan and results are not touched/,
      );
      await wb.screenshot('13-rehearsal-confirmation');
      await dialog.getByRole('button', { name: 'Rehearse' }).click();
      // The report opens as a Markdown preview (a webview) when the rehearsal is done.
      await page.locator('.tabs-container .tab[aria-label*="REHEARSAL.md"]').first().waitFor({ timeout: 180_000 });
      const report = await webviewFrame(page, 'h1');
      await report.locator('strong', { hasText: 'Rehearsal completed' }).waitFor({ timeout: 30_000 });
      assert.match(await report.locator('strong').first().innerText(), /both runbooks ran to the end\. 10 of 10 moves succeeded, 0 failed/);
      assert.match(await report.locator('body').innerText(), /Nothing: every script ran, every handoff was passed, every move succeeded\./);
      await wb.screenshot('14-rehearsal-report');
      assert.equal(readFileSync(planFile, 'utf8'), before, 'the real plan is not touched');
    }));
});

describe('UI: the checklist', { timeout: 300_000 }, () => {
  let wb: Workbench;
  useWorkbench(
    () => exampleWorkspace(),
    (opened) => (wb = opened),
    true,
  );

  it('shows the state of the example plan, and a manual tick is kept in the plan', () =>
    step(wb, 'checklist', async () => {
      const { page } = wb;
      await runCommand(page, 'OneDrive Migration: Open Checklist');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const summary = frame.locator('#summary');
      await summary.waitFor({ timeout: 60_000 });
      assert.match(await summary.innerText(), /^\d+ of \d+ done · \d+ needs? attention$/);
      const verify = frame.locator('details[data-id="step3"]');
      await verify.locator('summary').click();
      const eur = frame.locator('li[data-id="s3.EUR>EUR"]');
      // The harness fixes the extension's clock at FIXED_NOW (test/support/fixedClock.mjs).
      assert.equal(await eur.locator('.detail').innerText(), 'Dormant: usable in 3d 23h');
      const holds = frame.locator('input#cb-pre\\.holds');
      await holds.check();
      await until(
        async () => /"pre\.holds": \{\s*"done": true/.test(readFileSync(path.join(wb.folder, 'onedrive-migration.json'), 'utf8')),
        'the tick to reach the plan',
      );
      await wb.screenshot('09-checklist');
    }));

  it("a batch's counts open to the users behind them, and long text wraps at the default sidebar width", () =>
    step(wb, 'checklist-people', async () => {
      const { page } = wb;
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await frame.locator('details[data-id="step6"] > summary').click();
      const people = frame.locator('details[data-id="people:s6.Wave 1 - NAM pilot"]');
      await people.locator('summary').click();
      const first = people.locator('li.person').first();
      await first.waitFor({ timeout: 10_000 });
      assert.match(await first.innerText(), /diego\.siciliani@contoso\.com\s+Failed · MnAOdbUsersAreNotLicensed/);
      // Nothing is cut off: every item fits the view's width (no horizontal overflow).
      const overflow = await frame.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
      assert.ok(overflow <= 0, `the checklist overflows by ${overflow} px`);
      await wb.screenshot('09b-checklist-batch-users');
    }));
});

describe('UI: the identity-map editor', { timeout: 300_000 }, () => {
  let wb: Workbench;
  useWorkbench(
    () => exampleWorkspace({ 'identity-map.csv': BROKEN_MAP, 'source-users.csv': SOURCE_USERS, 'target-users.csv': TARGET_USERS }),
    (opened) => (wb = opened),
    true,
  );

  it('opens the identity map in the grid editor, fixes an invalid cell (its error clears) and saves', () =>
    step(wb, 'identity-map-editor', async () => {
      const { page } = wb;
      assert.notEqual(BROKEN_MAP, EXAMPLE_MAP, 'the test map differs from the example');
      await runCommand(page, 'OneDrive Migration: Open in Identity Map Editor');
      const frame = await webviewFrame(page, '.grid');
      const target = frame.locator('.body .row[data-row="1"] .cell[aria-colindex="5"]');
      await target.waitFor({ timeout: 60_000 });
      assert.equal(await target.innerText(), 'alex.wilber.fabrikam.com');
      assert.match((await target.getAttribute('class')) ?? '', /\berror\b/);
      assert.match((await target.getAttribute('title')) ?? '', /not a user principal name/);
      assert.match(await frame.locator('.summary').innerText(), /1 error in 1 row/);
      await wb.screenshot('10-identity-map-error');
      // Keyboard only: click the row's source cell, move right to the target, F2, type, Enter.
      await frame.locator('.body .row[data-row="1"] .cell[aria-colindex="4"]').click();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('F2');
      const input = frame.locator('input.cell-editor');
      await input.waitFor();
      await input.fill('alex.wilber@fabrikam.com');
      await input.press('Enter');
      const errorCleared = async () =>
        !/\berror\b/.test((await target.getAttribute('class')) ?? '') && (await target.innerText()) === 'alex.wilber@fabrikam.com';
      await until(errorCleared, 'the error marker to clear', 20_000);
      assert.match(await frame.locator('.summary').innerText(), /0 errors/);
      // Undo and redo from the grid go through VS Code, on the document.
      await page.keyboard.press('Control+z');
      await until(
        async () =>
          (await target.innerText()) === 'alex.wilber.fabrikam.com' && /\berror\b/.test((await target.getAttribute('class')) ?? ''),
        'undo to bring the error back',
        20_000,
      );
      await page.keyboard.press('Control+Shift+z');
      await until(errorCleared, 'redo to fix it again', 20_000);
      // The editor is dirty until saved; Ctrl+S from inside the webview saves the document.
      await page.locator('.tab.active.dirty').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Control+s');
      await until(
        async () => readFileSync(path.join(wb.folder, 'identity-map.csv'), 'utf8') === EXAMPLE_MAP,
        'the fixed map on disk (every other byte as it was)',
        20_000,
      );
      await wb.screenshot('11-identity-map-editor');
    }));

  it('offers a quick fix for the active cell and applies it with Ctrl+.', () =>
    step(wb, 'identity-map-quick-fix', async () => {
      const { page } = wb;
      const frame = await webviewFrame(page, '.grid');
      // Row 14 is a security group whose fifth column holds its name, not its object ID (information).
      const cell = frame.locator('.body .row[data-row="13"] .cell[aria-colindex="6"]');
      await cell.click();
      const fix = frame.locator('.status-line button.fix');
      await fix.waitFor();
      assert.match(await fix.innerText(), /Use the target group ID/);
      await page.keyboard.press('Control+.');
      await until(async () => !/\binfo\b/.test((await cell.getAttribute('class')) ?? ''), 'the fix to apply', 20_000);
      assert.match(await cell.innerText(), /^[0-9a-f]{8}-/);
      await page.keyboard.press('Control+z');
      await until(async () => /\binfo\b/.test((await cell.getAttribute('class')) ?? ''), 'undo', 20_000);
      // Shift+Alt+→ widens the active column (the fifth) by 16 px.
      const widths = async () =>
        (await frame.locator('.grid').evaluate((g) => (g as HTMLElement).style.getPropertyValue('--columns')))
          .split(' ')
          .map((w) => parseInt(w, 10));
      const before = await widths();
      await page.keyboard.press('Shift+Alt+ArrowRight');
      const after = await widths();
      assert.equal(after[5]! - before[5]!, 16);
      assert.deepEqual(
        after.filter((_, i) => i !== 5),
        before.filter((_, i) => i !== 5),
      );
    }));

  it('fits the editor at 1400 px with # and Type frozen, marks where a filter matches and says when nothing does', () =>
    step(wb, 'identity-map-layout', async () => {
      const { page } = wb;
      const frame = await webviewFrame(page, '.grid');
      const filter = frame.locator('vscode-textfield.filter input');
      await filter.fill('wilber');
      const mark = frame.locator('.body .row mark.match').first();
      await mark.waitFor({ timeout: 10_000 });
      assert.equal((await mark.innerText()).toLowerCase(), 'wilber');
      await filter.fill('no-such-user');
      const none = frame.locator('.no-match');
      await none.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await none.innerText(), 'No rows match "no-such-user".');
      await filter.fill('');
      await none.waitFor({ state: 'hidden', timeout: 10_000 });
      // Scrolled sideways, # and Type stay where they were.
      const typeCell = frame.locator('.body .row[data-row="0"] .cell[aria-colindex="2"]');
      await typeCell.waitFor();
      const before = await typeCell.boundingBox();
      // Widen a column so there is something to scroll to, whatever the window's width.
      await frame.locator('.grid').evaluate((g) => g.style.setProperty('--columns', '64px 92px 110px 600px 600px 230px 130px'));
      await frame.locator('.grid').evaluate((g) => g.style.setProperty('--grid-width', '1826px'));
      const scrolled = await frame.locator('.scroller').evaluate((s) => {
        s.scrollLeft = 400;
        return s.scrollLeft;
      });
      assert.ok(scrolled > 100, `the grid scrolled sideways (${scrolled} px)`);
      await page.waitForTimeout(200);
      const after = await typeCell.boundingBox();
      assert.equal(Math.round(after!.x), Math.round(before!.x), 'the Type column is frozen');
      await frame.locator('.scroller').evaluate((s) => (s.scrollLeft = 0));
      assert.match(await frame.locator('.summary').innerText(), /\d+ notes?/);
    }));

  it('keeps the filter and the scroll position across a window reload', () =>
    step(wb, 'identity-map-reload', async () => {
      const { page } = wb;
      let frame = await webviewFrame(page, '.grid');
      await frame.locator('vscode-textfield.filter input').fill('wilber');
      await until(async () => /showing 1\b/.test(await frame.locator('.summary').innerText()), 'the filter to apply');
      await page.waitForTimeout(500); // the webview saves its state after 100 ms
      await runCommand(page, 'Developer: Reload Window');
      await waitForExtension(page);
      frame = await webviewFrame(page, '.grid');
      await until(
        async () =>
          /showing 1\b/.test(
            await frame
              .locator('.summary')
              .innerText()
              .catch(() => ''),
          ),
        'the restored filter',
        30_000,
      );
      assert.equal(await frame.locator('vscode-textfield.filter input').inputValue(), 'wilber');
      await frame.locator('vscode-textfield.filter input').fill('');
      await until(async () => /showing 15\b/.test(await frame.locator('.summary').innerText()), 'the filter to clear');
    }));

  it('matches two directory exports in the matching panel and accepts the proposals in bulk', () =>
    step(wb, 'identity-map-matching', async () => {
      const { page } = wb;
      const frame = await webviewFrame(page, '.grid');
      await frame.locator('vscode-button', { hasText: 'Matching' }).click();
      await frame.locator('.panel vscode-button', { hasText: 'Match from directory exports' }).click();
      // VS Code's own file dialog (a quick input here): type each export's path.
      for (const [title, file] of [
        ['Source users', 'source-users.csv'],
        ['Target users', 'target-users.csv'],
      ] as const) {
        await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
        const input = page.locator('.quick-input-widget input');
        // The dialog fills in its folder and lists it asynchronously: type the path once it has.
        await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).waitFor();
        await until(async () => {
          await input.fill(path.join(wb.folder, file));
          return (await input.inputValue()) === path.join(wb.folder, file);
        }, `the path of ${file} in the dialog`);
        await page.keyboard.press('Enter');
      }
      // The first choice, "Users only", is focused: Enter takes it (a click can land mid-animation).
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Match groups as well?' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Users only' }).waitFor();
      await page.keyboard.press('Enter');
      const summary = frame.locator('.panel-summary');
      await summary.waitFor({ timeout: 20_000 });
      assert.match(await summary.innerText(), /^3 proposals: 3 pending/);
      const proposals = frame.locator('.proposal');
      await until(async () => (await proposals.count()) === 3, 'three proposals listed');
      assert.match(await proposals.nth(0).innerText(), /already in the map/);
      assert.match(await proposals.nth(1).innerText(), /new\.hire@contoso\.com[\s\S]*nh@fabrikam\.com[\s\S]*by employee ID/);
      assert.match(await proposals.nth(2).innerText(), /ambiguous[\s\S]*sam\.twin@fabrikam\.com/);
      await wb.screenshot('12-identity-map-matching');
      await frame.locator('.panel-actions vscode-button', { hasText: 'Accept shown' }).click();
      await until(async () => /1 accepted/.test(await summary.innerText()), 'the accepted count');
      const added = frame.locator('.body .row', { hasText: 'new.hire@contoso.com' });
      await added.waitFor({ timeout: 10_000 });
      assert.match(await added.innerText(), /nh@fabrikam\.com/);
      assert.match(await frame.locator('.notice').innerText(), /Added 1 row.*1 already in the map.*1 ambiguous/);
    }));
});

describe('UI: an empty workspace', { timeout: 300_000 }, () => {
  let wb: Workbench;
  useWorkbench(
    () => emptyWorkspace(),
    (opened) => (wb = opened),
    false,
  );

  it('shows the welcome view, whose button opens the example plan', () =>
    step(wb, 'welcome', async () => {
      const { page } = wb;
      await openMigrationView(page);
      const welcome = page.locator('.welcome-view-content');
      await welcome.filter({ hasText: 'No migration plan' }).waitFor({ timeout: 30_000 });
      assert.ok(await welcome.getByRole('button', { name: 'Create a Plan' }).isVisible());
      await wb.screenshot('07-welcome-view');
      await welcome.getByRole('button', { name: 'Open the Example Plan' }).click();
      await page.locator('.monaco-list-row[aria-label^="Source tenant Contoso Ltd"]').waitFor({ timeout: 30_000 });
      await page.locator('.tabs-container .tab[aria-label*="onedrive-migration.json"]').waitFor();
      await wb.screenshot('08-example-opened');
    }));
});
