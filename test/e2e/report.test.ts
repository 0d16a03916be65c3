/**
 * The HTML report as management gets it: opened in Chromium with the network off, it renders its
 * chart and tables, requests nothing and runs nothing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { launchChromium } from '../harness/browser.mjs';
import { DEFAULT_THRESHOLDS } from '../../src/core/moves/moveFlags';
import { trackingModel } from '../../src/core/moves/trackingModel';
import type { Plan } from '../../src/core/plan/planSchema';
import { migrationReportHtml } from '../../src/core/report/migrationReport';
import { applicableResults } from '../../src/core/results/ingestResults';
import { readResult } from '../../src/core/results/readResult';
import { EXAMPLE_DIR, ROOT } from '../support/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('the HTML report, offline in Chromium', { timeout: 120_000 }, () => {
  it('renders its chart and tables with the network off, and requests and runs nothing', async () => {
    const plan = JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'onedrive-migration.json'), 'utf8')) as Plan;
    const folder = path.join(EXAMPLE_DIR, 'results');
    const results = applicableResults(
      readdirSync(folder).map((n) => readResult(n, readFileSync(path.join(folder, n), 'utf8'))),
      NOW,
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'odm-report-')), 'report.html');
    writeFileSync(file, migrationReportHtml(plan, trackingModel(plan, results, NOW, DEFAULT_THRESHOLDS)));

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ offline: true, javaScriptEnabled: true, viewport: { width: 1100, height: 1400 } });
      const page = await context.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => {
        if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
      });
      page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(file).href);
      const chart = page.locator('figure svg[role="img"]');
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 400 && box.height > 100, JSON.stringify(box));
      assert.ok((await chart.locator('polygon').count()) >= 4, 'one area per state that occurs');
      assert.match((await chart.getAttribute('aria-label')) ?? '', /Moves over time: Success 1, Failed 1/);
      assert.equal(await page.locator('h2', { hasText: 'Failures by cause' }).count(), 1);
      assert.match(await page.locator('main').innerText(), /MnAOdbUsersAreNotLicensed/);
      // The page's own scripts: none.
      assert.equal(await page.evaluate(() => document.scripts.length), 0);
      assert.deepEqual(requests, []);
      assert.deepEqual(problems, []);
      mkdirSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true });
      await page.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', '24-report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
