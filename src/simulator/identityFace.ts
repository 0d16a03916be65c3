/**
 * The simulated cloud's sign-in face: what msal-node needs from Microsoft Entra ID, for the two
 * simulated tenants: OpenID metadata, the authorize endpoint (authorization code with PKCE, for the
 * interactive sign-in), the device-code endpoint, and the token endpoint (code, device code and
 * refresh-token grants). It answers requests as data (no sockets), so it is unit-tested alone; the
 * live server (liveServer.ts) puts it on HTTPS. Tokens look like Entra's (JWTs with tid, upn, scp,
 * aud, exp) but are signed by nobody: only the simulator's own faces accept them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { escapeHtml as esc } from '../core/text/html';
import type { SimulatedCloud, TenantSide } from './cloudModel';

export interface FaceRequest {
  method: string;
  /** Path without the face's prefix, e.g. /<tenant>/oauth2/v2.0/token. */
  path: string;
  query: URLSearchParams;
  /** application/x-www-form-urlencoded body (token, devicecode). */
  form: URLSearchParams;
}

export interface FaceResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON, unless `html` is given. */
  body?: unknown;
  /** A page for the browser (the form_post response). */
  html?: string;
}

export interface IssuedToken {
  side: TenantSide;
  audience: string;
  upn: string;
  expiresAt: number;
}

export interface IdentityFaceOptions {
  /** Demo: device codes of these client IDs are approved at once, for that side (nobody has to visit the page). */
  autoApprove?: Record<string, TenantSide>;
  /** Seconds an access token lives (default 3,600). */
  tokenLifetimeSeconds?: number;
  /** Issue this side's tokens with the other tenant's tid (fault: a token from the wrong tenant). */
  wrongTenantFor?: TenantSide;
}

interface CodeGrant {
  side: TenantSide;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  nonce?: string;
  expiresAt: number;
}

interface DeviceGrant {
  side?: TenantSide;
  userCode: string;
  clientId: string;
  scope: string;
  expiresAt: number;
}

const base64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const error = (status: number, code: string, description: string): FaceResponse => ({
  status,
  body: { error: code, error_description: description, error_codes: [], timestamp: new Date().toISOString() },
});

/** The admin account that signs in to a simulated tenant. */
export function adminAccount(cloud: SimulatedCloud, side: TenantSide): string {
  return `admin@${cloud.tenant(side).name}.onmicrosoft.com`;
}

export class IdentityFace {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly devices = new Map<string, DeviceGrant>();
  private readonly refreshTokens = new Map<string, { side: TenantSide; clientId: string }>();
  /** Every access token issued, by its value (the other faces check bearer tokens here). */
  readonly issued = new Map<string, IssuedToken>();
  /** Who signs in through the authorize page when the authority does not name the tenant ('organizations'). */
  signInAs: TenantSide = 'source';

  constructor(
    private readonly cloud: SimulatedCloud,
    /** Absolute base URL of this face, e.g. https://127.0.0.1:4431/login. */
    private readonly baseUrl: () => string,
    private readonly clock: () => number = Date.now,
    readonly options: IdentityFaceOptions = {},
  ) {}

  /** Approves a pending device code for a side (what the admin does in the browser). */
  approveDevice(userCode: string, side: TenantSide): boolean {
    for (const grant of this.devices.values())
      if (grant.userCode === userCode) {
        grant.side = side;
        return true;
      }
    return false;
  }

  /** Approves every device code still waiting, for a side (a test or a demo signing in "in the browser"). */
  approvePending(side: TenantSide): number {
    let n = 0;
    for (const grant of this.devices.values())
      if (!grant.side) {
        grant.side = side;
        n++;
      }
    return n;
  }

  /** The tenant an authority segment names: a simulated tenant's ID, or organizations/common (then `signInAs`). */
  private sideOf(segment: string): TenantSide | undefined {
    const s = segment.toLowerCase();
    for (const side of ['source', 'target'] as const) if (this.cloud.tenant(side).tenantId.toLowerCase() === s) return side;
    return s === 'organizations' || s === 'common' ? this.signInAs : undefined;
  }

  handle(req: FaceRequest): FaceResponse {
    if (req.path === '/devicelogin') return this.deviceLoginPage(req);
    const parts = req.path.split('/').filter(Boolean);
    const tenant = parts[0] ?? '';
    const rest = parts.slice(1).join('/');
    const side = this.sideOf(tenant);
    if (!side) return error(400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`);
    switch (`${req.method} ${rest}`) {
      case 'GET v2.0/.well-known/openid-configuration':
        return { status: 200, body: this.metadata(tenant, side) };
      case 'GET oauth2/v2.0/authorize':
        return this.authorize(req.query, side);
      case 'POST oauth2/v2.0/devicecode':
        return this.deviceCode(req.form);
      case 'POST oauth2/v2.0/token':
        return this.token(req.form);
      case 'GET discovery/v2.0/keys':
        return { status: 200, body: { keys: [] } };
      default:
        return error(404, 'not_found', `No such endpoint: ${req.method} ${rest}`);
    }
  }

  private metadata(tenant: string, side: TenantSide): unknown {
    const base = `${this.baseUrl()}/${tenant}`;
    const tid = this.cloud.tenant(side).tenantId;
    return {
      issuer: `${this.baseUrl()}/${tid}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['none'],
      code_challenge_methods_supported: ['S256'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'simulated',
    };
  }

  /** The browser's visit: signs in at once (as the tenant's admin) and redirects back with a code. */
  private authorize(q: URLSearchParams, side: TenantSide): FaceResponse {
    const redirectUri = q.get('redirect_uri') ?? '';
    const clientId = q.get('client_id') ?? '';
    const challenge = q.get('code_challenge') ?? '';
    if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(redirectUri))
      return error(400, 'invalid_request', 'AADSTS50011: The redirect URI is not a loopback address registered for the application.');
    if (!clientId || !challenge || q.get('code_challenge_method') !== 'S256' || q.get('response_type') !== 'code')
      return error(400, 'invalid_request', 'AADSTS900144: client_id, response_type=code and an S256 code_challenge are required.');
    const code = base64url(randomBytes(24));
    this.codes.set(code, {
      side,
      clientId,
      redirectUri,
      challenge,
      scope: q.get('scope') ?? '',
      ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
      expiresAt: this.clock() + 600_000,
    });
    const fields: Record<string, string> = { code };
    if (q.get('state')) fields.state = q.get('state')!;
    if (q.get('client_info')) fields.client_info = this.clientInfo(side);
    if (q.get('response_mode') === 'form_post') {
      // As Entra does: a page whose form posts the code to the redirect URI (msal-node's loopback requires it).
      const inputs = Object.entries(fields)
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
        .join('');
      return {
        status: 200,
        html: `<!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="post" action="${esc(redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`,
      };
    }
    const back = new URL(redirectUri);
    for (const [k, v] of Object.entries(fields)) back.searchParams.set(k, v);
    return { status: 302, headers: { location: back.toString() } };
  }

  /** The page the device-code message names: enter the code, choose who signs in. */
  private deviceLoginPage(req: FaceRequest): FaceResponse {
    let note = '';
    if (req.method === 'POST') {
      const side = req.form.get('side') === 'target' ? 'target' : 'source';
      const code = (req.form.get('user_code') ?? '').trim().toUpperCase();
      note = this.approveDevice(code, side)
        ? `<p>Signed in to the ${side} tenant ${esc(this.cloud.tenant(side).name)} as ${esc(adminAccount(this.cloud, side))}. You can close this page.</p>`
        : `<p>No sign-in is waiting for the code ${esc(code)}.</p>`;
    }
    const option = (side: TenantSide) => `<option value="${side}">${side}: ${esc(adminAccount(this.cloud, side))}</option>`;
    return {
      status: 200,
      html: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Simulated sign-in</title></head><body><h1>Sign in (simulated cloud)</h1>${note}<form method="post"><label>Code <input name="user_code" autofocus></label> <label>Account <select name="side">${option('source')}${option('target')}</select></label> <button>Sign in</button></form></body></html>`,
    };
  }

  private deviceCode(form: URLSearchParams): FaceResponse {
    const clientId = form.get('client_id');
    if (!clientId) return error(400, 'invalid_request', 'AADSTS900144: client_id is required.');
    const deviceCode = base64url(randomBytes(24));
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    const auto = this.options.autoApprove?.[clientId];
    this.devices.set(deviceCode, {
      userCode,
      clientId,
      scope: form.get('scope') ?? '',
      expiresAt: this.clock() + 900_000,
      ...(auto ? { side: auto } : {}),
    });
    const verification = `${this.baseUrl()}/devicelogin`;
    return {
      status: 200,
      body: {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verification,
        expires_in: 900,
        interval: 1,
        message: `To sign in, use a web browser to open the page ${verification} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  private token(form: URLSearchParams): FaceResponse {
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const grant = this.codes.get(form.get('code') ?? '');
        this.codes.delete(form.get('code') ?? '');
        if (!grant || grant.expiresAt < this.clock())
          return error(400, 'invalid_grant', 'AADSTS70008: The authorization code is invalid or has expired.');
        const verifier = form.get('code_verifier') ?? '';
        if (base64url(createHash('sha256').update(verifier).digest()) !== grant.challenge)
          return error(400, 'invalid_grant', 'AADSTS501481: The code_verifier does not match the code_challenge.');
        if (grant.clientId !== clientId || grant.redirectUri !== form.get('redirect_uri'))
          return error(400, 'invalid_grant', 'AADSTS50148: The client or redirect URI does not match the authorization request.');
        return { status: 200, body: this.tokens(grant.side, clientId, scope || grant.scope, grant.nonce) };
      }
      case 'device_code': // what msal-node sends
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        const code = form.get('device_code') ?? '';
        const grant = this.devices.get(code);
        if (!grant || grant.expiresAt < this.clock()) return error(400, 'expired_token', 'AADSTS70020: The device code has expired.');
        if (!grant.side) return error(400, 'authorization_pending', 'AADSTS70016: The user has not signed in yet.');
        this.devices.delete(code);
        return { status: 200, body: this.tokens(grant.side, clientId, scope || grant.scope) };
      }
      case 'refresh_token': {
        const rt = this.refreshTokens.get(form.get('refresh_token') ?? '');
        if (!rt || rt.clientId !== clientId) return error(400, 'invalid_grant', 'AADSTS70000: The refresh token is invalid.');
        return { status: 200, body: this.tokens(rt.side, clientId, scope) };
      }
      default:
        return error(400, 'unsupported_grant_type', `AADSTS70003: grant_type '${form.get('grant_type') ?? ''}' is not supported.`);
    }
  }

  private clientInfo(side: TenantSide): string {
    const t = this.cloud.tenant(side);
    return base64url(JSON.stringify({ uid: this.objectId(side), utid: t.tenantId }));
  }

  private objectId(side: TenantSide): string {
    return side === 'source' ? '00000000-0000-4000-8000-00000000a001' : '00000000-0000-4000-8000-00000000b001';
  }

  /** An access token for the requested resource, an ID token, and a refresh token. */
  private tokens(side: TenantSide, clientId: string, scope: string, nonce?: string): Record<string, unknown> {
    const tenant = this.cloud.tenant(side);
    const issuedTid =
      this.options.wrongTenantFor === side ? this.cloud.tenant(side === 'source' ? 'target' : 'source').tenantId : tenant.tenantId;
    const upn = adminAccount(this.cloud, side);
    const lifetime = this.options.tokenLifetimeSeconds ?? 3600;
    const now = Math.floor(this.clock() / 1000);
    const resource =
      scope
        .split(' ')
        .find((s) => s.endsWith('/.default'))
        ?.replace(/\/\.default$/, '') ?? 'https://graph.microsoft.com';
    const jwt = (claims: Record<string, unknown>) =>
      `${base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'simulated' }))}.${base64url(JSON.stringify(claims))}.${base64url(randomBytes(32))}`;
    const access = jwt({
      aud: resource,
      iss: `${this.baseUrl()}/${issuedTid}/v2.0`,
      tid: issuedTid,
      upn,
      oid: this.objectId(side),
      scp: 'AllSites.FullControl User.Read.All Group.Read.All',
      iat: now,
      nbf: now,
      exp: now + lifetime,
      ver: '2.0',
    });
    const id = jwt({
      aud: clientId,
      iss: `${this.baseUrl()}/${issuedTid}/v2.0`,
      tid: issuedTid,
      oid: this.objectId(side),
      sub: this.objectId(side),
      preferred_username: upn,
      name: `${tenant.name} admin`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      ver: '2.0',
      ...(nonce ? { nonce } : {}),
    });
    const refresh = base64url(randomBytes(32));
    this.refreshTokens.set(refresh, { side, clientId });
    this.issued.set(access, { side, audience: resource, upn, expiresAt: (now + lifetime) * 1000 });
    return {
      token_type: 'Bearer',
      scope: `${
        scope
          .split(' ')
          .filter((s) => s.endsWith('/.default'))
          .join(' ') || `${resource}/.default`
      }`,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: access,
      refresh_token: refresh,
      id_token: id,
      client_info: this.clientInfo(side),
    };
  }
}
