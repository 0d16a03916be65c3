/// <reference lib="dom" />
/**
 * The Moves view on 20,000 users with 60 move-state results, measured in Chromium against the
 * browser-hosted VS Code (code-server): time from running "Show Moves" to the first rows painted
 * (the first time, when the model is computed in the worker, and again), and filter latency
 * (a filter chosen → its rows painted). Timestamps come from the webview itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openWorkbench, waitForExtension, webviewFrame } from '../test/e2e/workbench';
import { TEST_HOOKS_VARIABLE } from '../src/services/testHooks';
import { printResults, type BenchResult } from './resultsTable';
import { writeMovesWorkspace } from './movesWorkspace.mjs';

interface PerfState {
  firstRowsAt?: number;
  filters: number[];
  timeOrigin: number;
}

const perf = (frame: FrameLocator) =>
  frame.locator('body').evaluate((): PerfState => {
    const p = (window as unknown as { __odmPerf?: Omit<PerfState, 'timeOrigin'> }).__odmPerf ?? { filters: [] };
    return { firstRowsAt: p.firstRowsAt, filters: [...p.filters], timeOrigin: performance.timeOrigin };
  });

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
};

async function open(page: Page): Promise<{ ms: number; frame: FrameLocator }> {
  const title = 'OneDrive Migration: Show Moves';
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  const started = Date.now();
  await page.keyboard.press('Enter');
  const frame = await webviewFrame(page, '.table-scroller', 60_000);
  await frame.locator('.table-body .table-row .c-user').first().waitFor({ timeout: 60_000 });
  let p = await perf(frame);
  for (let i = 0; i < 200 && p.firstRowsAt === undefined; i++) p = await perf(frame);
  return { ms: p.timeOrigin + p.firstRowsAt! - started, frame };
}

async function main(): Promise<void> {
  process.env[TEST_HOOKS_VARIABLE] = '1';
  const folder = mkdtempSync(path.join(tmpdir(), 'odm-bench-moves-'));
  const { users, files } = writeMovesWorkspace(folder);
  const wb = await openWorkbench(folder);
  const results: BenchResult[] = [];
  try {
    await waitForExtension(wb.page, 240_000);
    const cold = await open(wb.page);
    results.push({
      name: 'Show Moves → first rows painted (model computed, first webview of the window)',
      value: cold.ms,
      target: 1000,
      unit: 'ms',
    });
    await wb.page.keyboard.press('Control+w');
    await wb.page.waitForTimeout(1000);
    const warm = await open(wb.page);
    results.push({ name: 'Show Moves → first rows painted (again)', value: warm.ms, target: 1000, unit: 'ms' });
    await wb.screenshot('bench-moves-20k');
    const frame = warm.frame;
    const times: number[] = [];
    const choices: Array<[string, string]> = [
      ['State', 'c:failed'],
      ['State', 'f:stuck'],
      ['Batch', 'Wave 3 NAM'],
      ['State', ''],
      ['Source geography', 'EUR'],
      ['Batch', ''],
      ['State', 'c:success'],
      ['Source geography', ''],
      ['State', ''],
    ];
    for (const [label, value] of choices) {
      const before = (await perf(frame)).filters.length;
      await frame.locator(`select[aria-label="${label}"]`).selectOption(value);
      for (let i = 0; i < 400; i++) {
        const p = await perf(frame);
        if (p.filters.length > before) {
          times.push(p.filters[p.filters.length - 1]!);
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    if (times.length !== choices.length) throw new Error(`only ${times.length} of ${choices.length} filters painted`);
    results.push({ name: 'filter: chosen → rows painted, median', value: percentile(times, 0.5), target: 100, unit: 'ms' });
    results.push({ name: 'filter: chosen → rows painted, max', value: Math.max(...times), target: 100, unit: 'ms' });
  } finally {
    await wb.close();
  }
  console.log(`\nThe Moves view, ${users.toLocaleString('en-US')} users, ${files} move-state results, Chromium + code-server:\n`);
  printResults(results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
