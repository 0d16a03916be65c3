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
const displayKey = (s: string | undefined) => lower(s?.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' '));
const isGuest = (u: DirectoryUser) => /guest/i.test(u.userType ?? '') || /#EXT#@/i.test(u.userPrincipalName);

class Index<T> {
  private readonly map = new Map<string, T[]>();
  add(key: string | undefined, item: T): void {
    if (!key) return;
    const list = this.map.get(key);
    if (!list) this.map.set(key, [item]);
    else if (list[list.length - 1] !== item) list.push(item);
  }
  find(keys: readonly (string | undefined)[]): T[] {
    const out: T[] = [];
    for (const k of keys) {
      if (!k) continue;
      for (const item of this.map.get(k) ?? []) if (!out.includes(item)) out.push(item);
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
  const idx: Record<UserRule, Index<DirectoryUser>> = { employeeId: new Index(), immutableId: new Index(), mail: new Index(), upnLocalPart: new Index(), displayName: new Index() };
  const byUpn = new Index<DirectoryUser>();
  for (const t of targets) {
    idx.employeeId.add(lower(t.employeeId), t);
    idx.immutableId.add(t.onPremisesImmutableId?.trim(), t);
    idx.mail.add(smtp(t.mail), t);
    for (const p of t.proxyAddresses ?? []) idx.mail.add(smtp(p), t);
    idx.upnLocalPart.add(splitUpn(t.userPrincipalName)[0], t);
    idx.displayName.add(displayKey(t.displayName), t);
    byUpn.add(lower(t.userPrincipalName), t);
  }
  const candidatesFor = (s: DirectoryUser, rule: UserRule): DirectoryUser[] => {
    switch (rule) {
      case 'employeeId':
        return idx.employeeId.find([lower(s.employeeId)]);
      case 'immutableId':
        return idx.immutableId.find([s.onPremisesImmutableId?.trim()]);
      case 'mail':
        return idx.mail.find([smtp(s.mail), ...(s.proxyAddresses ?? []).map(smtp)]);
      case 'upnLocalPart': {
        const [local, domain] = splitUpn(s.userPrincipalName);
        const mapped = domainMap[domain];
        return mapped ? byUpn.find([`${local}@${mapped}`]) : idx.upnLocalPart.find([local]);
      }
      case 'displayName':
        return idx.displayName.find([displayKey(s.displayName)]);
    }
  };

  const proposals: UserProposal[] = sources.map((source) => {
    for (const rule of cascade) {
      const found = candidatesFor(source, rule);
      if (found.length === 1) {
        const target = found[0]!;
        return { kind: 'User', source, status: rule === 'displayName' ? 'suggested' : 'matched', rule, target, row: userRow(options.sourceTenantId, source, target) };
      }
      if (found.length > 1) return { kind: 'User', source, status: 'ambiguous', rule, candidates: found };
    }
    return { kind: 'User', source, status: 'unmatched' };
  });
  flagConflicts(proposals, (t) => lower(t.userPrincipalName)!);
  return proposals;
}

function userRow(tenantId: string, source: DirectoryUser, target: DirectoryUser): string[] {
  return ['User', tenantId, source.userPrincipalName, target.userPrincipalName, target.mail ?? target.userPrincipalName, isGuest(target) ? 'GuestUser' : 'RegularUser'];
}

export function matchGroups(sources: readonly DirectoryGroup[], targets: readonly DirectoryGroup[], options: Pick<MatchOptions, 'sourceTenantId'>): GroupProposal[] {
  const byNick = new Index<DirectoryGroup>();
  const byName = new Index<DirectoryGroup>();
  for (const t of targets) {
    byNick.add(lower(t.mailNickname), t);
    byName.add(displayKey(t.displayName), t);
  }
  const proposals: GroupProposal[] = sources.map((source) => {
    for (const rule of GROUP_CASCADE) {
      const found = rule === 'mailNickname' ? byNick.find([lower(source.mailNickname)]) : byName.find([displayKey(source.displayName)]);
      if (found.length === 1) return { kind: 'Group', source, status: 'matched', rule, target: found[0]!, row: groupRow(options.sourceTenantId, source, found[0]!) };
      if (found.length > 1) return { kind: 'Group', source, status: 'ambiguous', rule, candidates: found };
    }
    return { kind: 'Group', source, status: 'unmatched' };
  });
  flagConflicts(proposals, (t) => t.id.toLowerCase());
  return proposals;
}

function groupRow(tenantId: string, source: DirectoryGroup, target: DirectoryGroup): string[] {
  const unified = (target.groupTypes ?? []).includes('Unified');
  return ['Group', tenantId, source.id, target.id, unified ? target.mailNickname ?? target.id : target.id, unified ? 'O365Group' : 'RegularGroup'];
}

/** Two sources proposed onto one target: neither is kept (one-to-one, and no guessing). */
function flagConflicts<T extends { status: ProposalStatus; target?: unknown; candidates?: unknown[]; row?: string[] }>(proposals: T[], key: (target: NonNullable<T['target']>) => string): void {
  const byTarget = new Map<string, T[]>();
  for (const p of proposals) {
    if (!p.target || (p.status !== 'matched' && p.status !== 'suggested')) continue;
    const k = key(p.target as NonNullable<T['target']>);
    byTarget.set(k, [...(byTarget.get(k) ?? []), p]);
  }
  for (const group of byTarget.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      p.status = 'conflict';
      p.candidates = [p.target];
      delete p.row;
    }
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
