// Writes the big synthetic workspace of the host benchmark: 17 × 17 geography pairs and 50,000
// redirect sites in result files (10,000 in source NAM).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const CODES = ['NAM', 'EUR', 'APC', 'AUS', 'BRA', 'CAN', 'FRA', 'DEU', 'IND', 'JPN', 'KOR', 'NOR', 'ZAF', 'SWE', 'CHE', 'ARE', 'GBR'];

export function writeBigWorkspace(folder) {
  const geos = (tenant) =>
    CODES.map((code, i) => ({
      code,
      ...(i === 0 ? { default: true } : {}),
      adminUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-admin.sharepoint.com`,
      hostUrl: `https://${tenant}${i ? code.toLowerCase() : ''}-my.sharepoint.com`,
    }));
  const plan = {
    version: 1,
    name: 'benchmark: 17 x 17 geographies',
    source: { name: 'contoso', geographies: geos('contoso') },
    target: { name: 'fabrikam', geographies: geos('fabrikam') },
    trusts: CODES.flatMap((s) =>
      CODES.map((t) => ({
        sourceGeography: s,
        targetGeography: t,
        source: { requestedAt: '2026-11-01T00:00:00Z', lastVerifiedAt: '2026-11-10T00:00:00Z', lastResult: 'GoodToProceed' },
        target: { requestedAt: '2026-11-20T00:00:00Z' },
      })),
    ),
    batches: [],
  };
  mkdirSync(path.join(folder, 'results'), { recursive: true });
  writeFileSync(path.join(folder, 'onedrive-migration.json'), JSON.stringify(plan, null, 2));
  const perGeo = (i) => (i === 0 ? 10_000 : Math.floor(40_000 / 16) + (i <= 40_000 % 16 ? 1 : 0));
  let total = 0;
  CODES.forEach((code, i) => {
    const host = i ? `contoso${code.toLowerCase()}` : 'contoso';
    const sites = Array.from({ length: perGeo(i) }, (_, n) => ({
      url: n % 3 ? `https://${host}-my.sharepoint.com/personal/user${n}_contoso_com` : `https://${host}.sharepoint.com/sites/project-${n}`,
      template: 'RedirectSite#0',
      lastModified: null,
    }));
    total += sites.length;
    writeFileSync(
      path.join(folder, 'results', `source-${code}-redirectSites.json`),
      JSON.stringify({
        schema: 'onedrive-migration-result',
        version: 1,
        kind: 'redirectSites',
        side: 'source',
        tenant: 'contoso',
        geography: code,
        adminUrl: plan.source.geographies[i].adminUrl,
        createdAt: '2026-11-22T08:00:00Z',
        data: { includesPersonalSites: true, sites },
      }),
    );
  });
  return total;
}
