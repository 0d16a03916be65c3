/** The simulator's HTTP face on 127.0.0.1: calls, errors as data, state in a JSON file, limits. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readIdentityMapRows } from '../../src/core/identity/identityMapRows';
import type { Plan } from '../../src/core/plan/planSchema';
import { SimulatedCloud, type CloudState } from '../../src/simulator/cloudModel';
import { PowerShellFace } from '../../src/simulator/powershellFace';
import { initialCloudState } from '../../src/simulator/scenario';
import { SimulatorServer } from '../../src/simulator/server';
import { EXAMPLE_DIR } from '../support/fixtures';

function server(statePath?: string): SimulatorServer {
  const plan = JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'onedrive-migration.json'), 'utf8')) as Plan;
  const map = readIdentityMapRows(readFileSync(path.join(EXAMPLE_DIR, 'identity-map.csv'), 'utf8')).rows;
  const cloud = SimulatedCloud.fromState(initialCloudState({ plan, identityMap: map, scenario: { start: '2026-11-01T00:00:00Z' } }));
  return new SimulatorServer(cloud, new PowerShellFace(cloud), statePath ? { statePath } : {});
}

const invoke = async (url: string, body: unknown) => (await fetch(`${url}/powershell/invoke`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;

describe('simulator HTTP face', () => {
  it('listens on 127.0.0.1, answers cmdlet calls with output and session, and errors as data', async () => {
    const s = server();
    const url = await s.start();
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const connected = await invoke(url, { cmdlet: 'Connect-SPOService', parameters: { Url: 'https://contoso-admin.sharepoint.com' }, session: {} });
      assert.deepEqual(connected, { output: [], session: { spoUrl: 'https://contoso-admin.sharepoint.com' } });
      const host = await invoke(url, { cmdlet: 'Get-SPOCrossTenantHostUrl', parameters: {}, session: connected.session, pid: 42, clientElapsedMs: 12.5 });
      assert.deepEqual(host.output, ['https://contoso-my.sharepoint.com/']);
      assert.equal(s.clientElapsed.get(42), 12.5);
      const refused = await invoke(url, { cmdlet: 'Get-SPOCrossTenantHostUrl', parameters: {}, session: {} });
      assert.deepEqual(refused.error, { message: 'No connection available. Use Connect-SPOService before running this CmdLet.', code: 'InvalidOperationException' });
      const state = (await (await fetch(`${url}/state`)).json()) as CloudState;
      assert.equal(state.tenants.source.name, 'contoso');
      assert.equal((await fetch(`${url}/nothing`)).status, 404);
      const broken = await fetch(`${url}/powershell/invoke`, { method: 'POST', body: '{not json' });
      assert.equal(broken.status, 500);
      assert.equal(s.calls, 3);
    } finally {
      await s.close();
    }
  });

  it('writes its state to a JSON file after every call', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'odm-sim-')), 'state.json');
    const s = server(file);
    const url = await s.start();
    try {
      const session = { spoUrl: 'https://contoso-admin.sharepoint.com' };
      await invoke(url, { cmdlet: 'Set-SPOCrossTenantRelationship', parameters: { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: 'https://fabrikam-my.sharepoint.com' }, session });
      const state = JSON.parse(readFileSync(file, 'utf8')) as CloudState;
      assert.equal(state.tenants.source.relationships.length, 1);
      assert.equal(SimulatedCloud.fromState(state).verifyRelationship({ side: 'source', geography: 'NAM' }, 'Target', 'https://fabrikam-my.sharepoint.com'), 'NotEstablishedByPartner');
    } finally {
      await s.close();
    }
  });
});
