/** Constants and helpers shared by the simulator unit tests (the cloud model and the PowerShell face), built on the example plan and identity map. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readIdentityMapRows, type IdentityMapRow } from '../../src/core/identity/identityMapRows';
import type { Plan } from '../../src/core/plan/planSchema';
import { CloudError, SimulatedCloud, type Location } from '../../src/simulator/cloudModel';
import { initialCloudState, type Scenario } from '../../src/simulator/scenario';
import { EXAMPLE_DIR } from './fixtures';

export const START = '2026-11-01T00:00:00Z';
export const MIN = 60_000;
export const DAY = 24 * 3600_000;

export const SRC_NAM: Location = { side: 'source', geography: 'NAM' };
export const TGT_NAM: Location = { side: 'target', geography: 'NAM' };

export const CONTOSO_NAM = 'https://contoso-my.sharepoint.com';
export const CONTOSO_APC = 'https://contosoapc-my.sharepoint.com';
export const FABRIKAM_NAM = 'https://fabrikam-my.sharepoint.com';

export const SOURCE_TENANT_ID = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';

export const PLAN_TEXT = readFileSync(path.join(EXAMPLE_DIR, 'onedrive-migration.json'), 'utf8');
export const MAP_TEXT = readFileSync(path.join(EXAMPLE_DIR, 'identity-map.csv'), 'utf8');
export const MAP_ROWS = readIdentityMapRows(MAP_TEXT).rows;

export const ADELE = 'adele.vance@contoso.com';
export const ALEX = 'alex.wilber@contoso.com';
export const DIEGO = 'diego.siciliani@contoso.com';
export const ISAIAH = 'isaiah.langer@contoso.com';

export const targetOf = (upn: string) => upn.replace('@contoso.com', '@fabrikam.com');

/** A simulated cloud brought up from the example plan, the given identity map and scenario (starting at START). */
export function cloudWith(scenario: Partial<Scenario> = {}, identityMap: readonly IdentityMapRow[] = MAP_ROWS): SimulatedCloud {
  const plan = JSON.parse(PLAN_TEXT) as Plan;
  return SimulatedCloud.fromState(initialCloudState({ plan, identityMap, scenario: { start: START, ...scenario } }));
}

/** Asserts that fn throws a CloudError with this code (and, if given, a message matching text). */
export function throwsCode(fn: () => unknown, code: string, text?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CloudError, `a CloudError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (text) assert.match(e.message, text);
    return true;
  });
}
