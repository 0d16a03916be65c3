/**
 * What Graph tells about the signed-in tenant itself: its ID, name and verified domains
 * (GET /organization), and one root site per geography (GET /sites with siteCollection/root; the
 * data location code only on Multi-Geo tenants), from which live mode proposes plan edits.
 */
import type { RootSiteFacts } from '../../core/live/planFacts';
import { pages, str, type GraphAccess } from './graphDirectory';
import { LiveHttpError } from './liveHttp';

export interface OrganizationInfo {
  tenantId: string;
  displayName?: string;
  verifiedDomains: Array<{ name: string; isDefault: boolean; isInitial: boolean }>;
}

/** The signed-in tenant's ID, name and verified domains (GET /organization). */
export async function organization(access: GraphAccess): Promise<OrganizationInfo> {
  const doc = await access.http.getJson<{ value?: Array<Record<string, unknown>> }>(
    `${access.graphBaseUrl}/v1.0/organization`,
    await access.token(),
    access.signal,
  );
  const org = doc.value?.[0];
  const id = str(org?.id);
  if (!org || !id) throw new LiveHttpError('The organization answer names no tenant.', 200, 'malformedResponse');
  const domains = Array.isArray(org.verifiedDomains) ? (org.verifiedDomains as Array<Record<string, unknown>>) : [];
  return {
    tenantId: id.toLowerCase(),
    ...(str(org.displayName) ? { displayName: str(org.displayName)! } : {}),
    verifiedDomains: domains
      .filter((d) => str(d.name))
      .slice(0, 1000)
      .map((d) => ({ name: str(d.name)!, isDefault: d.isDefault === true, isInitial: d.isInitial === true })),
  };
}

/** The root site of each geography (one per geography of a Multi-Geo tenant). */
export async function rootSites(access: GraphAccess): Promise<RootSiteFacts[]> {
  const out: RootSiteFacts[] = [];
  const first = `${access.graphBaseUrl}/v1.0/sites?$filter=${encodeURIComponent('siteCollection/root ne null')}&$select=webUrl,siteCollection`;
  for await (const page of pages<Record<string, unknown>>(access, first)) {
    for (const site of page) {
      const webUrl = str(site.webUrl);
      const collection = site.siteCollection as Record<string, unknown> | undefined;
      if (!webUrl) continue;
      const code = str(collection?.dataLocationCode);
      out.push({ webUrl, ...(code ? { dataLocationCode: code } : {}) });
      if (out.length >= 100) return out; // no tenant has more geographies
    }
  }
  return out;
}
