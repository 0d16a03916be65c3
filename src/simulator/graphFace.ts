/**
 * The simulated cloud's Microsoft Graph face (v1.0): the organisation, and its users and groups
 * with the properties the matching cascade reads, paged the way Graph pages ($top up to 999, then
 * @odata.nextLink until it is absent). Every request needs a bearer token the identity face issued
 * for Graph; an expired one gets Graph's 401. Requests are answered as data (liveServer.ts serves them).
 */
import type { SimGroup, SimUser, SimulatedCloud, TenantSide } from './cloudModel';
import { DEFAULT_MIGRATION_SKU } from '../core/live/licenceCheck';
import type { FaceRequest, FaceResponse, IdentityFace } from './identityFace';
import { GraphMigrationsFace } from './graphMigrationsFace';

const MAX_PAGE = 999;
const DEFAULT_PAGE = 100;

const graphError = (status: number, code: string, message: string): FaceResponse => ({ status, body: { error: { code, message } } });

/** The migration add-on's SKU in the simulated tenants (the third-party identifiers, domain.md §1.1). */
export const SIMULATED_MIGRATION_SKU = { skuId: '946ce899-873d-44bb-9d8b-671870cbfdbf', skuPartNumber: DEFAULT_MIGRATION_SKU };

function userJson(u: SimUser): Record<string, unknown> {
  return {
    assignedLicenses: u.licensed ? [{ skuId: SIMULATED_MIGRATION_SKU.skuId, disabledPlans: [] }] : [],
    id: u.id,
    userPrincipalName: u.upn,
    displayName: u.displayName,
    mail: u.mail || null,
    userType: u.userType,
    employeeId: u.employeeId ?? null,
    onPremisesImmutableId: u.onPremisesImmutableId ?? null,
    proxyAddresses: u.proxyAddresses ?? [],
    preferredDataLocation: u.preferredDataLocation ?? null,
  };
}

function groupJson(g: SimGroup): Record<string, unknown> {
  return {
    id: g.id,
    displayName: g.displayName,
    mailNickname: g.mailNickname,
    groupTypes: g.kind === 'Unified' ? ['Unified'] : [],
    securityEnabled: g.kind === 'Security',
    mailEnabled: g.kind === 'Unified',
  };
}

export class GraphFace {
  /** Requests answered, for the tests and benchmarks. */
  requests = 0;
  /** Each tenant's users and groups as lists, made again when the directory changes (every change is an event). */
  private lists = new Map<TenantSide, { events: number; users: SimUser[]; groups: SimGroup[] }>();

  private readonly migrations: GraphMigrationsFace;

  constructor(
    private readonly cloud: SimulatedCloud,
    private readonly identity: IdentityFace,
    /** Absolute base URL of this face, e.g. https://127.0.0.1:4431/graph (the tokens' audience). */
    private readonly baseUrl: () => string,
    private readonly clock: () => number = Date.now,
  ) {
    this.migrations = new GraphMigrationsFace(cloud);
  }

  /** The side a request's bearer token was issued for, or the 401 to answer. */
  private authorize(authorization: string | undefined): TenantSide | FaceResponse {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const issued = token ? this.identity.issued.get(token) : undefined;
    if (!issued) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');
    if (issued.audience !== this.baseUrl()) return graphError(401, 'InvalidAuthenticationToken', 'Invalid audience.');
    if (issued.expiresAt <= this.clock())
      return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    return issued.side;
  }

  handle(req: FaceRequest & { authorization?: string; json?: unknown }): FaceResponse {
    this.requests++;
    const side = this.authorize(req.authorization);
    if (typeof side !== 'string') return side;
    const tenant = this.cloud.tenant(side);
    const path = req.path.replace(/\/+$/, '');
    if (req.method === 'POST' && (path === '/v1.0/$batch' || path === '/beta/$batch')) return this.batch(req, path.split('/')[1]!);
    const migration = this.migrations.handle(req.method, path, side, req.json);
    if (migration) return migration;
    switch (`${req.method} ${path}`) {
      case 'GET /v1.0/organization':
        return {
          status: 200,
          body: {
            '@odata.context': `${this.baseUrl()}/v1.0/$metadata#organization`,
            value: [
              {
                id: tenant.tenantId,
                displayName: tenant.name,
                verifiedDomains: [
                  {
                    name: `${tenant.name}.onmicrosoft.com`,
                    isDefault: false,
                    isInitial: true,
                    type: 'Managed',
                    capabilities: 'Email, OfficeCommunicationsOnline',
                  },
                  {
                    name: `${tenant.name}.com`,
                    isDefault: true,
                    isInitial: false,
                    type: 'Managed',
                    capabilities: 'Email, OfficeCommunicationsOnline',
                  },
                ],
              },
            ],
          },
        };
      case 'GET /v1.0/subscribedSkus':
        return {
          status: 200,
          body: {
            value: [
              {
                ...SIMULATED_MIGRATION_SKU,
                consumedUnits: Object.values(tenant.users).filter((u) => u.licensed).length,
                prepaidUnits: { enabled: 100000 },
              },
            ],
          },
        };
      case 'GET /v1.0/users':
        return this.page(req, 'users', this.listsOf(side).users, userJson);
      case 'GET /v1.0/users/delta': {
        // Everything the first time; then only the users changed after the point the delta token names.
        const token = req.query.get('$deltatoken');
        const since = token ? Number(Buffer.from(token, 'base64url').toString()) : -1;
        if (!Number.isInteger(since)) return graphError(400, 'BadRequest', 'The delta token is not valid.');
        const changed = this.listsOf(side).users.filter((u) => (u.changedAt ?? 0) > since);
        // Delta pages are as large as Graph's (Prefer: odata.maxpagesize=999; delta takes no $top).
        const page = this.page(req, 'users/delta', changed, userJson, MAX_PAGE);
        const body = page.body as Record<string, unknown>;
        if (page.status === 200 && !body['@odata.nextLink'])
          body['@odata.deltaLink'] =
            `${this.baseUrl()}/v1.0/users/delta?$deltatoken=${Buffer.from(String(this.cloud.state.events.length - 1)).toString('base64url')}`;
        return page;
      }
      case 'GET /v1.0/groups':
        return this.page(req, 'groups', this.listsOf(side).groups, groupJson);
      case 'GET /v1.0/sites': {
        // The root site of each geography (the only filter live mode asks for); dataLocationCode only on Multi-Geo tenants.
        if (req.query.get('$filter') !== 'siteCollection/root ne null')
          return graphError(400, 'invalidRequest', 'Only $filter=siteCollection/root ne null is supported by the simulated cloud.');
        const multiGeo = tenant.geographies.length > 1;
        const roots = tenant.geographies.map((g) => ({
          id: `${new URL(g.rootUrl).host},${g.code}`,
          webUrl: g.rootUrl,
          siteCollection: { hostname: new URL(g.rootUrl).host, root: {}, ...(multiGeo ? { dataLocationCode: g.code } : {}) },
        }));
        return { status: 200, body: { '@odata.context': `${this.baseUrl()}/v1.0/$metadata#sites`, value: roots } };
      }
      default:
        return graphError(404, 'Request_ResourceNotFound', `Resource not found for the segment '${req.path}'.`);
    }
  }

  /** JSON batching: up to 20 requests in one, each answered as if sent alone (its own 429 included). */
  private batch(req: FaceRequest & { authorization?: string; json?: unknown }, version: string): FaceResponse {
    const requests = (req.json as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > 20)
      return graphError(400, 'BadRequest', 'A batch has 1 to 20 requests.');
    const responses = requests.map((r: Record<string, unknown>) => {
      const url = new URL(`${this.baseUrl()}/${version}/${String(r.url ?? '').replace(/^\//, '')}`);
      const inner = this.handle({
        method: String(r.method ?? 'GET').toUpperCase(),
        path: url.pathname.slice(new URL(this.baseUrl()).pathname.length),
        query: url.searchParams,
        form: new URLSearchParams(),
        ...(req.authorization ? { authorization: req.authorization } : {}),
        ...(r.body !== undefined ? { json: r.body } : {}),
      });
      return { id: String(r.id ?? ''), status: inner.status, body: inner.body ?? null };
    });
    return { status: 200, body: { responses } };
  }

  private listsOf(side: TenantSide): { users: SimUser[]; groups: SimGroup[] } {
    const events = this.cloud.state.events.length;
    let lists = this.lists.get(side);
    if (lists?.events !== events) {
      const tenant = this.cloud.tenant(side);
      lists = { events, users: Object.values(tenant.users), groups: Object.values(tenant.groups) };
      this.lists.set(side, lists);
    }
    return lists;
  }

  private page<T>(
    req: FaceRequest,
    name: string,
    all: readonly T[],
    json: (item: T) => Record<string, unknown>,
    defaultTop = DEFAULT_PAGE,
  ): FaceResponse {
    const top = req.query.has('$top') ? Number(req.query.get('$top')) : defaultTop;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
      return graphError(
        400,
        'Request_UnsupportedQuery',
        `Invalid page size specified: '${req.query.get('$top') ?? ''}'. Must be between 1 and 999 inclusive.`,
      );
    const skip = req.query.has('$skiptoken') ? Number(Buffer.from(req.query.get('$skiptoken')!, 'base64url').toString()) : 0;
    if (!Number.isInteger(skip) || skip < 0) return graphError(400, 'Directory_InvalidSkipToken', 'The skip token is not valid.');
    const slice = all.slice(skip, skip + top);
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', Buffer.from(String(skip + top)).toString('base64url'));
    return {
      status: 200,
      body: {
        '@odata.context': `${this.baseUrl()}/v1.0/$metadata#${name}`,
        value: slice.map(json),
        ...(skip + top < all.length ? { '@odata.nextLink': `${this.baseUrl()}/v1.0/${name}?${next.toString()}` } : {}),
      },
    };
  }
}
