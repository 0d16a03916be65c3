/**
 * What live mode learns about a tenant, as an edit of the plan for the admin to accept: the tenant
 * ID and the organisation's name (GET /organization), and its geographies from the root sites (one
 * per geography; `dataLocationCode` only on Multi-Geo tenants) with the admin and host URLs SharePoint
 * derives from them. Known values are kept; what differs is listed, never applied here.
 */
import type { Geography, Plan, Tenant } from '../plan/planSchema';
import { GEOGRAPHY_CODES, SINGLE_GEO_CODE } from '../tenancy/geographies';
import { deriveTenantUrls } from '../tenancy/tenantUrls';
import type { TenantRole } from './liveTypes';

export interface OrganizationFacts {
  tenantId: string;
  displayName?: string;
}

export interface RootSiteFacts {
  webUrl: string;
  /** Multi-Geo only: the geography's code (NAM, EUR, …). */
  dataLocationCode?: string;
}

export interface PlanFacts {
  tenant: Tenant;
  /** One line per difference ("tenant ID: (none) → 7c3e…", "geography EUR: added"). */
  changes: string[];
  /** Root sites that could not be used (not a SharePoint Online URL, an unknown code). */
  skipped: string[];
}

export function planFacts(plan: Plan, role: TenantRole, org: OrganizationFacts, roots: readonly RootSiteFacts[]): PlanFacts {
  const current = plan[role];
  const changes: string[] = [];
  const skipped: string[] = [];
  const tenant: Tenant = structuredClone(current);
  if (current.tenantId?.toLowerCase() !== org.tenantId) {
    tenant.tenantId = org.tenantId;
    changes.push(`tenant ID: ${current.tenantId ?? '(none)'} → ${org.tenantId}`);
  }
  if (org.displayName && !current.displayName) {
    tenant.displayName = org.displayName;
    changes.push(`display name: (none) → ${org.displayName}`);
  }
  const multiGeo = roots.some((r) => r.dataLocationCode);
  for (const root of roots) {
    const code = multiGeo ? root.dataLocationCode?.toUpperCase() : SINGLE_GEO_CODE;
    const urls = deriveTenantUrls(root.webUrl);
    if (!code || !(GEOGRAPHY_CODES as readonly string[]).includes(code) || !urls.ok) {
      skipped.push(`${root.webUrl}${root.dataLocationCode ? ` (${root.dataLocationCode})` : ''}`);
      continue;
    }
    const known = tenant.geographies.find((g) => g.code === code);
    if (known) {
      if (!known.hostUrl) {
        known.hostUrl = urls.value.mySiteHost;
        changes.push(`geography ${code}: host URL (none) → ${urls.value.mySiteHost}`);
      }
      if (known.adminUrl.toLowerCase().replace(/\/+$/, '') !== urls.value.adminUrl)
        changes.push(`geography ${code}: the plan's admin URL ${known.adminUrl} differs from ${urls.value.adminUrl} (kept; check it)`);
      continue;
    }
    const added: Geography = { code: code as Geography['code'], adminUrl: urls.value.adminUrl, hostUrl: urls.value.mySiteHost };
    tenant.geographies.push(added);
    changes.push(`geography ${code}: added (${urls.value.adminUrl})`);
  }
  return { tenant, changes, skipped };
}
