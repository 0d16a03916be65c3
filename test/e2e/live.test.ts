/**
 * UI: live mode's sign-in in the browser-hosted VS Code. The extension host cannot reach a browser
 * here, so the sign-in falls back to a device code by itself; the admin's part in the browser is
 * played by the simulated cloud (it approves the waiting code).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Plan } from '../../src/core/plan/planSchema';
import { SimulatedCloud } from '../../src/simulator/cloudModel';
import { initialCloudState } from '../../src/simulator/scenario';
import { LiveSimulatorServer } from '../../src/simulator/liveServer';
import { exampleWorkspace, openMigrationView, openWorkbench, step, waitForExtension, ROOT, type Workbench } from './workbench';

describe('UI: live mode signs in by device code in the browser-hosted VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let server: LiveSimulatorServer;
  before(async () => {
    const plan = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam', 'onedrive-migration.json'), 'utf8')) as Plan;
    server = new LiveSimulatorServer(
      SimulatedCloud.fromState(initialCloudState({ plan, identityMap: [], scenario: { start: '2026-11-01T00:00:00Z' } })),
    );
    await server.start();
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'odm-ui-live-')), 'simulator.pem');
    writeFileSync(ca, server.ca);
    wb = await openWorkbench(exampleWorkspace(), [ROOT], {
      settings: {
        'onedriveMigration.live.sourceClientId': 'ui-source-app',
        'onedriveMigration.live.targetClientId': 'ui-target-app',
        'onedriveMigration.live.authority': server.authorityBase,
        'onedriveMigration.live.graphBaseUrl': server.graphBase,
        'onedriveMigration.live.extraCertificateFile': ca,
      },
    });
    await waitForExtension(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('the Sign in… node under the source tenant signs in with a device code; the account then shows there', () =>
    step(wb, 'live-sign-in', async () => {
      const { page } = wb;
      await openMigrationView(page);
      const signIn = page.locator('.monaco-list-row[aria-label^="Sign in to the source tenant contoso"]');
      await signIn.waitFor({ timeout: 30_000 });
      await wb.screenshot('30-live-signed-out');
      await signIn.click();
      // The admin enters the code in a browser: here the simulated cloud approves the code waiting.
      const deadline = Date.now() + 30_000;
      while (server.identity.approvePending('source') === 0) {
        assert.ok(Date.now() < deadline, `no device code was asked for; the simulator saw: ${server.seen.join(', ') || 'nothing'}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const account = page.locator('.monaco-list-row[aria-label^="Signed in to the source tenant as admin@contoso.onmicrosoft.com"]');
      await account.waitFor({ timeout: 30_000 });
      assert.match((await account.getAttribute('aria-label')) ?? '', /tenant 7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03/);
      await wb.screenshot('31-live-signed-in');
    }));
});
