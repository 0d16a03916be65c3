/**
 * SharePoint Online URLs of a tenant (or of one Multi-Geo geography, which behaves like a tenant):
 *   admin  https://contoso-admin.sharepoint.com
 *   root   https://contoso.sharepoint.com
 *   my     https://contoso-my.sharepoint.com   (the cross-tenant host URL in every documented example)
 * Derived from whatever the admin pastes, normalised to lower case without a trailing slash.
 */

export interface TenantUrls {
  /** The SharePoint prefix: tenant name for the central geography, the chosen prefix for a satellite. */
  tenantName: string;
  adminUrl: string;
  rootUrl: string;
  mySiteHost: string;
}

export type UrlKind = 'name' | 'onmicrosoft' | 'admin' | 'my' | 'root';

export type UrlResult<T> = { ok: true; value: T } | { ok: false; error: string; hint?: string };

const SOVEREIGN_SUFFIXES: ReadonlyArray<{ suffix: string; cloud: string }> = [
  { suffix: '.sharepoint.us', cloud: 'US Government (GCC High / DoD)' },
  { suffix: '.sharepoint-mil.us', cloud: 'US Government (DoD)' },
  { suffix: '.dps.mil', cloud: 'US Government (DoD)' },
  { suffix: '.onmicrosoft.us', cloud: 'US Government (GCC High / DoD)' },
  { suffix: '.sharepoint.cn', cloud: 'China (21Vianet)' },
  { suffix: '.partner.onmschina.cn', cloud: 'China (21Vianet)' },
  { suffix: '.sharepoint.de', cloud: 'Germany' },
];

const NAME = /^[a-z0-9]+$/;
const SPO_HOST = /^([a-z0-9]+)(-admin|-my)?\.sharepoint\.com$/;

function fail<T>(error: string, hint?: string): UrlResult<T> {
  return hint === undefined ? { ok: false, error } : { ok: false, error, hint };
}

export function urlsForTenantName(name: string): TenantUrls {
  return {
    tenantName: name,
    adminUrl: `https://${name}-admin.sharepoint.com`,
    rootUrl: `https://${name}.sharepoint.com`,
    mySiteHost: `https://${name}-my.sharepoint.com`,
  };
}

/**
 * Accepts a tenant name, `name.onmicrosoft.com`, or an admin / my-site / root URL (with or without
 * https://, any case, surrounding spaces, trailing slash) and returns all three URLs.
 */
export function deriveTenantUrls(input: string): UrlResult<TenantUrls & { kind: UrlKind }> {
  const raw = input.trim();
  if (raw === '')
    return fail(
      'Enter a tenant name or a SharePoint URL.',
      'For example contoso, contoso.onmicrosoft.com or https://contoso-admin.sharepoint.com.',
    );
  const lower = raw.toLowerCase();

  if (NAME.test(lower)) return { ok: true, value: { ...urlsForTenantName(lower), kind: 'name' } };

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(lower);
  if (scheme && scheme[1] !== 'https') {
    return fail(
      `'${raw}' uses ${scheme[1]}:, but SharePoint Online is only reachable over https.`,
      `Use https://${lower.slice(scheme[0].length)}`,
    );
  }
  const rest = scheme ? lower.slice(scheme[0].length) : lower;
  const slash = rest.search(/[/?#]/);
  const host = slash === -1 ? rest : rest.slice(0, slash);
  const tail = slash === -1 ? '' : rest.slice(slash);
  if (tail !== '' && tail !== '/') {
    return fail(`'${raw}' has a path or query ('${tail}'); only the host is needed.`, `Use https://${host}`);
  }

  const sovereign = SOVEREIGN_SUFFIXES.find((s) => host.endsWith(s.suffix));
  if (sovereign) {
    return fail(
      `'${host}' belongs to the ${sovereign.cloud} cloud. Cross-tenant OneDrive migration is not supported there.`,
      'Microsoft supports this feature in the commercial cloud only (not GCC, GCC High, DoD, 21Vianet or the sovereign clouds).',
    );
  }

  const onMicrosoft = /^([a-z0-9]+)\.onmicrosoft\.com$/.exec(host);
  if (onMicrosoft) return { ok: true, value: { ...urlsForTenantName(onMicrosoft[1]!), kind: 'onmicrosoft' } };

  const spo = SPO_HOST.exec(host);
  if (spo) {
    const kind: UrlKind = spo[2] === '-admin' ? 'admin' : spo[2] === '-my' ? 'my' : 'root';
    return { ok: true, value: { ...urlsForTenantName(spo[1]!), kind } };
  }
  if (host.endsWith('.sharepoint.com')) {
    return fail(
      `'${host}' is not a SharePoint Online tenant host.`,
      'Expected <name>.sharepoint.com, <name>-admin.sharepoint.com or <name>-my.sharepoint.com, where <name> has letters and digits only.',
    );
  }
  return fail(
    `'${raw}' is not a SharePoint Online tenant name or URL.`,
    'Enter the tenant name (contoso), contoso.onmicrosoft.com, or a URL such as https://contoso-admin.sharepoint.com. Vanity domains (contoso.com) cannot be used here.',
  );
}

/** Normalises an admin URL; any other form of the same tenant is turned into its admin URL with a hint. */
export function normalizeAdminUrl(input: string): UrlResult<string> {
  const r = deriveTenantUrls(input);
  if (!r.ok) return r;
  if (r.value.kind !== 'admin') {
    return fail(`'${input.trim()}' is not an admin URL.`, `The admin URL of this tenant is ${r.value.adminUrl}`);
  }
  return { ok: true, value: r.value.adminUrl };
}

/** Normalises a cross-tenant host URL (the -my host). The admin host is the classic mistake. */
export function normalizeHostUrl(input: string): UrlResult<string> {
  const r = deriveTenantUrls(input);
  if (!r.ok) return r;
  if (r.value.kind === 'admin') {
    return fail(
      `'${input.trim()}' is the admin URL, not the cross-tenant host URL (engine error MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost).`,
      `Use the value Get-SPOCrossTenantHostUrl returns, normally ${r.value.mySiteHost}`,
    );
  }
  if (r.value.kind !== 'my') {
    return fail(
      `'${input.trim()}' is not a cross-tenant host URL.`,
      `Use the value Get-SPOCrossTenantHostUrl returns, normally ${r.value.mySiteHost}`,
    );
  }
  return { ok: true, value: r.value.mySiteHost };
}

/**
 * Pulls host URLs out of text pasted from a console (Get-SPOCrossTenantHostUrl prints a URL, or a
 * verbose multi-line blob). Returns unique normalised -my hosts first, then other SharePoint hosts.
 */
export function extractHostUrls(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/https?:\/\/[a-z0-9.-]+\.sharepoint\.com(?=[\s/'"<>),;]|$)/gi)) {
    const r = deriveTenantUrls(match[0].replace(/^http:/i, 'https:'));
    if (r.ok) found.add(r.value.kind === 'my' ? r.value.mySiteHost : r.value.kind === 'admin' ? r.value.adminUrl : r.value.rootUrl);
  }
  const all = [...found];
  return [...all.filter((u) => u.includes('-my.')), ...all.filter((u) => !u.includes('-my.'))];
}

/** The hosts (root and -my) that belong to a geography with this admin URL. */
export function hostsOfAdminUrl(adminUrl: string): string[] {
  const r = deriveTenantUrls(adminUrl);
  return r.ok ? [r.value.rootUrl, r.value.mySiteHost] : [];
}
