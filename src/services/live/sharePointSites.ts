/**
 * A geography's sites through its SharePoint admin host: the redirect sites (template RedirectSite#0)
 * and the personal sites (SPSPERS: the OneDrives that already exist), paged by start index. The
 * JSON endpoint's contract is not documented by Microsoft (UNCONFIRMED; see the simulated cloud's
 * sharePointAdminFace.ts): it stays behind this one function.
 */
import { str } from './graphDirectory';
import { LiveHttpError, type LiveHttp } from './liveHttp';

export interface SharePointAccess {
  http: LiveHttp;
  /** Where requests to this admin host go (the host itself; the simulated cloud's /sharepoint/<host> in tests). */
  url(adminUrl: string, path: string): string;
  /** A token for the admin host. */
  token(refresh?: boolean): Promise<string>;
  signal?: AbortSignal;
}

export interface SiteInfo {
  url: string;
  template: string;
  owner?: string;
  lastModified?: string;
}

/** Pages at most (500 sites a page): a server that never ends cannot hang the listing. */
const MAX_PAGES = 2000;

export async function listSites(
  access: SharePointAccess,
  adminUrl: string,
  filter: { template: string; includePersonalSites: boolean },
): Promise<SiteInfo[]> {
  const url = access.url(adminUrl, '/_api/SPO.Tenant/GetSitePropertiesFromSharePointByFilters');
  const out: SiteInfo[] = [];
  let start: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const body = {
      speFilter: {
        IncludePersonalSite: filter.includePersonalSites ? 1 : 0,
        StartIndex: start,
        IncludeDetail: false,
        Template: filter.template,
        Filter: '',
      },
    };
    let page: { value?: unknown; NextStartIndexFromSharePoint?: unknown };
    try {
      page = await access.http.postJson(url, await access.token(), body, access.signal);
    } catch (error) {
      if (!(error instanceof LiveHttpError) || error.status !== 401) throw error;
      page = await access.http.postJson(url, await access.token(true), body, access.signal);
    }
    if (!Array.isArray(page.value))
      throw new LiveHttpError(`${new URL(adminUrl).host} answered a site list without a "value" list.`, 200, 'malformedResponse');
    for (const raw of page.value as Array<Record<string, unknown>>) {
      const siteUrl = str(raw?.Url);
      if (!siteUrl) continue;
      out.push({
        url: siteUrl,
        template: str(raw.Template) ?? '',
        ...(str(raw.Owner) ? { owner: str(raw.Owner)! } : {}),
        ...(str(raw.LastContentModifiedDate) ? { lastModified: str(raw.LastContentModifiedDate)! } : {}),
      });
    }
    const next = page.NextStartIndexFromSharePoint;
    if (typeof next !== 'string' || !next) return out;
    start = next;
  }
  return out;
}
