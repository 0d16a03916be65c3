/** Opens a real VS Code (code-server) in Chromium with the extension under development loaded. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
// The harness is plain ESM JavaScript (with .d.mts declarations) shared with the integration launcher.
import { launchChromium } from '../harness/browser.mjs';
import { startCodeServer, workbenchUrl } from '../harness/codeServer.mjs';
import { FIXED_CLOCK_ENV } from '../support/fixedClock.mjs';
import { ensurePwsh } from '../harness/powershell.mjs';

export const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface Workbench {
  page: Page;
  folder: string;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export function exampleWorkspace(extraFiles: Record<string, string> = {}): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'odm-ui-'));
  cpSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam'), folder, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}scripts`),
  });
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(path.join(folder, name), text);
  return folder;
}

export function emptyWorkspace(): string {
  return mkdtempSync(path.join(tmpdir(), 'odm-ui-empty-'));
}

/** Waits for the extension to be active and its plan loaded: its status bar item is shown. */
export async function waitForExtension(page: Page, timeout = 120_000): Promise<void> {
  await page.locator('#workbench\\.parts\\.statusbar [aria-label^="OneDrive migration, next"]').first().waitFor({ timeout });
}

/**
 * `extensions`: the development extensions to load (this one by default); `extensionsDir`: a folder of
 * installed extensions (a packaged .vsix installed with installExtension) for code-server to load.
 */
export async function openWorkbench(
  folder: string,
  extensions: string[] = [ROOT],
  options: { extensionsDir?: string; settings?: Record<string, unknown> } = {},
): Promise<Workbench> {
  // The extension host inherits code-server's environment: its clock is fixed (test/support/fixedClock.mjs).
  // PowerShell for the rehearsal command: the harness's (PATH may not have one).
  const pwsh = ensurePwsh().pwsh;
  const server = await startCodeServer({
    folder,
    ...(options.extensionsDir ? { extensionsDir: options.extensionsDir } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    env: { ...FIXED_CLOCK_ENV, ...(pwsh ? { ODM_PWSH: pwsh } : {}) },
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const b = browser;
    const page = await b.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.url, { folder, extensionDevelopmentPath: extensions }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    return {
      page,
      folder,
      async screenshot(name) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
      },
      async close() {
        await b.close();
        server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    server.stop();
    throw error;
  }
}

/** The visible text of the active editor, spaces normalised (Monaco renders them as NBSP). */
export async function editorText(page: Page): Promise<string> {
  return ((await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().textContent()) ?? '').replace(
    /\u00a0/g,
    ' ',
  );
}

/** Runs a command from the command palette (F1), by its full title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the OneDrive Migration view from the activity bar. */
export async function openMigrationView(page: Page): Promise<void> {
  await page.locator('.activitybar [aria-label^="OneDrive Migration"]').first().click();
  // With a single view the pane header is hidden: the sidebar title names the container.
  await page.locator('.sidebar .composite.title', { hasText: 'OneDrive Migration' }).waitFor();
}

/** The inner frame of the webview that contains `selector` (several webviews may be open). */
export async function webviewFrame(page: Page, selector: string, timeout = 60_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const outer = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await outer.count()); i++) {
      const frame = outer.nth(i).contentFrame().frameLocator('iframe#active-frame');
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no webview shows ${selector}`);
}

/** Runs a UI step, saving a screenshot of the window when it fails (test-results/screenshots/FAILED-…). */
export async function step(wb: Workbench, name: string, body: () => Promise<void>): Promise<void> {
  await wb.page.keyboard.press('Escape');
  try {
    await body();
  } catch (error) {
    await wb.screenshot(`FAILED-${name}`).catch(() => undefined);
    throw error;
  }
}
