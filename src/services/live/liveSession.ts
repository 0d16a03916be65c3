/**
 * Live mode for one workspace: the msal-node token source and the HTTP client put together from the
 * settings (authority, Graph's base URL, the admins' client IDs, an extra certificate to trust), and
 * what live mode offers the extension and the CLI: sign in and out per role, the accounts signed in,
 * the organisation and the directory of a role. This module and what it imports (msal-node, axios)
 * are their own bundle (dist/live.js), loaded the first time live mode is used.
 */
import { checkTenantBinding } from '../../core/live/tenantBinding';
import type { AccessToken, Audience, TenantRole } from '../../core/live/liveTypes';
import type { Plan } from '../../core/plan/planSchema';
import { DeltaUsers, GraphDirectory, licensedUsers, skuIdsOf, type GraphAccess } from './graphDirectory';
import { licenceCheck, type LicenceCheck } from '../../core/live/licenceCheck';
import { organization, rootSites, type OrganizationInfo } from './graphTenant';
import { planFacts, type PlanFacts } from '../../core/live/planFacts';
import { MsalTokenSource, type DeviceCodeInfo, type SecretStore } from './msalTokenSource';
import { reusableToken } from './reusableToken';
import { listSites, type SharePointAccess } from './sharePointSites';
import { liveResultFile, type LiveResultFile } from '../../core/live/liveResults';
import { targetDirectoryCheck } from '../../core/live/targetDirectoryCheck';
import type { IdentityMapRow } from '../../core/identity/identityMapRows';
import { batchUserSource, batchUserTarget, oneDriveHostOf } from '../../core/plan/planQueries';
import type { Batch } from '../../core/plan/planSchema';
import type { ResultData } from '../../core/results/resultSchema';
import { cancelMoveTask, createMoveTasks, readMoveTasks, uploadMappings, type TaskRequest } from './graphMoves';
import { LiveHttp, LiveHttpError } from './liveHttp';
import { personalSiteUrl } from '../../core/tenancy/oneDriveUrls';

export interface LiveSettings {
  /** https://login.microsoftonline.com, or the simulated cloud's /login. */
  authorityBase: string;
  /** https://graph.microsoft.com, or the simulated cloud's /graph. */
  graphBaseUrl: string;
  clientIds: Partial<Record<TenantRole, string>>;
  /** A PEM certificate to trust besides the system's (a TLS-inspecting proxy, the simulated cloud). */
  extraCertificate?: string;
  /** Empty: SharePoint hosts are called as themselves; else as {sharePointBaseUrl}/{host} (the simulated cloud). */
  sharePointBaseUrl?: string;
  interaction: 'interactive' | 'deviceCode';
}

export interface LiveSessionHooks {
  /** The plan as it is now (tenant IDs are checked against it). */
  plan(): Plan | undefined;
  secrets: SecretStore;
  openBrowser?: (url: string) => Promise<void>;
  onDeviceCode?: (info: DeviceCodeInfo) => void;
  log?: (level: 'error' | 'warning' | 'info', message: string) => void;
}

export class LiveSession {
  readonly http: LiveHttp;
  readonly tokens: MsalTokenSource;
  private readonly reusable = new Map<string, (refresh?: boolean) => Promise<string>>();
  /** Each role's users as the last sync left them, with the delta link for the next (memory only). */
  private readonly deltas = new Map<TenantRole, DeltaUsers>();

  constructor(
    readonly settings: LiveSettings,
    hooks: LiveSessionHooks,
  ) {
    this.http = new LiveHttp({ ...(settings.extraCertificate ? { ca: settings.extraCertificate } : {}) });
    this.tokens = new MsalTokenSource({
      authorityBase: settings.authorityBase,
      graphBaseUrl: settings.graphBaseUrl,
      registration: (role) => {
        const clientId = settings.clientIds[role];
        return clientId ? { clientId, tenant: hooks.plan()?.[role].tenantId ?? 'organizations' } : undefined;
      },
      secrets: hooks.secrets,
      http: this.http,
      interaction: settings.interaction,
      ...(hooks.openBrowser ? { openBrowser: hooks.openBrowser } : {}),
      ...(hooks.onDeviceCode ? { onDeviceCode: hooks.onDeviceCode } : {}),
      ...(hooks.log ? { log: hooks.log } : {}),
      checkTenant: (role, tid) => {
        const plan = hooks.plan();
        if (!plan) return;
        const binding = checkTenantBinding(plan, role, tid);
        if (!binding.ok) throw new Error(binding.message);
      },
    });
  }

  /** Signs in (from the cache when it can) and returns the Graph token's account and tenant. */
  async signIn(role: TenantRole, signal?: AbortSignal): Promise<AccessToken> {
    return this.tokens.token(role, { kind: 'graph' }, signal ? { signal } : {});
  }

  async signOut(role: TenantRole): Promise<void> {
    this.deltas.delete(role);
    for (const key of [...this.reusable.keys()]) if (key.startsWith(`${role}|`)) this.reusable.delete(key);
    await this.tokens.signOut(role);
  }

  /** The audiences this session has asked tokens for, per role ("Microsoft Graph", admin hosts). */
  audiences(role: TenantRole): string[] {
    return [...this.reusable.keys()]
      .filter((k) => k.startsWith(`${role}|`))
      .map((k) => (k.endsWith('|graph') ? 'Microsoft Graph' : new URL(k.split('|')[1]!).host));
  }

  account(role: TenantRole): Promise<{ username: string; tenantId: string } | undefined> {
    return this.tokens.account(role);
  }

  /** What the Graph clients need for a role: a token reused until near its expiry. */
  access(role: TenantRole, audience: Audience = { kind: 'graph' }, extra: Partial<GraphAccess> = {}): GraphAccess {
    const key = `${role}|${audience.kind === 'graph' ? 'graph' : audience.adminUrl}`;
    let token = this.reusable.get(key);
    if (!token) this.reusable.set(key, (token = reusableToken((forceRefresh) => this.tokens.token(role, audience, { forceRefresh }))));
    return { http: this.http, graphBaseUrl: this.settings.graphBaseUrl, token, ...extra };
  }

  organization(role: TenantRole, signal?: AbortSignal): Promise<OrganizationInfo> {
    return organization(this.access(role, { kind: 'graph' }, signal ? { signal } : {}));
  }

  /** The role's tenant as Graph describes it, as an edit of the plan (core/live/planFacts.ts). */
  async planFacts(role: TenantRole, plan: Plan, signal?: AbortSignal): Promise<PlanFacts> {
    const access = this.access(role, { kind: 'graph' }, signal ? { signal } : {});
    const [org, roots] = await Promise.all([organization(access), rootSites(access)]);
    return planFacts(plan, role, { tenantId: org.tenantId, ...(org.displayName ? { displayName: org.displayName } : {}) }, roots);
  }

  /** What a geography's SharePoint admin host needs: a token for that host, and where its requests go. */
  sharePoint(role: TenantRole, adminUrl: string, signal?: AbortSignal): SharePointAccess {
    const graph = this.access(role, { kind: 'sharepointAdmin', adminUrl });
    const base = this.settings.sharePointBaseUrl?.replace(/\/+$/, '');
    return {
      http: this.http,
      token: graph.token,
      url: (admin, path) => (base ? `${base}/${new URL(admin).host}${path}` : `${admin.replace(/\/+$/, '')}${path}`),
      ...(signal ? { signal } : {}),
    };
  }

  /** The redirect sites of a geography (OneDrives included), as a redirectSites result file. */
  async redirectSitesResult(plan: Plan, role: TenantRole, geography: string, now: Date, signal?: AbortSignal): Promise<LiveResultFile> {
    const geo = plan[role].geographies.find((g) => g.code === geography);
    if (!geo) throw new Error(`The plan has no ${role} geography ${geography}.`);
    const sites = await listSites(this.sharePoint(role, geo.adminUrl, signal), geo.adminUrl, {
      template: 'RedirectSite#0',
      includePersonalSites: true,
    });
    return liveResultFile(
      plan,
      role,
      geography,
      'redirectSites',
      {
        includesPersonalSites: true,
        sites: sites.map((s) => ({ url: s.url, template: s.template, lastModified: s.lastModified ?? null })),
      },
      now,
    );
  }

  /**
   * Which mapped target users already have a OneDrive in a target geography (a move to them would fail),
   * from the admin host's personal sites: never by asking for a user's drive, which would create it.
   */
  async targetOneDriveCheckResult(
    plan: Plan,
    geography: string,
    targetUsers: readonly string[],
    now: Date,
    signal?: AbortSignal,
  ): Promise<LiveResultFile> {
    const geo = plan.target.geographies.find((g) => g.code === geography);
    if (!geo) throw new Error(`The plan has no target geography ${geography}.`);
    const sites = await listSites(this.sharePoint('target', geo.adminUrl, signal), geo.adminUrl, {
      template: 'SPSPERS',
      includePersonalSites: true,
    });
    const existing = new Set(sites.map((s) => s.url.toLowerCase().replace(/\/+$/, '')));
    const host = oneDriveHostOf(geo);
    const conflicts = targetUsers.map((t) => ({ target: t, url: personalSiteUrl(host, t) })).filter((c) => existing.has(c.url));
    return liveResultFile(plan, 'target', geography, 'targetOneDriveCheck', { checkedUsers: targetUsers.length, conflicts }, now);
  }

  /** Which users and groups the map names in the target are missing there: a precreation result, as step 4's report. */
  async targetDirectoryResult(plan: Plan, rows: readonly IdentityMapRow[], now: Date, signal?: AbortSignal): Promise<LiveResultFile> {
    const directory = this.directory('target', signal ? { signal } : {});
    const [users, groups] = await Promise.all([directory.users(), directory.groups()]);
    const central = plan.target.geographies.find((g) => g.default) ?? plan.target.geographies[0]!;
    return liveResultFile(plan, 'target', central.code, 'precreation', targetDirectoryCheck(rows, users, groups), now);
  }

  /**
   * Graph (beta) backend, step 5: the whole map uploaded as mappings; one identityMapUpload result per
   * target geography (the mappings are the tenant's), with the file's SHA-256 as the scripts record it.
   */
  async uploadIdentityMapResults(
    plan: Plan,
    rows: readonly IdentityMapRow[],
    mapFile: { path: string; sha256: string },
    now: () => Date,
    signal?: AbortSignal,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<LiveResultFile[]> {
    await uploadMappings(this.access('target', { kind: 'graph' }, signal ? { signal } : {}), rows, onProgress);
    return plan.target.geographies.map((g) =>
      liveResultFile(
        plan,
        'target',
        g.code,
        'identityMapUpload',
        { path: mapFile.path, sha256: mapFile.sha256, rows: rows.length, snapshot: null, spotChecks: [] },
        now(),
      ),
    );
  }

  /** Graph (beta) backend, step 6: a batch's move tasks, as its queue script's queuedMoves result. */
  async queueBatchResult(
    plan: Plan,
    batch: Batch,
    targetOf: (source: string) => string | undefined,
    validateOnly: boolean,
    now: () => Date,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<LiveResultFile> {
    const targetGeo = plan.target.geographies.find((g) => g.code === batch.targetGeography);
    if (!targetGeo) throw new Error(`The plan has no target geography ${batch.targetGeography}.`);
    const host = oneDriveHostOf(targetGeo);
    const multiGeo = plan.target.geographies.length > 1;
    const requests: TaskRequest[] = [];
    const unmapped: string[] = [];
    for (const u of batch.users) {
      const source = batchUserSource(u);
      const target = batchUserTarget(u) ?? targetOf(source);
      if (!target) unmapped.push(source);
      else
        requests.push({
          source,
          target,
          targetHostUrl: host,
          ...(multiGeo && !targetGeo.default ? { targetDataLocationCode: targetGeo.code } : {}),
          ...(batch.preferredBeginUtc ? { preferredStart: batch.preferredBeginUtc } : {}),
        });
    }
    if (unmapped.length)
      throw new Error(
        `Batch '${batch.name}': no target UPN for ${unmapped.slice(0, 5).join(', ')}${unmapped.length > 5 ? ` and ${unmapped.length - 5} more` : ''}. Add them to the identity map.`,
      );
    const entries = await createMoveTasks(
      this.access('source', { kind: 'graph' }, signal ? { signal } : {}),
      requests,
      validateOnly,
      now,
      onProgress,
    );
    return liveResultFile(
      plan,
      'source',
      batch.sourceGeography,
      'queuedMoves',
      {
        batch: batch.name,
        partnerGeography: batch.targetGeography,
        partnerHostUrl: host,
        validationOnly: validateOnly,
        refused: null,
        pendingBefore: null,
        entries,
      },
      now(),
    );
  }

  /** Graph (beta) backend: the tasks of a source geography's batch users, as the export script's moveState result. */
  async moveStatesResult(
    plan: Plan,
    geography: string,
    now: () => Date,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<LiveResultFile> {
    const users = (plan.batches ?? []).filter((b) => b.sourceGeography === geography).flatMap((b) => b.users.map(batchUserSource));
    const entries = await readMoveTasks(this.access('source', { kind: 'graph' }, signal ? { signal } : {}), users, onProgress);
    return liveResultFile(plan, 'source', geography, 'moveState', { entries }, now());
  }

  /** Graph (beta) backend: cancels tasks that have not started, as the stop script's moveStop result. */
  async cancelMovesResult(
    plan: Plan,
    geography: string,
    users: readonly string[],
    now: () => Date,
    signal?: AbortSignal,
  ): Promise<LiveResultFile> {
    const access = this.access('source', { kind: 'graph' }, signal ? { signal } : {});
    const entries: ResultData<'moveStop'>['entries'] = [];
    for (const upn of users) {
      try {
        await cancelMoveTask(access, upn);
        entries.push({ source: upn, at: now().toISOString(), ok: true, stateBefore: null, error: null });
      } catch (error) {
        if (!(error instanceof LiveHttpError)) throw error;
        entries.push({ source: upn, at: now().toISOString(), ok: false, stateBefore: null, error: error.message });
      }
    }
    return liveResultFile(plan, 'source', geography, 'moveStop', { entries }, now());
  }

  /** Which batch users' moves have the migration add-on on neither side (both tenants read). */
  async licenceCheck(
    plan: Plan,
    targetOf: (source: string) => string | undefined,
    skuPartNumber: string,
    signal?: AbortSignal,
  ): Promise<LicenceCheck> {
    const source = this.access('source', { kind: 'graph' }, signal ? { signal } : {});
    const target = this.access('target', { kind: 'graph' }, signal ? { signal } : {});
    const [sourceSkus, targetSkus, sourceUsers, targetUsers] = await Promise.all([
      skuIdsOf(source, skuPartNumber),
      skuIdsOf(target, skuPartNumber),
      licensedUsers(source),
      licensedUsers(target),
    ]);
    const moves = (plan.batches ?? []).flatMap((b) =>
      b.users.map((u) => {
        const s = batchUserSource(u);
        const t = batchUserTarget(u) ?? targetOf(s);
        return t ? { source: s, target: t } : { source: s };
      }),
    );
    return licenceCheck(moves, sourceUsers, targetUsers, [...new Set([...sourceSkus, ...targetSkus])]);
  }

  /** The role's directory; its users are kept between syncs by delta query (a second sync reads only changes). */
  directory(role: TenantRole, extra: Partial<GraphAccess> = {}): GraphDirectory {
    let delta = this.deltas.get(role);
    if (!delta) this.deltas.set(role, (delta = new DeltaUsers()));
    return new GraphDirectory(this.access(role, { kind: 'graph' }, extra), delta);
  }
}

export function createLiveSession(settings: LiveSettings, hooks: LiveSessionHooks): LiveSession {
  return new LiveSession(settings, hooks);
}
