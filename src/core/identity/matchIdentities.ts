/**
 * Builds identity-map rows from a source and a target directory with an ordered, configurable
 * cascade: employeeId → onPremisesImmutableId → mail / proxy addresses → UPN local part (with a
 * domain map) → display name (a suggestion only). A rule with several candidates stops the
 * cascade and flags the user as ambiguous; two sources landing on one target are both flagged.
 * Nothing ambiguous is ever guessed. Every proposal carries the rule that matched.
 */
import type { DirectoryGroup, DirectoryUser } from './directory';

export type UserRule = 'employeeId' | 'immutableId' | 'mail' | 'upnLocalPart' | 'displayName';
export type GroupRule = 'mailNickname' | 'groupDisplayName';
export const DEFAULT_USER_CASCADE: readonly UserRule[] = ['employeeId', 'immutableId', 'mail', 'upnLocalPart', 'displayName'];
const GROUP_CASCADE: readonly GroupRule[] = ['mailNickname', 'groupDisplayName'];

export type ProposalStatus = 'matched' | 'suggested' | 'ambiguous' | 'conflict' | 'unmatched';

export interface UserProposal {
  kind: 'User';
  source: DirectoryUser;
  status: ProposalStatus;
  rule?: UserRule;
  target?: DirectoryUser;
  /** For ambiguous / conflict: who else could it be. */
  candidates?: DirectoryUser[];
  /** The six identity-map fields (matched and suggested only). */
  row?: string[];
}

export interface GroupProposal {
  kind: 'Group';
  source: DirectoryGroup;
  status: ProposalStatus;
  rule?: GroupRule;
  target?: DirectoryGroup;
  candidates?: DirectoryGroup[];
  row?: string[];
}

export type Proposal = UserProposal | GroupProposal;

export interface MatchOptions {
  sourceTenantId: string;
  cascade?: readonly UserRule[];
  /** Source domain → target domain, e.g. contoso.com → fabrikam.com (lower case). */
  domainMap?: Readonly<Record<string, string>>;
}

const lower = (s: string | undefined) => s?.trim().toLowerCase() || undefined;
/** An SMTP address from a mail or proxy value (Graph writes "SMTP:primary" and "smtp:alias"; other types are not mail). */
const smtp = (s: string | undefined) => {
  const v = lower(s);
  if (!v) return undefined;
  const m = /^([a-z0-9]+):(.*)$/.exec(v);
  return m ? (m[1] === 'smtp' ? m[2] : undefined) : v;
};
const displayKey = (s: string | undefined) =>
  lower(
    s
      ?.normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\s+/g, ' '),
  );
const isGuest = (u: DirectoryUser) => /guest/i.test(u.userType ?? '') || /#EXT#@/i.test(u.userPrincipalName);

class Index<T> {
  private readonly map = new Map<string, T | T[]>();
  add(key: string | undefined, item: T): void {
    if (!key) return;
    const found = this.map.get(key);
    if (found === undefined) this.map.set(key, item);
    else if (Array.isArray(found)) {
      if (found[found.length - 1] !== item) found.push(item);
    } else if (found !== item) this.map.set(key, [found, item]);
  }
  /** Candidates for the keys, deduplicated. Single-key lookups allocate nothing beyond the answer. */
  find(keys: readonly (string | undefined)[]): T[] {
    if (keys.length === 1) {
      const found = keys[0] ? this.map.get(keys[0]) : undefined;
      return found === undefined ? [] : Array.isArray(found) ? found : [found];
    }
    const out: T[] = [];
    for (const k of keys) {
      if (!k) continue;
      const found = this.map.get(k);
      if (found === undefined) continue;
      for (const item of Array.isArray(found) ? found : [found]) if (!out.includes(item)) out.push(item);
    }
    return out;
  }
}

function splitUpn(upn: string): [string, string] {
  const at = upn.lastIndexOf('@');
  return [upn.slice(0, at).toLowerCase(), upn.slice(at + 1).toLowerCase()];
}

export function matchUsers(sources: readonly DirectoryUser[], targets: readonly DirectoryUser[], options: MatchOptions): UserProposal[] {
  const cascade = options.cascade ?? DEFAULT_USER_CASCADE;
  const domainMap = options.domainMap ?? {};
  // Each index is built the first time a source reaches its rule: most directories never need
  // the display-name index (Unicode normalisation of every name is the slowest key to build).
  const built = new Map<UserRule | 'upn', Index<DirectoryUser>>();
  const index = (rule: UserRule | 'upn'): Index<DirectoryUser> => {
    let idx = built.get(rule);
    if (idx) return idx;
    idx = new Index<DirectoryUser>();
    for (const t of targets) {
      switch (rule) {
        case 'employeeId':
          idx.add(lower(t.employeeId), t);
          break;
        case 'immutableId':
          idx.add(t.onPremisesImmutableId?.trim(), t);
          break;
        case 'mail':
          idx.add(smtp(t.mail), t);
          for (const p of t.proxyAddresses ?? []) idx.add(smtp(p), t);
          break;
        case 'upnLocalPart':
          idx.add(splitUpn(t.userPrincipalName)[0], t);
          break;
        case 'upn':
          idx.add(lower(t.userPrincipalName), t);
          break;
        case 'displayName':
          idx.add(displayKey(t.displayName), t);
          break;
      }
    }
    built.set(rule, idx);
    return idx;
  };
  const candidatesFor = (s: DirectoryUser, rule: UserRule): DirectoryUser[] => {
    switch (rule) {
      case 'employeeId':
        return s.employeeId ? index('employeeId').find([lower(s.employeeId)]) : [];
      case 'immutableId':
        return s.onPremisesImmutableId ? index('immutableId').find([s.onPremisesImmutableId.trim()]) : [];
      case 'mail':
        return s.mail || s.proxyAddresses?.length
          ? index('mail').find(s.proxyAddresses?.length ? [smtp(s.mail), ...s.proxyAddresses.map(smtp)] : [smtp(s.mail)])
          : [];
      case 'upnLocalPart': {
        const [local, domain] = splitUpn(s.userPrincipalName);
        const mapped = domainMap[domain];
        return mapped ? index('upn').find([`${local}@${mapped}`]) : index('upnLocalPart').find([local]);
      }
      case 'displayName':
        return s.displayName ? index('displayName').find([displayKey(s.displayName)]) : [];
    }
  };

  const proposals: UserProposal[] = sources.map((source) => {
    for (const rule of cascade) {
      const found = candidatesFor(source, rule);
      if (found.length === 1) {
        const target = found[0]!;
        return {
          kind: 'User',
          source,
          status: rule === 'displayName' ? 'suggested' : 'matched',
          rule,
          target,
          row: userRow(options.sourceTenantId, source, target),
        };
      }
      if (found.length > 1) return { kind: 'User', source, status: 'ambiguous', rule, candidates: found };
    }
    return { kind: 'User', source, status: 'unmatched' };
  });
  flagConflicts(proposals, (t) => lower(t.userPrincipalName)!);
  return proposals;
}

function userRow(tenantId: string, source: DirectoryUser, target: DirectoryUser | undefined): string[] {
  if (!target) return ['User', tenantId, source.userPrincipalName, '', '', isGuest(source) ? 'GuestUser' : 'RegularUser'];
  return [
    'User',
    tenantId,
    source.userPrincipalName,
    target.userPrincipalName,
    target.mail ?? target.userPrincipalName,
    isGuest(target) ? 'GuestUser' : 'RegularUser',
  ];
}

/**
 * The identity-map row for a proposal: with its own target, a target the admin chose among the
 * candidates, or (no target) a row whose target is left blank for the admin to fill in.
 */
export function proposalRow(tenantId: string, proposal: Proposal, target?: DirectoryUser | DirectoryGroup): string[] {
  const chosen = target ?? proposal.target;
  return proposal.kind === 'User'
    ? userRow(tenantId, proposal.source, chosen as DirectoryUser | undefined)
    : groupRow(tenantId, proposal.source, chosen as DirectoryGroup | undefined);
}

export function matchGroups(
  sources: readonly DirectoryGroup[],
  targets: readonly DirectoryGroup[],
  options: Pick<MatchOptions, 'sourceTenantId'>,
): GroupProposal[] {
  const byNick = new Index<DirectoryGroup>();
  const byName = new Index<DirectoryGroup>();
  for (const t of targets) {
    byNick.add(lower(t.mailNickname), t);
    byName.add(displayKey(t.displayName), t);
  }
  const proposals: GroupProposal[] = sources.map((source) => {
    for (const rule of GROUP_CASCADE) {
      const found = rule === 'mailNickname' ? byNick.find([lower(source.mailNickname)]) : byName.find([displayKey(source.displayName)]);
      if (found.length === 1)
        return {
          kind: 'Group',
          source,
          status: 'matched',
          rule,
          target: found[0]!,
          row: groupRow(options.sourceTenantId, source, found[0]!),
        };
      if (found.length > 1) return { kind: 'Group', source, status: 'ambiguous', rule, candidates: found };
    }
    return { kind: 'Group', source, status: 'unmatched' };
  });
  flagConflicts(proposals, (t) => t.id.toLowerCase());
  return proposals;
}

function groupRow(tenantId: string, source: DirectoryGroup, target: DirectoryGroup | undefined): string[] {
  if (!target) return ['Group', tenantId, source.id, '', '', (source.groupTypes ?? []).includes('Unified') ? 'O365Group' : 'RegularGroup'];
  const unified = (target.groupTypes ?? []).includes('Unified');
  return [
    'Group',
    tenantId,
    source.id,
    target.id,
    unified ? (target.mailNickname ?? target.id) : target.id,
    unified ? 'O365Group' : 'RegularGroup',
  ];
}

/** Two sources proposed onto one target: neither is kept (one-to-one, and no guessing). */
function flagConflicts<T extends { status: ProposalStatus; target?: unknown; candidates?: unknown[]; row?: string[] }>(
  proposals: T[],
  key: (target: NonNullable<T['target']>) => string,
): void {
  const first = new Map<string, T>();
  const conflicted = new Set<T>();
  for (const p of proposals) {
    if (!p.target || (p.status !== 'matched' && p.status !== 'suggested')) continue;
    const k = key(p.target as NonNullable<T['target']>);
    const earlier = first.get(k);
    if (earlier) {
      conflicted.add(earlier);
      conflicted.add(p);
    } else first.set(k, p);
  }
  for (const p of conflicted) {
    p.status = 'conflict';
    p.candidates = [p.target];
    delete p.row;
  }
}

export interface MatchReport {
  total: number;
  byStatus: Record<ProposalStatus, number>;
  byRule: Record<string, number>;
}

export function summarize(proposals: readonly Proposal[]): MatchReport {
  const byStatus: Record<ProposalStatus, number> = { matched: 0, suggested: 0, ambiguous: 0, conflict: 0, unmatched: 0 };
  const byRule: Record<string, number> = {};
  for (const p of proposals) {
    byStatus[p.status]++;
    if (p.rule && p.status === 'matched') byRule[p.rule] = (byRule[p.rule] ?? 0) + 1;
  }
  return { total: proposals.length, byStatus, byRule };
}
