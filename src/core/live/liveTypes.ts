/**
 * Live mode in the core's terms: who signs in (a tenant role), for what (an audience), and what comes
 * back (a token with the tenant it was issued in). The msal-node adapter and the HTTP clients
 * (src/services/live) implement these; nothing here does I/O.
 */
import type { Side } from '../plan/planSchema';

/** The source or the target organisation's admin. */
export type TenantRole = Side;

/** What a token is for: Microsoft Graph, or one geography's SharePoint admin host. */
export type Audience = { kind: 'graph' } | { kind: 'sharepointAdmin'; adminUrl: string };

export interface AccessToken {
  role: TenantRole;
  audience: Audience;
  /** The bearer token itself: never logged, never written to a file or a webview. */
  value: string;
  /** The `tid` claim: the tenant that issued it. */
  tenantId: string;
  /** The signed-in account, e.g. admin@contoso.onmicrosoft.com. */
  username?: string;
  expiresOn: string;
}

/** Where tokens come from (msal-node in the extension and the CLI; a fixed source in unit tests). */
export interface TokenSource {
  /** `forceRefresh`: not the cached token (the service refused it: 401). */
  token(role: TenantRole, audience: Audience, options?: { signal?: AbortSignal; forceRefresh?: boolean }): Promise<AccessToken>;
  signOut(role: TenantRole): Promise<void>;
}

/** The scope that asks for a token for the audience (its resource's `.default`). */
export function scopeFor(audience: Audience, graphBaseUrl: string): string {
  const resource = audience.kind === 'graph' ? graphBaseUrl : audience.adminUrl;
  return `${resource.replace(/\/+$/, '')}/.default`;
}

/** A short name of the audience for messages ("Microsoft Graph", "SharePoint admin contoso-admin.sharepoint.com"). */
export function audienceName(audience: Audience): string {
  return audience.kind === 'graph' ? 'Microsoft Graph' : `SharePoint admin ${audience.adminUrl.replace(/^https:\/\//, '')}`;
}
