/** Result files as the generated scripts write them, for tests and benchmarks. */

export interface ResultEnvelope {
  side?: 'source' | 'target';
  tenant?: string;
  geography?: string;
  adminUrl?: string;
  createdAt?: string;
}

const ADMIN_URLS: Record<string, string> = {
  'source:NAM': 'https://contoso-admin.sharepoint.com',
  'source:EUR': 'https://contosoeur-admin.sharepoint.com',
  'source:APC': 'https://contosoapc-admin.sharepoint.com',
  'target:NAM': 'https://fabrikam-admin.sharepoint.com',
  'target:EUR': 'https://fabrikameur-admin.sharepoint.com',
};

/** A result file's text for the example's tenants (contoso → fabrikam); source NAM unless told otherwise. */
export function resultFileText(kind: string, data: unknown, envelope: ResultEnvelope = {}): string {
  const side = envelope.side ?? 'source';
  const geography = envelope.geography ?? 'NAM';
  return JSON.stringify({
    schema: 'onedrive-migration-result',
    version: 1,
    kind,
    side,
    tenant: envelope.tenant ?? (side === 'source' ? 'contoso' : 'fabrikam'),
    geography,
    adminUrl: envelope.adminUrl ?? ADMIN_URLS[`${side}:${geography}`] ?? '',
    createdAt: envelope.createdAt ?? '2026-11-22T09:00:00.000Z',
    data,
  });
}

/** One entry of a moveState result (what 06-export-move-state writes per user). */
export function moveStateEntry(source: string | null, state: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourceUserPrincipalName: source,
    targetUserPrincipalName: null,
    state,
    moveJobId: null,
    sourceSiteUrl: null,
    targetSiteUrl: null,
    timeStamp: null,
    error: null,
    partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
    ...more,
  };
}
