/**
 * The simulated Microsoft 365 cloud: a source and a target tenant with their geographies,
 * users, groups, OneDrives and sites; trusts per geography and direction; the identity map per
 * target geography; compatibility; the move queue and every move's state over time; redirect
 * sites. It models what domain.md describes (§1.3–§1.8, §2, §5) and nothing of PowerShell or
 * HTTP: the faces (fake PowerShell modules, HTTP endpoints, rehearsal) translate to it.
 *
 * Pure and deterministic: time comes only from `now`, which moves only through setNow/advance;
 * object IDs come from a counter. The whole state is plain JSON (toJSON / fromState).
 */
import { upnKey } from '../core/plan/principalNames';
import { personalSiteUrl } from '../core/tenancy/oneDriveUrls';

export { personalSiteUrl };

export type TenantSide = 'source' | 'target';
export type TrustState = 'NotEstablished' | 'NotEstablishedByPartner' | 'DormantByPartner' | 'CouldNotContactPartner' | 'GoodToProceed';
export type CompatibilityStatus = 'Compatible' | 'Warning' | 'Incompatible';
export type SimMoveState = 'NotStarted' | 'Scheduled' | 'ReadyToTrigger' | 'InProgress' | 'Rescheduled' | 'Success' | 'Failed' | 'Stopped';

export const DORMANT_PERIOD_MS = 7 * 24 * 3600_000;
export const QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY = 4000;
export const PENDING_STATES: readonly SimMoveState[] = ['NotStarted', 'Scheduled', 'ReadyToTrigger', 'InProgress', 'Rescheduled'];
export const PERSONAL_SITE_TEMPLATE = 'SPSPERS#10';
export const REDIRECT_SITE_TEMPLATE = 'RedirectSite#0';

export interface SimGeography {
  code: string;
  adminUrl: string;
  /** The cross-tenant host URL, i.e. the -my host, without a trailing slash. */
  hostUrl: string;
  rootUrl: string;
}

export interface SimUser {
  id: string;
  upn: string;
  mail: string;
  displayName: string;
  userType: 'Member' | 'Guest';
  /** Holds the Cross Tenant User Data Migration licence. */
  licensed: boolean;
  /** Geography whose OneDrive host holds (or would hold) the user's OneDrive. */
  geography: string;
  preferredDataLocation?: string;
  /** URL of the user's OneDrive, when one exists. */
  oneDriveUrl?: string;
  /** The event count when the user last changed (Graph's delta query reads what changed after a point). */
  changedAt?: number;
  /** What the matching cascade reads (Graph's user properties, returned only on $select). */
  employeeId?: string;
  onPremisesImmutableId?: string;
  proxyAddresses?: string[];
}

export interface SimGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  kind: 'Unified' | 'Security';
  /** For Unified groups: created the way cross-tenant migration requires (ProvisionSiteOnDemand). */
  provisionSiteOnDemand?: boolean;
  preferredDataLocation?: string;
}

export interface SimSite {
  url: string;
  template: string;
  owner: string;
  geography: string;
  lastContentModifiedDate: string;
  /** In the recycle bin (Remove-SPOSite). */
  deleted?: boolean;
}

export interface SimRelationship {
  geography: string;
  partnerHostUrl: string;
  partnerRole: 'Source' | 'Target';
  setAt: string;
  removedAt?: string;
}

export interface SimMapUser {
  sourceTenantId: string;
  source: string;
  target: string;
  email: string;
  userType: string;
}

export interface SimMapGroup {
  sourceTenantId: string;
  source: string;
  target: string;
  name: string;
  groupType: string;
}

export interface SimIdentityMap {
  uploadedAt: string;
  users: Record<string, SimMapUser>;
  groups: Record<string, SimMapGroup>;
  rows: number;
}

export interface SimTenant {
  side: TenantSide;
  name: string;
  tenantId: string;
  geographies: SimGeography[];
  users: Record<string, SimUser>;
  groups: Record<string, SimGroup>;
  sites: Record<string, SimSite>;
  relationships: SimRelationship[];
  /** Per target geography: the last uploaded map (each upload replaces it). */
  identityMaps: Record<string, SimIdentityMap>;
}

export interface SimMove {
  id: string;
  sourceUpn: string;
  targetUpn: string;
  sourceGeography: string;
  targetGeography: string;
  targetHostUrl: string;
  sourceSiteUrl: string;
  targetSiteUrl: string;
  queuedAt: string;
  preferredBegin?: string;
  preferredEnd?: string;
  /** When the move left the queue for its pre-flight (ReadyToTrigger). */
  state: SimMoveState;
  /** Time of the next transition, while pending. */
  nextAt?: string;
  passes: number;
  error?: string;
  finishedAt?: string;
}

/** Faults a scenario injects into the cloud (the PowerShell face handles cmdlet-call faults). */
export interface CloudBehaviour {
  /** Minutes a move spends InProgress (default 120). */
  moveMinutes: number;
  /** Per source UPN (lower case): a factor on moveMinutes (slow moves). */
  slowUsers: Record<string, number>;
  /** Per source UPN: the error code the move fails with. */
  failingUsers: Record<string, string>;
  /** Per source UPN: passes that end Rescheduled before the move succeeds. */
  rescheduledUsers: Record<string, number>;
  /** 'source>target' geography pair → compatibility (default Compatible). */
  compatibility: Record<string, CompatibilityStatus>;
  /** A side whose trust requests never reach the partner (a partner that never requests trust). */
  silentSide?: TenantSide;
}

export interface CloudState {
  now: string;
  nextId: number;
  tenants: Record<TenantSide, SimTenant>;
  moves: SimMove[];
  behaviour: CloudBehaviour;
  /** What changed, for reports: one line per event. */
  events: Array<{ at: string; text: string }>;
}

export class CloudError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface Location {
  side: TenantSide;
  geography: string;
}

const READY_MINUTES = 5;
const VALIDATION_MINUTES = 10;
const RESCHEDULE_MINUTES = 60;

export function defaultBehaviour(): CloudBehaviour {
  return { moveMinutes: 120, slowUsers: {}, failingUsers: {}, rescheduledUsers: {}, compatibility: {} };
}

const trimUrl = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();

export class SimulatedCloud {
  private constructor(private readonly s: CloudState) {}

  static fromState(state: CloudState): SimulatedCloud {
    return new SimulatedCloud(structuredClone(state));
  }

  toJSON(): CloudState {
    return structuredClone(this.s);
  }

  get now(): Date {
    return new Date(this.s.now);
  }

  get state(): Readonly<CloudState> {
    return this.s;
  }

  tenant(side: TenantSide): SimTenant {
    return this.s.tenants[side];
  }

  // ---- time --------------------------------------------------------------------------------

  setNow(at: Date): void {
    if (at.getTime() < Date.parse(this.s.now)) throw new Error('The simulated clock only moves forward.');
    this.settle(at.getTime());
    this.s.now = at.toISOString();
  }

  advance(ms: number): void {
    this.setNow(new Date(Date.parse(this.s.now) + ms));
  }

  /** The next instant something changes by itself (a dormant period ends, a move moves on), if any. */
  nextEvent(): Date | undefined {
    const now = Date.parse(this.s.now);
    let next = Infinity;
    for (const m of this.s.moves) if (m.nextAt && Date.parse(m.nextAt) > now) next = Math.min(next, Date.parse(m.nextAt));
    for (const side of ['source', 'target'] as const) {
      for (const r of this.s.tenants[side].relationships) {
        const end = Date.parse(r.setAt) + DORMANT_PERIOD_MS;
        if (!r.removedAt && end > now) next = Math.min(next, end);
      }
    }
    return Number.isFinite(next) ? new Date(next) : undefined;
  }

  // ---- lookups -----------------------------------------------------------------------------

  /** Which tenant and geography an admin URL belongs to. */
  locateAdminUrl(url: string): Location | undefined {
    const key = trimUrl(url);
    for (const side of ['source', 'target'] as const) {
      const geo = this.s.tenants[side].geographies.find((g) => trimUrl(g.adminUrl) === key);
      if (geo) return { side, geography: geo.code };
    }
    return undefined;
  }

  locateHostUrl(url: string): Location | undefined {
    const key = trimUrl(url);
    for (const side of ['source', 'target'] as const) {
      const geo = this.s.tenants[side].geographies.find((g) => trimUrl(g.hostUrl) === key);
      if (geo) return { side, geography: geo.code };
    }
    return undefined;
  }

  geography(at: Location): SimGeography {
    const geo = this.s.tenants[at.side].geographies.find((g) => g.code === at.geography);
    if (!geo) throw new Error(`No geography ${at.geography} on the ${at.side} tenant.`);
    return geo;
  }

  user(side: TenantSide, upn: string): SimUser | undefined {
    return this.s.tenants[side].users[upnKey(upn)];
  }

  // ---- step 1 ------------------------------------------------------------------------------

  hostUrl(at: Location): string {
    return this.geography(at).hostUrl;
  }

  // ---- steps 2, 3, 7: trust ----------------------------------------------------------------

  private expectedPartnerRole(side: TenantSide): 'Source' | 'Target' {
    return side === 'source' ? 'Target' : 'Source';
  }

  private checkRole(at: Location, partnerRole: string): void {
    const expected = this.expectedPartnerRole(at.side);
    if (partnerRole !== expected) {
      throw new CloudError(
        `MnATrustWrongCmdletUsage: You can't use this cmdlet with a partner with [${partnerRole}] Cross-Tenant relationship configuration from this tenant; the partner of a ${at.side} tenant has the role ${expected}.`,
        'MnATrustWrongCmdletUsage',
      );
    }
  }

  private activeRelationship(at: Location, partnerHostUrl: string): SimRelationship | undefined {
    const key = trimUrl(partnerHostUrl);
    return this.s.tenants[at.side].relationships.find(
      (r) => r.geography === at.geography && !r.removedAt && trimUrl(r.partnerHostUrl) === key,
    );
  }

  setRelationship(at: Location, partnerRole: string, partnerHostUrl: string): void {
    this.checkRole(at, partnerRole);
    if (this.s.behaviour.silentSide === at.side) {
      this.event(`${at.side} ${at.geography}: trust request to ${partnerHostUrl} lost (scenario: this side never requests trust)`);
      return;
    }
    const existing = this.activeRelationship(at, partnerHostUrl);
    if (existing) return; // setting it again keeps the original request time
    this.s.tenants[at.side].relationships.push({
      geography: at.geography,
      partnerHostUrl: trimUrl(partnerHostUrl),
      partnerRole: partnerRole as 'Source' | 'Target',
      setAt: this.s.now,
    });
    this.event(`${at.side} ${at.geography}: trust requested with ${trimUrl(partnerHostUrl)}`);
  }

  verifyRelationship(at: Location, partnerRole: string, partnerHostUrl: string): TrustState {
    this.checkRole(at, partnerRole);
    if (!this.activeRelationship(at, partnerHostUrl)) return 'NotEstablished';
    const partner = this.locateHostUrl(partnerHostUrl);
    if (!partner || partner.side === at.side) return 'CouldNotContactPartner';
    const back = this.activeRelationship(partner, this.hostUrl(at));
    if (!back) return 'NotEstablishedByPartner';
    if (Date.parse(this.s.now) < Date.parse(back.setAt) + DORMANT_PERIOD_MS) return 'DormantByPartner';
    return 'GoodToProceed';
  }

  removeRelationship(at: Location, partnerRole: string, partnerHostUrl: string): void {
    this.checkRole(at, partnerRole);
    const rel = this.activeRelationship(at, partnerHostUrl);
    if (!rel)
      throw new CloudError(
        `MnATrustNoSetupForPartner: There is no Cross-Tenant relationship established for partner [${trimUrl(partnerHostUrl)}]`,
        'MnATrustNoSetupForPartner',
      );
    rel.removedAt = this.s.now;
    this.event(`${at.side} ${at.geography}: trust with ${rel.partnerHostUrl} removed`);
    // Moves that still needed this trust can no longer run.
    for (const m of this.s.moves) {
      if (!PENDING_STATES.includes(m.state)) continue;
      const mine =
        at.side === 'source'
          ? m.sourceGeography === at.geography && trimUrl(m.targetHostUrl) === rel.partnerHostUrl
          : m.targetGeography === at.geography &&
            trimUrl(this.hostUrl({ side: 'source', geography: m.sourceGeography })) === rel.partnerHostUrl;
      if (mine)
        this.fail(m, 'MnATrustNoSetupForPartner', `There is no Cross-Tenant relationship established for partner [${rel.partnerHostUrl}]`);
    }
  }

  /** Both directions GoodToProceed for a source geography and a target host. */
  private trustUsable(source: Location, targetHostUrl: string): boolean {
    const target = this.locateHostUrl(targetHostUrl);
    if (!target || target.side !== 'target') return false;
    return (
      this.verifyRelationship(source, 'Target', targetHostUrl) === 'GoodToProceed' &&
      this.verifyRelationship(target, 'Source', this.hostUrl(source)) === 'GoodToProceed'
    );
  }

  // ---- step 5 ------------------------------------------------------------------------------

  compatibility(at: Location, partnerHostUrl: string): CompatibilityStatus {
    if (at.side !== 'source')
      throw new CloudError('MnATrustWrongCmdletUsage: The compatibility status is read on the source tenant.', 'MnATrustWrongCmdletUsage');
    const partner = this.locateHostUrl(partnerHostUrl);
    if (!partner || partner.side !== 'target')
      throw new CloudError(
        `MnATrustNoSetupForPartner: There is no Cross-Tenant relationship established for partner [${trimUrl(partnerHostUrl)}]`,
        'MnATrustNoSetupForPartner',
      );
    return this.s.behaviour.compatibility[`${at.geography}>${partner.geography}`] ?? 'Compatible';
  }

  /** Replaces the whole identity map of a target geography. */
  uploadIdentityMap(at: Location, rows: ReadonlyArray<readonly string[]>): SimIdentityMap {
    if (at.side !== 'target') throw new CloudError('The identity map is uploaded on the target tenant.', 'MnATrustWrongCmdletUsage');
    const map: SimIdentityMap = { uploadedAt: this.s.now, users: {}, groups: {}, rows: 0 };
    for (const [i, fields] of rows.entries()) {
      if (fields.length !== 6)
        throw new CloudError(`Line ${i + 1} of the identity map has ${fields.length} columns, not 6.`, 'InvalidIdentityMap');
      const [kind, tenantId, source, target, nameOrEmail, type] = fields.map((f) => f.trim()) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      if (kind === 'User') map.users[upnKey(source)] = { sourceTenantId: tenantId, source, target, email: nameOrEmail, userType: type };
      else if (kind === 'Group')
        map.groups[source.toLowerCase()] = { sourceTenantId: tenantId, source, target, name: nameOrEmail, groupType: type };
      else
        throw new CloudError(
          `Line ${i + 1} of the identity map starts with '${kind}': expected User or Group (is there a header row?).`,
          'InvalidIdentityMap',
        );
      map.rows++;
    }
    this.s.tenants.target.identityMaps[at.geography] = map;
    this.event(`target ${at.geography}: identity map uploaded (${map.rows} rows)`);
    return map;
  }

  /**
   * Graph's delta upload of mappings (crossOrganizationUserMappings / GroupMappings): adds, updates or
   * removes entries in every target geography's map, unlike the PowerShell upload, which replaces one
   * geography's whole map (whether Graph's mappings are per geography is not documented).
   */
  patchIdentityMap(changes: { users?: SimMapUser[]; groups?: SimMapGroup[]; removedUsers?: string[]; removedGroups?: string[] }): void {
    for (const geo of this.s.tenants.target.geographies) {
      const map = (this.s.tenants.target.identityMaps[geo.code] ??= { uploadedAt: this.s.now, users: {}, groups: {}, rows: 0 });
      for (const u of changes.users ?? []) map.users[upnKey(u.source)] = u;
      for (const g of changes.groups ?? []) map.groups[g.source.toLowerCase()] = g;
      for (const r of changes.removedUsers ?? []) delete map.users[upnKey(r)];
      for (const r of changes.removedGroups ?? []) delete map.groups[r.toLowerCase()];
      map.rows = Object.keys(map.users).length + Object.keys(map.groups).length;
      map.uploadedAt = this.s.now;
    }
    this.event(
      `target: identity map changed through Graph (${(changes.users?.length ?? 0) + (changes.groups?.length ?? 0)} set, ${(changes.removedUsers?.length ?? 0) + (changes.removedGroups?.length ?? 0)} removed)`,
    );
  }

  /** The move of a source user, the newest first (Graph's getBySourceUserPrincipalName). */
  latestMove(sourceUpn: string): SimMove | undefined {
    const key = upnKey(sourceUpn);
    return [...this.s.moves].reverse().find((m) => upnKey(m.sourceUpn) === key);
  }

  moveById(id: string): SimMove | undefined {
    return this.s.moves.find((m) => m.id === id);
  }

  identityMap(at: Location): SimIdentityMap | undefined {
    return this.s.tenants[at.side].identityMaps[at.geography];
  }

  // ---- step 6: moves -----------------------------------------------------------------------

  pendingCount(sourceGeography: string): number {
    return this.s.moves.filter((m) => m.sourceGeography === sourceGeography && PENDING_STATES.includes(m.state)).length;
  }

  startMove(
    at: Location,
    request: {
      sourceUpn: string;
      targetUpn: string;
      targetHostUrl: string;
      preferredBegin?: string;
      preferredEnd?: string;
      validationOnly: boolean;
    },
  ): { move?: SimMove; validation?: { passed: boolean; error?: string } } {
    if (at.side !== 'source')
      throw new CloudError('MnATrustWrongCmdletUsage: Moves are started on the source tenant.', 'MnATrustWrongCmdletUsage');
    const target = this.locateHostUrl(request.targetHostUrl);
    if (!target || target.side !== 'target') {
      if (this.locateAdminUrl(request.targetHostUrl)) {
        throw new CloudError(
          'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost: Cross-tenant moves are blocked because the TargetCrossTenantHostUrl value is incorrect.',
          'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost',
        );
      }
      throw new CloudError(
        `MnATrustNoSetupForPartner: There is no Cross-Tenant relationship established for partner [${trimUrl(request.targetHostUrl)}]`,
        'MnATrustNoSetupForPartner',
      );
    }
    if (!this.trustUsable(at, request.targetHostUrl)) {
      throw new CloudError(
        `MnATrustNoSetupForPartner: There is no Cross-Tenant relationship established for partner [${trimUrl(request.targetHostUrl)}]`,
        'MnATrustNoSetupForPartner',
      );
    }
    if (this.compatibility(at, request.targetHostUrl) === 'Incompatible') {
      throw new CloudError('MnAPartnersFarmsAreIncompatible: The partner farms are incompatible.', 'MnAPartnersFarmsAreIncompatible');
    }
    const key = upnKey(request.sourceUpn);
    const sourceUser = this.s.tenants.source.users[key];
    const sourceSiteUrl = sourceUser?.oneDriveUrl ?? personalSiteUrl(this.hostUrl(at), request.sourceUpn);
    const targetSiteUrl = personalSiteUrl(request.targetHostUrl, request.targetUpn);
    if (request.validationOnly) {
      const error = this.preflightError(target, request.sourceUpn, request.targetUpn, targetSiteUrl);
      return { validation: error ? { passed: false, error } : { passed: true } };
    }
    const open = this.s.moves.find((m) => upnKey(m.sourceUpn) === key && (PENDING_STATES.includes(m.state) || m.state === 'Success'));
    if (open) {
      throw new CloudError(
        `MnASiteMoveIsInprogressOrFinished: Another move job for the same source URL [${open.sourceSiteUrl}] is already in progress or has finished.`,
        'MnASiteMoveIsInprogressOrFinished',
      );
    }
    if (this.pendingCount(at.geography) >= QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY) {
      throw new CloudError(
        `The move queue of this source instance is full (${QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY} pending moves).`,
        'MnAMoveJobCreationFailed',
      );
    }
    const begin =
      request.preferredBegin && Date.parse(request.preferredBegin) > Date.parse(this.s.now) ? request.preferredBegin : this.s.now;
    const move: SimMove = {
      id: this.newId(),
      sourceUpn: request.sourceUpn,
      targetUpn: request.targetUpn,
      sourceGeography: at.geography,
      targetGeography: target.geography,
      targetHostUrl: trimUrl(request.targetHostUrl),
      sourceSiteUrl,
      targetSiteUrl,
      queuedAt: this.s.now,
      ...(request.preferredBegin ? { preferredBegin: request.preferredBegin } : {}),
      ...(request.preferredEnd ? { preferredEnd: request.preferredEnd } : {}),
      state: 'Scheduled',
      nextAt: iso(Date.parse(begin) + READY_MINUTES * 60_000),
      passes: 0,
    };
    this.s.moves.push(move);
    this.event(`source ${at.geography}: move of ${request.sourceUpn} queued to ${target.geography}`);
    return { move };
  }

  stopMove(at: Location, sourceUpn: string): SimMove {
    if (at.side !== 'source')
      throw new CloudError('MnATrustWrongCmdletUsage: Moves are stopped on the source tenant.', 'MnATrustWrongCmdletUsage');
    const key = upnKey(sourceUpn);
    const move = [...this.s.moves].reverse().find((m) => m.sourceGeography === at.geography && upnKey(m.sourceUpn) === key);
    if (!move) throw new CloudError(`No move found for ${sourceUpn}.`, 'MnAMoveJobWasNotCreated');
    if (move.state === 'InProgress' || move.state === 'Rescheduled' || move.state === 'Success') {
      throw new CloudError(`The move of ${sourceUpn} is ${move.state} and can't be stopped.`, 'MnASiteMoveIsInprogressOrFinished');
    }
    if (move.state !== 'Failed' && move.state !== 'Stopped') {
      move.state = 'Stopped';
      delete move.nextAt;
      move.finishedAt = this.s.now;
      this.event(`source ${at.geography}: move of ${sourceUpn} stopped`);
    }
    return move;
  }

  /** Moves seen from one geography for one partner host (source: MoveOut, target: MoveIn). */
  movesFor(at: Location, partnerHostUrl: string): SimMove[] {
    const partner = this.locateHostUrl(partnerHostUrl);
    if (!partner || partner.side === at.side) return [];
    return this.s.moves.filter((m) =>
      at.side === 'source'
        ? m.sourceGeography === at.geography && m.targetGeography === partner.geography
        : m.targetGeography === at.geography && m.sourceGeography === partner.geography,
    );
  }

  /** Why a move would fail in its validation phase, or undefined. */
  private preflightError(target: Location, sourceUpn: string, targetUpn: string, targetSiteUrl: string): string | undefined {
    const forced = this.s.behaviour.failingUsers[upnKey(sourceUpn)];
    if (forced) return `${forced}: the scenario makes this move fail with ${forced}.`;
    if (/['\u2018\u2019\u201A\u201B]/.test(sourceUpn) || /['\u2018\u2019\u201A\u201B]/.test(targetUpn))
      return `MnATargetUpnIsInvalid: The user name or URL contains an invalid character (').`;
    const sourceUser = this.s.tenants.source.users[upnKey(sourceUpn)];
    if (!sourceUser?.oneDriveUrl) return `MnAOdbForSourceUPNDoesNotExist: The OneDrive for source UPN [${sourceUpn}] does not exist.`;
    const map = this.s.tenants.target.identityMaps[target.geography];
    const entry = map?.users[upnKey(sourceUpn)];
    if (!entry)
      return `MnAIdentityMapEntryDoesNotExistsForSourceUPN: Identity map entry for source UPN [${sourceUpn}] does not exist on the target tenant.`;
    if (upnKey(entry.target) !== upnKey(targetUpn))
      return `MnAIdentityMapEntryDoesNotMatchRequest: The identity map entry for [${sourceUpn}] maps to [${entry.target}], not [${targetUpn}].`;
    const targetUser = this.s.tenants.target.users[upnKey(targetUpn)];
    if (!targetUser) return `MnATargetUserDoesNotExist: The target user [${targetUpn}] does not exist.`;
    if (!sourceUser.licensed && !targetUser.licensed)
      return `MnAOdbUsersAreNotLicensed: Neither source UPN [${sourceUpn}], nor target UPN [${targetUpn}] are licensed for Cross-tenant OneDrive migration.`;
    const site = this.s.tenants.target.sites[trimUrl(targetSiteUrl)];
    if (targetUser.oneDriveUrl || (site && !site.deleted))
      return `MnASiteMoveTargetUrlHasWriteConflict: The target tenant has a conflict for the site provided [${targetUser.oneDriveUrl ?? targetSiteUrl}].`;
    return undefined;
  }

  /** Runs every move forward to `until`, applying each transition at its time. */
  private settle(until: number): void {
    for (;;) {
      let next: SimMove | undefined;
      for (const m of this.s.moves)
        if (m.nextAt && Date.parse(m.nextAt) <= until && (!next || Date.parse(m.nextAt) < Date.parse(next.nextAt!))) next = m;
      if (!next) return;
      // Each transition happens (and is logged) at its own time.
      if (Date.parse(next.nextAt!) > Date.parse(this.s.now)) this.s.now = next.nextAt!;
      this.transition(next);
    }
  }

  private transition(m: SimMove): void {
    const at = Date.parse(m.nextAt!);
    const later = (minutes: number) => iso(at + minutes * 60_000);
    switch (m.state) {
      case 'Scheduled':
        m.state = 'ReadyToTrigger';
        m.nextAt = later(READY_MINUTES);
        return;
      case 'Rescheduled':
        m.state = 'InProgress';
        m.nextAt = later(this.moveMinutes(m));
        return;
      case 'ReadyToTrigger': {
        // The validation phase: a move that cannot succeed fails a few minutes into InProgress.
        const error = this.preflightError({ side: 'target', geography: m.targetGeography }, m.sourceUpn, m.targetUpn, m.targetSiteUrl);
        m.state = 'InProgress';
        if (error) {
          m.error = error;
          m.nextAt = later(VALIDATION_MINUTES);
        } else {
          m.passes++;
          m.nextAt = later(this.moveMinutes(m));
        }
        return;
      }
      case 'InProgress': {
        if (m.error) {
          const code = /^(\w+):/.exec(m.error)?.[1] ?? 'MnAMoveJobCreationFailed';
          this.fail(m, code, m.error.replace(/^\w+: /, ''));
          return;
        }
        if (m.passes <= (this.s.behaviour.rescheduledUsers[upnKey(m.sourceUpn)] ?? 0)) {
          m.state = 'Rescheduled';
          m.passes++;
          m.nextAt = later(RESCHEDULE_MINUTES);
          this.event(`move of ${m.sourceUpn} rescheduled for another pass`);
          return;
        }
        this.succeed(m);
        return;
      }
      default:
        delete m.nextAt;
    }
  }

  private moveMinutes(m: SimMove): number {
    return this.s.behaviour.moveMinutes * (this.s.behaviour.slowUsers[upnKey(m.sourceUpn)] ?? 1);
  }

  private fail(m: SimMove, code: string, text: string): void {
    m.state = 'Failed';
    m.error = `${code}: ${text}`;
    m.finishedAt = this.s.now;
    delete m.nextAt;
    this.event(`move of ${m.sourceUpn} failed: ${code}`);
  }

  /** The content moves; a redirect site takes the old URL; the target user gets the OneDrive. */
  private succeed(m: SimMove): void {
    m.state = 'Success';
    m.finishedAt = this.s.now;
    delete m.nextAt;
    const source = this.s.tenants.source;
    const target = this.s.tenants.target;
    const sourceUser = source.users[upnKey(m.sourceUpn)];
    if (sourceUser) delete sourceUser.oneDriveUrl;
    source.sites[trimUrl(m.sourceSiteUrl)] = {
      url: m.sourceSiteUrl,
      template: REDIRECT_SITE_TEMPLATE,
      owner: '',
      geography: m.sourceGeography,
      lastContentModifiedDate: this.s.now,
    };
    target.sites[trimUrl(m.targetSiteUrl)] = {
      url: m.targetSiteUrl,
      template: PERSONAL_SITE_TEMPLATE,
      owner: m.targetUpn.toLowerCase(),
      geography: m.targetGeography,
      lastContentModifiedDate: this.s.now,
    };
    const targetUser = target.users[upnKey(m.targetUpn)];
    if (targetUser) targetUser.oneDriveUrl = m.targetSiteUrl;
    this.event(`move of ${m.sourceUpn} succeeded (redirect at ${m.sourceSiteUrl})`);
  }

  // ---- sites -------------------------------------------------------------------------------

  sites(at: Location): SimSite[] {
    return Object.values(this.s.tenants[at.side].sites).filter((s) => s.geography === at.geography && !s.deleted);
  }

  site(at: Location, url: string): SimSite | undefined {
    const site = this.s.tenants[at.side].sites[trimUrl(url)];
    return site && !site.deleted && site.geography === at.geography ? site : undefined;
  }

  removeSite(at: Location, url: string): void {
    const site = this.site(at, url);
    if (!site) throw new CloudError(`Cannot get site ${url}.`, 'SiteNotFound');
    site.deleted = true;
    this.event(`${at.side} ${at.geography}: site ${site.url} (${site.template}) removed`);
  }

  // ---- directory (Microsoft Graph) ----------------------------------------------------------

  createUser(side: TenantSide, user: Omit<SimUser, 'id'>): SimUser {
    const key = upnKey(user.upn);
    if (this.s.tenants[side].users[key])
      throw new CloudError(`Another object with the same value for property userPrincipalName already exists.`, 'Request_BadRequest');
    const created: SimUser = { id: this.newId(), ...user, changedAt: this.s.events.length };
    this.s.tenants[side].users[key] = created;
    this.event(`${side}: user ${user.upn} created`);
    return created;
  }

  createGroup(side: TenantSide, group: Omit<SimGroup, 'id'>): SimGroup {
    const created: SimGroup = { id: this.newId(), ...group };
    this.s.tenants[side].groups[created.id] = created;
    this.event(`${side}: group ${group.displayName} created`);
    return created;
  }

  /** A deterministic GUID-shaped identifier. */
  newId(): string {
    return simulatedId(this.s.nextId++);
  }

  event(text: string): void {
    this.s.events.push({ at: this.s.now, text });
  }
}

/** The n-th object ID the simulator hands out: GUID-shaped, deterministic. */
export function simulatedId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
