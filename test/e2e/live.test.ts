/**
 * UI: live mode's sign-in in the browser-hosted VS Code. The extension host cannot reach a browser
 * here, so the sign-in falls back to a device code by itself; the admin's part in the browser is
 * played by the simulated cloud (it approves the waiting code).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Plan } from '../../src/core/plan/planSchema';
import { SimulatedCloud } from '../../src/simulator/cloudModel';
import { initialCloudState } from '../../src/simulator/scenario';
import { LiveSimulatorServer } from '../../src/simulator/liveServer';
import { exampleWorkspace, openMigrationView, openWorkbench, runCommand, step, waitForExtension, ROOT, type Workbench } from './workbench';

describe('UI: live mode signs in by device code in the browser-hosted VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let server: LiveSimulatorServer;
  let folder: string;
  before(async () => {
    const plan = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'contoso-to-fabrikam', 'onedrive-migration.json'), 'utf8')) as Plan;
    server = new LiveSimulatorServer(
      SimulatedCloud.fromState(initialCloudState({ plan, identityMap: [], scenario: { start: '2026-11-01T00:00:00Z' } })),
    );
    await server.start();
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'odm-ui-live-')), 'simulator.pem');
    writeFileSync(ca, server.ca);
    folder = exampleWorkspace();
    wb = await openWorkbench(folder, [ROOT], {
      settings: {
        'onedriveMigration.live.sourceClientId': 'ui-source-app',
        'onedriveMigration.live.targetClientId': 'ui-target-app',
        'onedriveMigration.live.authority': server.authorityBase,
        'onedriveMigration.live.graphBaseUrl': server.graphBase,
        'onedriveMigration.live.extraCertificateFile': ca,
        'onedriveMigration.live.movesBackend': 'graph',
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

  it('with the Graph backend, step 6 validates a batch as migration tasks after a confirmation; the result lands in the results folder', () =>
    step(wb, 'live-step-6-graph', async () => {
      const { page } = wb;
      // In the simulated cloud: the APC → NAM trust usable, the target users there, the map uploaded.
      const cloud = server.cloud;
      cloud.setRelationship({ side: 'source', geography: 'APC' }, 'Target', cloud.hostUrl({ side: 'target', geography: 'NAM' }));
      cloud.setRelationship({ side: 'target', geography: 'NAM' }, 'Source', cloud.hostUrl({ side: 'source', geography: 'APC' }));
      cloud.advance(8 * 24 * 3600_000);
      const rows = readFileSync(path.join(folder, 'identity-map.csv'), 'utf8')
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(','));
      cloud.uploadIdentityMap({ side: 'target', geography: 'NAM' }, rows);
      for (const r of rows.filter((x) => x[0] === 'User'))
        if (!cloud.user('target', r[3]!))
          cloud.createUser('target', { upn: r[3]!, mail: r[3]!, displayName: r[3]!, userType: 'Member', licensed: true, geography: 'NAM' });
      await runCommand(page, 'OneDrive Migration: 6. Queue and Monitor Moves…');
      // Wave 3 (APC → NAM): nobody of it is queued yet (wave 1's users have moved or are under way).
      const wave3 = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Wave 3 - APC to NAM' });
      await wave3.waitFor({ timeout: 30_000 });
      await wave3.click();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Keep the windows of the plan' }).click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 30_000 });
      assert.match(await dialog.innerText(), /Queue the 2 moves of batch "Wave 3 - APC to NAM" through Microsoft Graph \(beta\)\?/);
      await wb.screenshot('32-live-step-6-graph-confirmation');
      await dialog.getByRole('button', { name: 'Validate Only' }).click();
      // The source account signs in by device code (approved by the simulated cloud), then the tasks are validated.
      const deadline = Date.now() + 60_000;
      const results = path.join(folder, 'results');
      let written: string | undefined;
      while (!written) {
        assert.ok(Date.now() < deadline, `no queuedMoves result; the simulator saw: ${server.seen.slice(-10).join(', ')}`);
        server.identity.approvePending('source');
        written = readdirSync(results).find((f) => /^source-APC-queuedMoves-\d{8}T\d{9}Z\.json$/.test(f));
        await new Promise((r) => setTimeout(r, 200));
      }
      const result = JSON.parse(readFileSync(path.join(results, written), 'utf8')) as {
        data: { validationOnly: boolean; entries: Array<{ status: string }> };
      };
      assert.equal(result.data.validationOnly, true);
      assert.deepEqual(
        result.data.entries.map((e) => e.status),
        ['validated', 'validated'],
        'both target users exist with a licence here: both pass',
      );
      assert.equal(server.cloud.state.moves.length, 0, 'a validation queues nothing');
    }));
});
