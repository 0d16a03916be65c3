/**
 * A tenant's directory through Microsoft Graph, behind the core's DirectorySource, so matching reads
 * the signed-in tenants the way it reads CSV exports: users and groups with the properties the
 * cascade uses (employeeId, onPremisesImmutableId, proxyAddresses are returned only on $select),
 * 999 a page, following @odata.nextLink until it is absent. Each object arrives once (by id) even
 * when a page had to be fetched again. A failure after some pages says how many had arrived.
 */
import type { DirectoryGroup, DirectorySource, DirectoryUser } from '../../core/identity/directory';
import { AbortedError, LiveHttpError, type LiveHttp } from './liveHttp';

export const USER_SELECT = 'id,userPrincipalName,mail,displayName,userType,employeeId,onPremisesImmutableId,proxyAddresses';
export const GROUP_SELECT = 'id,displayName,mail,mailNickname,groupTypes,securityEnabled,mailEnabled';
const PAGE = 999;
/** Pages followed at most (999 × 1,000 = 999,000 objects): a server that never ends its nextLinks cannot hang us. */
const MAX_PAGES = 1000;

export interface GraphAccess {
  http: LiveHttp;
  /** Graph's base URL, e.g. https://graph.microsoft.com. */
  graphBaseUrl: string;
  /** A valid token for Graph; `refresh` asks for a new one (after a 401). */
  token(refresh?: boolean): Promise<string>;
  signal?: AbortSignal;
  onProgress?: (what: 'users' | 'groups', count: number) => void;
}

export class PartialSyncError extends Error {
  constructor(
    message: string,
    readonly arrived: number,
    readonly cause: unknown,
  ) {
    super(message);
    this.name = 'PartialSyncError';
  }
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** Every item of a paged collection; the next link must stay on Graph's host. */
export async function* pages<T>(access: GraphAccess, first: string): AsyncGenerator<T[]> {
  const origin = new URL(access.graphBaseUrl).origin;
  let url: string | undefined = first;
  for (let n = 0; url && n < MAX_PAGES; n++) {
    let page: Page<T>;
    try {
      page = await access.http.getJson<Page<T>>(url, await access.token(), access.signal);
    } catch (error) {
      if (!(error instanceof LiveHttpError) || error.status !== 401) throw error;
      page = await access.http.getJson<Page<T>>(url, await access.token(true), access.signal); // expired: once with a new token
    }
    if (!Array.isArray(page.value))
      throw new LiveHttpError(`${new URL(url).host} answered a page without a "value" list.`, 200, 'malformedResponse');
    yield page.value;
    const next = page['@odata.nextLink'];
    if (next !== undefined && (typeof next !== 'string' || new URL(next).origin !== origin))
      throw new LiveHttpError(`A next link leads away from ${origin}; the sync stopped there.`, 200, 'foreignNextLink');
    url = next;
  }
}

/** A string from another organisation's service, kept only when it is one and of a sane length. */
export const str = (v: unknown) => (typeof v === 'string' && v.length <= 1024 ? v : undefined);
const strList = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 1024).slice(0, 100) : undefined;

function toUser(u: Record<string, unknown>): DirectoryUser | undefined {
  const upn = str(u.userPrincipalName);
  if (!upn) return undefined;
  // Only the fields that have a value (200,000 users: no empty keys, no intermediate objects).
  const user: DirectoryUser = { userPrincipalName: upn };
  const id = str(u.id);
  if (id) user.id = id;
  const mail = str(u.mail);
  if (mail) user.mail = mail;
  const displayName = str(u.displayName);
  if (displayName) user.displayName = displayName;
  const userType = str(u.userType);
  if (userType) user.userType = userType;
  const employeeId = str(u.employeeId);
  if (employeeId) user.employeeId = employeeId;
  const immutableId = str(u.onPremisesImmutableId);
  if (immutableId) user.onPremisesImmutableId = immutableId;
  const proxies = strList(u.proxyAddresses);
  if (proxies?.length) user.proxyAddresses = proxies;
  return user;
}

function toGroup(g: Record<string, unknown>): DirectoryGroup | undefined {
  const id = str(g.id);
  if (!id) return undefined;
  const group: DirectoryGroup = { id };
  if (str(g.displayName)) group.displayName = str(g.displayName)!;
  if (str(g.mailNickname)) group.mailNickname = str(g.mailNickname)!;
  const types = strList(g.groupTypes);
  if (types) group.groupTypes = types;
  if (typeof g.securityEnabled === 'boolean') group.securityEnabled = g.securityEnabled;
  return group;
}

async function collect<T extends { id?: string }>(
  access: GraphAccess,
  what: 'users' | 'groups',
  first: string,
  convert: (raw: Record<string, unknown>) => T | undefined,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  try {
    for await (const page of pages<Record<string, unknown>>(access, first)) {
      for (const raw of page) {
        const item = typeof raw === 'object' && raw !== null ? convert(raw) : undefined;
        const key = item?.id ?? (item as DirectoryUser | undefined)?.userPrincipalName;
        if (!item || !key || seen.has(key)) continue;
        seen.add(key);
        out.push(item);
      }
      access.onProgress?.(what, out.length);
    }
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    throw new PartialSyncError(
      `Reading the ${what} stopped after ${out.length.toLocaleString('en-US')}: ${(error as Error).message}`,
      out.length,
      error,
    );
  }
  return out;
}

/** Every user's UPN and assigned licence SKUs (for the migration add-on's check). */
export async function licensedUsers(access: GraphAccess): Promise<Array<{ userPrincipalName: string; skuIds: string[] }>> {
  const out: Array<{ userPrincipalName: string; skuIds: string[] }> = [];
  for await (const page of pages<Record<string, unknown>>(
    access,
    `${access.graphBaseUrl}/v1.0/users?$select=userPrincipalName,assignedLicenses&$top=${PAGE}`,
  )) {
    for (const u of page) {
      const upn = str(u.userPrincipalName);
      if (!upn) continue;
      const licences = Array.isArray(u.assignedLicenses) ? (u.assignedLicenses as Array<Record<string, unknown>>) : [];
      out.push({ userPrincipalName: upn, skuIds: licences.map((l) => str(l.skuId)).filter((x): x is string => Boolean(x)) });
    }
  }
  return out;
}

/** The SKU IDs of a part number in the tenant's subscriptions (GET /subscribedSkus). */
export async function skuIdsOf(access: GraphAccess, partNumber: string): Promise<string[]> {
  const doc = await access.http.getJson<{ value?: Array<Record<string, unknown>> }>(
    `${access.graphBaseUrl}/v1.0/subscribedSkus`,
    await access.token(),
    access.signal,
  );
  return (doc.value ?? [])
    .filter((s) => str(s.skuPartNumber)?.toLowerCase() === partNumber.toLowerCase())
    .map((s) => str(s.skuId))
    .filter((x): x is string => Boolean(x));
}

/**
 * A tenant's users kept in step with Graph's delta query: the first sync reads them all and keeps the
 * delta link; each next one reads only what changed since (added, changed, `@removed`).
 */
export class DeltaUsers {
  private link: string | undefined;
  private readonly byId = new Map<string, DirectoryUser>();
  /** Pages read by the last sync (a second sync of an unchanged directory reads one). */
  lastPages = 0;

  async sync(access: GraphAccess): Promise<DirectoryUser[]> {
    const origin = new URL(access.graphBaseUrl).origin;
    let url: string | undefined = this.link ?? `${access.graphBaseUrl}/v1.0/users/delta?$select=${USER_SELECT}`;
    let next: string | undefined;
    this.lastPages = 0;
    for (let n = 0; url && n < MAX_PAGES; n++) {
      const page: Page<Record<string, unknown>> & { '@odata.deltaLink'?: string } = await access.http.getJson(
        url,
        await access.token(),
        access.signal,
      );
      this.lastPages++;
      if (!Array.isArray(page.value))
        throw new LiveHttpError(`${new URL(url).host} answered a delta page without a "value" list.`, 200, 'malformedResponse');
      for (const raw of page.value) {
        const id = str(raw?.id);
        if (!id) continue;
        if (raw['@removed']) this.byId.delete(id);
        else {
          const user = toUser(raw);
          if (user) this.byId.set(id, user);
        }
      }
      next = page['@odata.nextLink'];
      const delta = page['@odata.deltaLink'];
      for (const link of [next, delta])
        if (link !== undefined && (typeof link !== 'string' || new URL(link).origin !== origin))
          throw new LiveHttpError(`A link leads away from ${origin}; the sync stopped there.`, 200, 'foreignNextLink');
      if (delta) this.link = delta;
      access.onProgress?.('users', this.byId.size);
      url = next;
    }
    return [...this.byId.values()];
  }
}

export class GraphDirectory implements DirectorySource {
  constructor(
    private readonly access: GraphAccess,
    /** When given, users are read by delta query and kept there (a second sync reads only changes). */
    private readonly delta?: DeltaUsers,
  ) {}

  users(): Promise<DirectoryUser[]> {
    if (this.delta) return this.delta.sync(this.access);
    return collect(this.access, 'users', `${this.access.graphBaseUrl}/v1.0/users?$select=${USER_SELECT}&$top=${PAGE}`, toUser);
  }

  groups(): Promise<DirectoryGroup[]> {
    return collect(this.access, 'groups', `${this.access.graphBaseUrl}/v1.0/groups?$select=${GROUP_SELECT}&$top=${PAGE}`, toGroup);
  }
}
