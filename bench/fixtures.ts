/** Synthetic plans for the benchmarks: N users over S × T geographies. */
import type { IdentityMapRow } from '../src/core/identity/identityMapRows';
import type { Plan } from '../src/core/plan/planSchema';

const SOURCE_GEOS = ['NAM', 'EUR', 'APC', 'GBR', 'CAN'];
const TARGET_GEOS = ['NAM', 'EUR', 'JPN', 'AUS', 'FRA'];

export function syntheticPlan(users: number, sourceGeos = 3, targetGeos = 3): { plan: Plan; map: IdentityMapRow[] } {
  const src = SOURCE_GEOS.slice(0, sourceGeos);
  const tgt = TARGET_GEOS.slice(0, targetGeos);
  const geos = (tenant: string, codes: string[]) =>
    codes.map((code, i) => ({
      code,
      ...(i === 0 ? { default: true } : {}),
      adminUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-admin.sharepoint.com`,
      hostUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-my.sharepoint.com`,
    }));
  const pairs = src.flatMap((s) => tgt.map((t) => ({ sourceGeography: s, targetGeography: t })));
  const perPair = Math.ceil(users / pairs.length);
  const map: IdentityMapRow[] = [];
  const batches = pairs.map((p, b) => {
    const list: string[] = [];
    for (let i = b * perPair; i < Math.min(users, (b + 1) * perPair); i++) {
      const upn = `user${i}@contoso.com`;
      list.push(upn);
      map.push({
        line: i + 1,
        kind: 'User',
        sourceTenantId: '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03',
        source: upn,
        target: `user${i}@fabrikam.com`,
        nameOrEmail: `user${i}@fabrikam.com`,
        type: 'RegularUser',
      });
    }
    return {
      name: `batch ${p.sourceGeography} to ${p.targetGeography}`,
      ...p,
      users: list,
      preferredBeginUtc: '2027-01-01T22:00:00Z',
      preferredEndUtc: '2027-01-02T06:00:00Z',
    };
  });
  const plan: Plan = {
    version: 1,
    name: 'benchmark',
    source: { name: 'contoso', tenantId: '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03', geographies: geos('contoso', src) },
    target: { name: 'fabrikam', tenantId: 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c', geographies: geos('fabrikam', tgt) },
    trusts: pairs,
    batches,
  };
  return { plan, map };
}
