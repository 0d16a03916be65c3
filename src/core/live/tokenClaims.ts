/**
 * Reading claims from a token without trusting it: the `tid` says which tenant issued it, so a token
 * from the wrong organisation is refused before any call is made with it. The signature is not
 * checked here (the service that receives the token does that); this only decodes.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TOKEN = 16 * 1024;

export interface TokenClaims {
  tid?: string;
  upn?: string;
  exp?: number;
}

/** The claims of a JWT (header.payload.signature); undefined for anything that is not one. */
export function tokenClaims(token: string): TokenClaims | undefined {
  if (token.length > MAX_TOKEN) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let payload: unknown;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    payload = JSON.parse(decodeBase64(base64));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  const claims: TokenClaims = {};
  if (typeof p.tid === 'string' && GUID.test(p.tid)) claims.tid = p.tid.toLowerCase();
  const upn = typeof p.upn === 'string' ? p.upn : typeof p.preferred_username === 'string' ? p.preferred_username : undefined;
  if (upn && upn.length <= 320) claims.upn = upn;
  if (typeof p.exp === 'number' && Number.isFinite(p.exp)) claims.exp = p.exp;
  return claims;
}

/** Base64 to a UTF-8 string, with the platform's decoder (atob exists in Node 16+ and in browsers). */
function decodeBase64(base64: string): string {
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
