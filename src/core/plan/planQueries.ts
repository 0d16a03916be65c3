/** Read-only questions about a plan that several features ask. */
import { deriveTenantUrls, normalizeHostUrl } from '../tenancy/tenantUrls';
import {
  DEFAULT_IDENTITY_MAP,
  DEFAULT_QUEUE_LIMIT,
  DEFAULT_RESULTS_FOLDER,
  DEFAULT_SCRIPTS_FOLDER,
  type BatchUser,
  type Geography,
  type Plan,
  type Side,
  type TrustPair,
} from './planSchema';

export function batchUserSource(user: BatchUser): string {
  return typeof user === 'string' ? user : user.source;
}

export function batchUserTarget(user: BatchUser): string | undefined {
  return typeof user === 'string' ? undefined : user.target;
}

/** File-name-safe form of a batch name ("Wave 1 / Pilot" → "wave-1-pilot"). */
export function batchSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'batch'
  );
}

export function findGeography(plan: Plan, side: Side, code: string): Geography | undefined {
  return plan[side].geographies.find((g) => g.code === code);
}

/** The normalised host URL of a geography, or undefined while it is not known. */
export function hostUrlOf(geography: Geography | undefined): string | undefined {
  if (!geography?.hostUrl?.trim()) return undefined;
  const r = normalizeHostUrl(geography.hostUrl);
  return r.ok ? r.value : undefined;
}

/** The host of a geography's OneDrives: its recorded host URL, else the -my host its admin URL implies. */
export function oneDriveHostOf(geography: Geography): string {
  const known = hostUrlOf(geography);
  if (known) return known;
  const derived = deriveTenantUrls(geography.adminUrl);
  return derived.ok ? derived.value.mySiteHost : '';
}

export interface GeographyPair {
  sourceGeography: string;
  targetGeography: string;
  /** The plan's trust entry for this pair, when there is one. */
  trust?: TrustPair;
}

/** Geography pairs in use: every trust entry, plus every pair a batch needs, in plan order. */
export function geographyPairs(plan: Plan): GeographyPair[] {
  const pairs = new Map<string, GeographyPair>();
  for (const t of plan.trusts ?? []) {
    pairs.set(`${t.sourceGeography}>${t.targetGeography}`, {
      sourceGeography: t.sourceGeography,
      targetGeography: t.targetGeography,
      trust: t,
    });
  }
  for (const b of plan.batches ?? []) {
    const key = `${b.sourceGeography}>${b.targetGeography}`;
    if (!pairs.has(key)) pairs.set(key, { sourceGeography: b.sourceGeography, targetGeography: b.targetGeography });
  }
  return [...pairs.values()];
}

/** The pairs a geography of one side takes part in. */
export function pairsOfGeography(plan: Plan, side: Side, code: string): GeographyPair[] {
  return geographyPairs(plan).filter((p) => (side === 'source' ? p.sourceGeography : p.targetGeography) === code);
}

export function queueLimit(plan: Plan): number {
  return plan.limits?.maxQueuedPerSourceGeography ?? DEFAULT_QUEUE_LIMIT;
}

export function planFolders(plan: Plan): { scripts: string; results: string; identityMap: string } {
  return {
    scripts: plan.output?.scripts ?? DEFAULT_SCRIPTS_FOLDER,
    results: plan.output?.results ?? DEFAULT_RESULTS_FOLDER,
    identityMap: plan.identityMap ?? DEFAULT_IDENTITY_MAP,
  };
}
