/** Building and editing plans from the answers of the guided flows (step 1). */
import { deriveTenantUrls } from '../tenancy/tenantUrls';
import { SINGLE_GEO_CODE } from '../tenancy/geographies';
import type { Geography, Plan, Tenant } from './planSchema';

export interface GeographyAnswer {
  code: string;
  adminUrl: string;
  isDefault: boolean;
}

export interface TenantAnswer {
  /** Anything deriveTenantUrls accepts for the central geography. */
  reference: string;
  displayName?: string;
  tenantId?: string;
  /** Empty for a single-geo tenant. */
  geographies: GeographyAnswer[];
}

export function tenantFromAnswer(answer: TenantAnswer, previous?: Tenant): Tenant {
  const urls = deriveTenantUrls(answer.reference);
  if (!urls.ok) throw new Error(urls.error);
  const keep = (code: string): Partial<Geography> => previous?.geographies.find((g) => g.code === code) ?? {};
  const geographies: Geography[] = answer.geographies.length
    ? answer.geographies.map((g) => ({
        ...keep(g.code),
        code: g.code,
        ...(g.isDefault ? { default: true } : { default: undefined }),
        adminUrl: g.adminUrl,
      }))
    : [{ ...keep(SINGLE_GEO_CODE), code: SINGLE_GEO_CODE, adminUrl: urls.value.adminUrl }];
  for (const g of geographies) if (g.default === undefined) delete g.default;
  const tenant: Tenant = { ...previous, name: urls.value.tenantName, geographies };
  if (answer.displayName) tenant.displayName = answer.displayName;
  if (answer.tenantId) tenant.tenantId = answer.tenantId;
  return tenant;
}

export interface NewPlanOptions {
  scriptsFolder: string;
  resultsFolder: string;
  queueLimit: number;
}

export function newPlan(source: Tenant, target: Tenant, options: NewPlanOptions): Plan {
  const plan: Plan = {
    // No "$schema": the extension brings the schema for every onedrive-migration.json (package.json
    // jsonValidation), and a path or URL in the file would break once the file is copied elsewhere.
    version: 1,
    name: `${source.displayName ?? source.name} → ${target.displayName ?? target.name}`,
    source,
    target,
    trusts: [],
    identityMap: 'identity-map.csv',
    batches: [],
    output: { scripts: options.scriptsFolder, results: options.resultsFolder },
  };
  if (options.queueLimit !== 4000) plan.limits = { maxQueuedPerSourceGeography: options.queueLimit };
  // With one geography on each side there is one pair: list it so steps 2 and 3 have work to do.
  if (source.geographies.length === 1 && target.geographies.length === 1) {
    plan.trusts = [{ sourceGeography: source.geographies[0]!.code, targetGeography: target.geographies[0]!.code }];
  }
  return plan;
}
