/** The simulator's HTTP face on 127.0.0.1: calls, errors as data, state in a JSON file, limits. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
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

/** fetch cannot set the Host header (a DNS-rebinding page would send its own name): node:http can. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/state`, { headers: { host, 'x-odm-simulator-token': token } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

let token = '';
const headers = () => ({ 'x-odm-simulator-token': token });
const invoke = async (url: string, body: unknown) =>
  (await fetch(`${url}/powershell/invoke`, { method: 'POST', body: JSON.stringify(body), headers: headers() })).json() as Promise<
    Record<string, unknown>
  >;

describe('simulator HTTP face', () => {
  it('listens on 127.0.0.1, answers cmdlet calls with output and session, and errors as data', async () => {
    const s = server();
    const url = await s.start();
    token = s.token;
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      // Without the token, or through another host name (DNS rebinding), nothing is answered.
      assert.equal((await fetch(`${url}/state`)).status, 403);
      assert.equal(await statusWithHost(url, 'evil.example'), 403);
      assert.equal(await statusWithHost(url, new URL(url).host), 200);
      const connected = await invoke(url, {
        cmdlet: 'Connect-SPOService',
        parameters: { Url: 'https://contoso-admin.sharepoint.com' },
        session: {},
      });
      assert.deepEqual(connected, { output: [], session: { spoUrl: 'https://contoso-admin.sharepoint.com' } });
      const host = await invoke(url, {
        cmdlet: 'Get-SPOCrossTenantHostUrl',
        parameters: {},
        session: connected.session,
        pid: 42,
        clientElapsedMs: 12.5,
      });
      assert.deepEqual(host.output, ['https://contoso-my.sharepoint.com/']);
      assert.equal(s.clientElapsed.get(42), 12.5);
      const refused = await invoke(url, { cmdlet: 'Get-SPOCrossTenantHostUrl', parameters: {}, session: {} });
      assert.deepEqual(refused.error, {
        message: 'No connection available. Use Connect-SPOService before running this CmdLet.',
        code: 'InvalidOperationException',
      });
      const state = (await (await fetch(`${url}/state`, { headers: headers() })).json()) as CloudState;
      assert.equal(state.tenants.source.name, 'contoso');
      assert.equal((await fetch(`${url}/nothing`, { headers: headers() })).status, 404);
      const broken = await fetch(`${url}/powershell/invoke`, { method: 'POST', body: '{not json', headers: headers() });
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
    token = s.token;
    try {
      const session = { spoUrl: 'https://contoso-admin.sharepoint.com' };
      await invoke(url, {
        cmdlet: 'Set-SPOCrossTenantRelationship',
        parameters: { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: 'https://fabrikam-my.sharepoint.com' },
        session,
      });
      const state = JSON.parse(readFileSync(file, 'utf8')) as CloudState;
      assert.equal(state.tenants.source.relationships.length, 1);
      assert.equal(
        SimulatedCloud.fromState(state).verifyRelationship(
          { side: 'source', geography: 'NAM' },
          'Target',
          'https://fabrikam-my.sharepoint.com',
        ),
        'NotEstablishedByPartner',
      );
    } finally {
      await s.close();
    }
  });
});
