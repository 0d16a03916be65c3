/** Simulated tenants brought straight to a step (in the model, without running the earlier scripts). */
import type { IdentityMapRow } from '../../src/core/identity/identityMapRows';
import type { SimulatedCloud } from '../../src/simulator/cloudModel';

const DAY = 24 * 3600_000;

/** Both trusts of each (source, target) pair GoodToProceed and the whole map uploaded to every target geography. */
export function readyToQueue(cloud: SimulatedCloud, map: readonly IdentityMapRow[], pairs: ReadonlyArray<readonly [string, string]>): void {
  for (const [s, t] of pairs) {
    const source = { side: 'source' as const, geography: s };
    const target = { side: 'target' as const, geography: t };
    cloud.setRelationship(source, 'Target', cloud.hostUrl(target));
    cloud.setRelationship(target, 'Source', cloud.hostUrl(source));
  }
  cloud.advance(8 * DAY);
  const rows = map.map((r) => [r.kind, r.sourceTenantId, r.source, r.target, r.nameOrEmail, r.type]);
  for (const g of cloud.tenant('target').geographies) cloud.uploadIdentityMap({ side: 'target', geography: g.code }, rows);
}
