/**
 * The simulated cloud's SharePoint admin face: the tenant's site list as live mode reads it,
 * `POST {admin host}/_api/SPO.Tenant/GetSitePropertiesFromSharePointByFilters` with a JSON filter
 * (template, personal sites, start index), paged with `NextStartIndexFromSharePoint`. The JSON
 * contract is not documented by Microsoft (UNCONFIRMED: CLI for Microsoft 365 sends the same filter
 * as CSOM; Microsoft's own extensions call the JSON endpoint): live mode keeps it behind one client.
 * Requests need a token the identity face issued for that admin host, in that host's tenant.
 */
import type { SimulatedCloud } from './cloudModel';
import type { FaceRequest, FaceResponse, IdentityFace } from './identityFace';

const PAGE = 500;
const PERSONAL = 'SPSPERS';

const spError = (status: number, code: string, message: string): FaceResponse => ({
  status,
  body: { 'odata.error': { code, message: { lang: 'en-US', value: message } } },
});

export class SharePointAdminFace {
  requests = 0;

  constructor(
    private readonly cloud: SimulatedCloud,
    private readonly identity: IdentityFace,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `path`: /<admin host>/_api/...; `json`: the request body. */
  handle(req: FaceRequest & { authorization?: string; json?: unknown }): FaceResponse {
    this.requests++;
    const [host = '', ...rest] = req.path.split('/').filter(Boolean);
    const adminUrl = `https://${host}`;
    const at = this.cloud.locateAdminUrl(adminUrl);
    if (!at) return spError(404, 'Microsoft.SharePoint.Client.ResourceNotFoundException', `No admin site at ${adminUrl}.`);
    const token = /^Bearer (.+)$/i.exec(req.authorization ?? '')?.[1];
    const issued = token ? this.identity.issued.get(token) : undefined;
    if (!issued || issued.audience.toLowerCase() !== adminUrl.toLowerCase() || issued.expiresAt <= this.clock())
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm=""' },
        body: { error_description: 'Invalid audience or expired token.' },
      };
    if (issued.side !== at.side)
      return spError(403, 'System.UnauthorizedAccessException', 'Access denied: the account is not an admin of this tenant.');
    if (req.method !== 'POST' || rest.join('/') !== '_api/SPO.Tenant/GetSitePropertiesFromSharePointByFilters')
      return spError(404, 'Microsoft.SharePoint.Client.InvalidClientQueryException', `Unknown request ${req.method} /${rest.join('/')}.`);
    const filter = ((req.json as { speFilter?: Record<string, unknown> } | undefined)?.speFilter ?? {}) as Record<string, unknown>;
    const template = typeof filter.Template === 'string' ? filter.Template : '';
    const personal = filter.IncludePersonalSite === 1 || filter.IncludePersonalSite === true;
    const start = typeof filter.StartIndex === 'string' && /^\d+$/.test(filter.StartIndex) ? Number(filter.StartIndex) : 0;
    const sites = this.cloud
      .sites(at)
      .filter((s) => (template ? s.template.toUpperCase().startsWith(template.toUpperCase()) : true))
      .filter((s) => personal || !s.template.toUpperCase().startsWith(PERSONAL));
    const page = sites.slice(start, start + PAGE);
    return {
      status: 200,
      body: {
        value: page.map((s) => ({ Url: s.url, Template: s.template, Owner: s.owner, LastContentModifiedDate: s.lastContentModifiedDate })),
        NextStartIndexFromSharePoint: start + PAGE < sites.length ? String(start + PAGE) : null,
      },
    };
  }
}
