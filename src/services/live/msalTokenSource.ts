/**
 * Sign-in with @azure/msal-node: one PublicClientApplication per tenant role (source, target), each
 * with the admin's own app registration (client ID) and its token cache in secret storage (VS Code's
 * SecretStorage, through `SecretStore`). A token is taken from the cache (refreshed silently when
 * it can be), else by an interactive sign-in in the system browser (loopback redirect) or by device
 * code. Every token's tenant is checked before it is handed out (tenantBinding): source and target
 * can never collapse into one tenant.
 */
import {
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AuthenticationResult,
  type DeviceCodeRequest,
  type ICachePlugin,
} from '@azure/msal-node';
import type { AccessToken, Audience, TenantRole, TokenSource } from '../../core/live/liveTypes';
import { scopeFor } from '../../core/live/liveTypes';
import { tokenClaims } from '../../core/live/tokenClaims';
import type { LiveHttp } from './liveHttp';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface RoleRegistration {
  /** The admin's own app registration (a public client). */
  clientId: string;
  /** The plan's tenant ID when known; otherwise 'organizations'. */
  tenant: string;
}

export interface DeviceCodeInfo {
  role: TenantRole;
  userCode: string;
  verificationUri: string;
  message: string;
}

export interface MsalTokenSourceOptions {
  /** e.g. https://login.microsoftonline.com (the simulated cloud's /login in tests). */
  authorityBase: string;
  graphBaseUrl: string;
  registration(role: TenantRole): RoleRegistration | undefined;
  secrets: SecretStore;
  http: LiveHttp;
  /** 'interactive': the system browser, with device code when it cannot open; 'deviceCode': always device code. */
  interaction: 'interactive' | 'deviceCode';
  openBrowser?: (url: string) => Promise<void>;
  onDeviceCode?: (info: DeviceCodeInfo) => void;
  /** Throws when the token's tenant does not belong to the role (core/live/tenantBinding.ts). */
  checkTenant(role: TenantRole, tenantId: string | undefined): void;
  /** msal's own log lines, without personal data. */
  log?: (level: 'error' | 'warning' | 'info', message: string) => void;
}

export const cacheKey = (role: TenantRole) => `onedriveMigration.msal.${role}`;

/** The token cache of one role in secret storage. */
function secretCachePlugin(secrets: SecretStore, key: string): ICachePlugin {
  return {
    beforeCacheAccess: async (context) => {
      const data = await secrets.get(key);
      if (data) context.tokenCache.deserialize(data);
    },
    afterCacheAccess: async (context) => {
      if (context.cacheHasChanged) await secrets.store(key, context.tokenCache.serialize());
    },
  };
}

export class MsalTokenSource implements TokenSource {
  private readonly apps = new Map<TenantRole, { app: PublicClientApplication; registration: string }>();
  /** Interactive or device-code sign-ins so far (tests check that the cache spares them). */
  interactions = 0;

  constructor(private readonly options: MsalTokenSourceOptions) {}

  private app(role: TenantRole): PublicClientApplication {
    const registration = this.options.registration(role);
    if (!registration)
      throw new Error(
        `No client ID is set for the ${role} tenant: set onedriveMigration.live.${role}ClientId (see "Create the App Registration").`,
      );
    const key = `${registration.clientId}|${registration.tenant}`;
    const known = this.apps.get(role);
    if (known?.registration === key) return known.app;
    const authority = `${this.options.authorityBase.replace(/\/+$/, '')}/${registration.tenant}`;
    const app = new PublicClientApplication({
      auth: { clientId: registration.clientId, authority, knownAuthorities: [new URL(authority).host] },
      cache: { cachePlugin: secretCachePlugin(this.options.secrets, cacheKey(role)) },
      system: {
        networkClient: this.options.http.networkModule(),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (containsPii) return;
            this.options.log?.(level === LogLevel.Error ? 'error' : level === LogLevel.Warning ? 'warning' : 'info', message);
          },
        },
      },
    });
    this.apps.set(role, { app, registration: key });
    return app;
  }

  async token(role: TenantRole, audience: Audience, options: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const app = this.app(role);
    const scopes = [scopeFor(audience, this.options.graphBaseUrl)];
    const [account] = await app.getTokenCache().getAllAccounts();
    let result: AuthenticationResult | null = null;
    if (account) {
      try {
        result = await app.acquireTokenSilent({ account, scopes, forceRefresh: options.forceRefresh === true });
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
      }
    }
    if (!result) result = await this.signIn(role, app, scopes, options.signal);
    if (!result?.accessToken) throw new Error(`The ${role} sign-in returned no token.`);
    const claims = tokenClaims(result.accessToken);
    const tenantId = (result.tenantId || claims?.tid || '').toLowerCase() || undefined;
    this.options.checkTenant(role, claims?.tid ?? tenantId);
    return {
      role,
      audience,
      value: result.accessToken,
      tenantId: claims?.tid ?? tenantId ?? '',
      ...(result.account?.username ? { username: result.account.username } : {}),
      // msal-node always dates an access token; without a date it counts as expired (asked for again).
      expiresOn: result.expiresOn?.toISOString() ?? '',
    };
  }

  private async signIn(
    role: TenantRole,
    app: PublicClientApplication,
    scopes: string[],
    signal?: AbortSignal,
  ): Promise<AuthenticationResult | null> {
    this.interactions++;
    if (this.options.interaction === 'interactive' && this.options.openBrowser) {
      return app.acquireTokenInteractive({
        scopes,
        openBrowser: this.options.openBrowser,
        successTemplate: SUCCESS_PAGE,
        errorTemplate: ERROR_PAGE,
      });
    }
    // msal-node polls while request.cancel stays false (it keeps this very object).
    const request: DeviceCodeRequest = {
      scopes,
      deviceCodeCallback: (r) =>
        this.options.onDeviceCode?.({ role, userCode: r.userCode, verificationUri: r.verificationUri, message: r.message }),
      cancel: false,
    };
    signal?.addEventListener('abort', () => (request.cancel = true), { once: true });
    return app.acquireTokenByDeviceCode(request);
  }

  /** Forgets the role's accounts and removes its cache from secret storage. */
  async signOut(role: TenantRole): Promise<void> {
    const known = this.apps.get(role);
    if (known)
      for (const account of await known.app.getTokenCache().getAllAccounts()) await known.app.getTokenCache().removeAccount(account);
    this.apps.delete(role);
    await this.options.secrets.delete(cacheKey(role));
  }

  /** The account signed in for a role, from the cache (no network). */
  async account(role: TenantRole): Promise<{ username: string; tenantId: string } | undefined> {
    if (!this.options.registration(role)) return undefined;
    const [account] = await this.app(role).getTokenCache().getAllAccounts();
    return account ? { username: account.username, tenantId: account.tenantId } : undefined;
  }
}

const SUCCESS_PAGE = '<!DOCTYPE html><title>Signed in</title><p>Signed in. You can close this tab and go back to VS Code.</p>';
const ERROR_PAGE = '<!DOCTYPE html><title>Sign-in failed</title><p>The sign-in failed. Go back to VS Code to see why.</p>';
