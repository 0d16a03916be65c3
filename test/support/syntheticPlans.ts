/**
 * Plans and identity maps made up for execution tests and benchmarks: any number of users in
 * batches, single-geo or Multi-Geo, guests, every group type, hostile names.
 */
import { readIdentityMapRows, type IdentityMapRow } from '../../src/core/identity/identityMapRows';
import type { Plan } from '../../src/core/plan/planSchema';

export interface SyntheticPlan {
  plan: Plan;
  mapText: string;
  map: IdentityMapRow[];
}

const SOURCE_TENANT_ID = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const TARGET_TENANT_ID = 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c';

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function syntheticPlan(options: {
  users: number;
  /** Geography codes per side; ['default'] for single-geo tenants. */
  sourceGeographies?: string[];
  targetGeographies?: string[];
  batchSize?: number;
  guests?: number;
  groups?: boolean;
  /** Names with quotes, $, backticks and non-ASCII in batch names and display names. */
  hostile?: boolean;
}): SyntheticPlan {
  const sourceGeos = options.sourceGeographies ?? ['default'];
  const targetGeos = options.targetGeographies ?? ['default'];
  const geos = (tenant: string, codes: string[]) =>
    codes.map((code, i) => {
      const prefix = i === 0 ? tenant : `${tenant}${code.toLowerCase()}`;
      return {
        code,
        ...(i === 0 ? { default: true } : {}),
        adminUrl: `https://${prefix}-admin.sharepoint.com`,
        hostUrl: `https://${prefix}-my.sharepoint.com`,
      };
    });
  const rows: string[] = [];
  const batches: Plan['batches'] = [];
  const batchSize = options.batchSize ?? 4000;
  const usersPerPair = new Map<string, string[]>();
  for (let i = 0; i < options.users; i++) {
    const s = sourceGeos[i % sourceGeos.length]!;
    const t = targetGeos[i % targetGeos.length]!;
    const name = options.hostile && i % 7 === 3 ? `zoë.o-brien${i}` : `user${String(i).padStart(5, '0')}`;
    const source = `${name}@contoso.com`;
    const target = `${name}@fabrikam.com`;
    rows.push(['User', SOURCE_TENANT_ID, source, target, target, 'RegularUser'].map(csvField).join(','));
    const key = `${s}>${t}`;
    usersPerPair.set(key, [...(usersPerPair.get(key) ?? []), source]);
  }
  for (const [key, users] of usersPerPair) {
    const [s, t] = key.split('>') as [string, string];
    for (let b = 0; b * batchSize < users.length; b++) {
      const base = `Wave ${batches.length + 1} ${s} to ${t}`;
      const name = options.hostile && batches.length === 0 ? `${base} – Ann’s $(Get-Date) \`n 'pilot' "x"` : base;
      batches.push({ name, sourceGeography: s, targetGeography: t, users: users.slice(b * batchSize, (b + 1) * batchSize) });
    }
  }
  for (let g = 0; g < (options.guests ?? 0); g++) {
    rows.push(
      [
        'User',
        SOURCE_TENANT_ID,
        `guest${g}@contoso.com`,
        `guest${g}_contoso.com#EXT#@fabrikam.onmicrosoft.com`,
        `guest${g}@contoso.com`,
        'GuestUser',
      ].join(','),
    );
  }
  if (options.groups) {
    rows.push(
      [
        'Group',
        SOURCE_TENANT_ID,
        '0b6f3c9e-1d2a-4e5f-8a7b-6c5d4e3f2a1b',
        '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
        'Sales',
        'RegularGroup',
      ].join(','),
    );
    rows.push(
      [
        'Group',
        SOURCE_TENANT_ID,
        '3a2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9',
        '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c',
        'Admins',
        'AdminGroup',
      ].join(','),
    );
    rows.push(
      [
        'Group',
        SOURCE_TENANT_ID,
        '6c5b4a3f-2e1d-4c0b-9a8f-7e6d5c4b3a2f',
        '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
        'ProjectFalcon',
        'O365Group',
      ].join(','),
    );
  }
  const pairs = [...usersPerPair.keys()].map((k) => {
    const [s, t] = k.split('>') as [string, string];
    return { sourceGeography: s, targetGeography: t };
  });
  const plan: Plan = {
    version: 1,
    name: options.hostile ? 'Contoso ’n’ Fabrikam $(x) `test`' : 'Synthetic migration',
    source: { name: 'contoso', tenantId: SOURCE_TENANT_ID, geographies: geos('contoso', sourceGeos) },
    target: { name: 'fabrikam', tenantId: TARGET_TENANT_ID, geographies: geos('fabrikam', targetGeos) },
    trusts: pairs,
    identityMap: 'identity-map.csv',
    batches,
    output: { scripts: 'scripts', results: 'results' },
  } as Plan;
  const mapText = rows.join('\r\n') + '\r\n';
  return { plan, mapText, map: readIdentityMapRows(mapText).rows };
}
