/**
 * Scenario files: what a simulated tenant pair looks like and which faults it injects. A
 * scenario is built from a plan and its identity map (the rehearsal's way) or written by hand
 * (tests), then turned into the cloud model's initial state.
 */
import { isGroupRow, isUserRow, type IdentityMapRow } from '../core/identity/identityMapRows';
import { batchUserSource } from '../core/plan/planQueries';
import type { Plan, Side } from '../core/plan/planSchema';
import { upnKey } from '../core/plan/principalNames';
import { deriveTenantUrls } from '../core/tenancy/tenantUrls';
import {
  defaultBehaviour,
  personalSiteUrl,
  simulatedId,
  type CloudState,
  type CompatibilityStatus,
  type SimGeography,
  type SimTenant,
  type SimUser,
  type TenantSide,
} from './cloudModel';

/** Which property names the fake cmdlets' output objects use (domain.md: the real shapes are UNCONFIRMED). */
export type OutputShape = 'documented' | 'alternative' | 'unrecognised';

export interface CmdletFault {
  cmdlet: string;
  /** 1-based: the n-th call of that cmdlet throws. */
  onCall: number;
  message?: string;
}

export interface Scenario {
  /** The simulated clock's start (ISO 8601). */
  start: string;
  outputShape?: OutputShape;
  /** Target users (and guests) already exist before step 4 (default: none do; step 4 creates them). */
  targetUsersExist?: boolean;
  /** Target groups of the map exist with the map's object IDs (default true). */
  targetGroupsExist?: boolean;
  /** Source UPNs whose source and target users both lack the migration licence. */
  unlicensedUsers?: string[];
  /** Source UPNs without a OneDrive. */
  sourceUsersWithoutOneDrive?: string[];
  /** Target UPNs that already have a OneDrive (their moves fail with a write conflict). */
  targetOneDrives?: string[];
  /** Source UPN → error code the move fails with. */
  failingUsers?: Record<string, string>;
  /** Source UPN → factor on the move duration. */
  slowUsers?: Record<string, number>;
  /** Source UPN → passes that end Rescheduled. */
  rescheduledUsers?: Record<string, number>;
  moveMinutes?: number;
  /** 'NAM>EUR' → status (default Compatible). */
  compatibility?: Record<string, CompatibilityStatus>;
  /** The side whose trust requests never reach the partner. */
  silentSide?: TenantSide;
  cmdletFaults?: CmdletFault[];
  /** Extra users per side, for large rehearsals: UPNs. */
  extraSourceUsers?: string[];
}

export interface ScenarioInput {
  plan: Plan;
  identityMap: readonly IdentityMapRow[];
  scenario: Scenario;
}

/** The cloud's initial state: tenants and geographies from the plan, principals from the batches and the map. */
export function initialCloudState({ plan, identityMap, scenario }: ScenarioInput): CloudState {
  const behaviour = defaultBehaviour();
  if (scenario.moveMinutes) behaviour.moveMinutes = scenario.moveMinutes;
  const lower = (r: Record<string, number | string> | undefined) =>
    Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [upnKey(k), v]));
  behaviour.failingUsers = lower(scenario.failingUsers) as Record<string, string>;
  behaviour.slowUsers = lower(scenario.slowUsers) as Record<string, number>;
  behaviour.rescheduledUsers = lower(scenario.rescheduledUsers) as Record<string, number>;
  behaviour.compatibility = { ...(scenario.compatibility ?? {}) };
  if (scenario.silentSide) behaviour.silentSide = scenario.silentSide;

  const state: CloudState = {
    now: new Date(scenario.start).toISOString(),
    nextId: 1,
    tenants: { source: tenantOf(plan, 'source'), target: tenantOf(plan, 'target') },
    moves: [],
    behaviour,
    events: [],
  };
  const newId = () => simulatedId(state.nextId++);
  const unlicensed = new Set((scenario.unlicensedUsers ?? []).map(upnKey));
  const withoutOneDrive = new Set((scenario.sourceUsersWithoutOneDrive ?? []).map(upnKey));
  const targetOneDrives = new Set((scenario.targetOneDrives ?? []).map(upnKey));

  const source = state.tenants.source;
  const target = state.tenants.target;
  const defaultGeo = (t: SimTenant, side: Side) =>
    (plan[side].geographies.find((g) => g.default) ?? plan[side].geographies[0])?.code ?? t.geographies[0]!.code;
  const addSourceUser = (upn: string, geography: string) => {
    if (source.users[upnKey(upn)]) return;
    const geo = source.geographies.find((g) => g.code === geography) ?? source.geographies[0]!;
    const user: SimUser = {
      id: newId(),
      upn,
      mail: upn.includes('#EXT#') ? '' : upn,
      displayName: upn.split('@')[0]!,
      userType: upn.includes('#EXT#') ? 'Guest' : 'Member',
      licensed: !unlicensed.has(upnKey(upn)),
      geography: geo.code,
    };
    if (!withoutOneDrive.has(upnKey(upn)) && user.userType === 'Member') {
      user.oneDriveUrl = personalSiteUrl(geo.hostUrl, upn);
      source.sites[user.oneDriveUrl] = {
        url: user.oneDriveUrl,
        template: 'SPSPERS#10',
        owner: upn.toLowerCase(),
        geography: geo.code,
        lastContentModifiedDate: state.now,
      };
    }
    source.users[upnKey(upn)] = user;
  };
  const targetGeoOf = new Map<string, string>();
  for (const batch of plan.batches ?? []) {
    for (const u of batch.users) {
      addSourceUser(batchUserSource(u), batch.sourceGeography);
      targetGeoOf.set(upnKey(batchUserSource(u)), batch.targetGeography);
    }
  }
  for (const upn of scenario.extraSourceUsers ?? []) addSourceUser(upn, defaultGeo(source, 'source'));
  for (const row of identityMap.filter(isUserRow)) addSourceUser(row.source, defaultGeo(source, 'source'));

  if (scenario.targetUsersExist) {
    for (const row of identityMap.filter(isUserRow)) {
      const geography = targetGeoOf.get(upnKey(row.source)) ?? defaultGeo(target, 'target');
      target.users[upnKey(row.target)] = {
        id: newId(),
        upn: row.target,
        mail: row.nameOrEmail,
        displayName: row.target.split('@')[0]!,
        userType: row.type === 'GuestUser' ? 'Guest' : 'Member',
        licensed: !unlicensed.has(upnKey(row.source)),
        geography,
      };
    }
  }
  for (const upn of targetOneDrives) {
    const user = target.users[upn];
    const geography = user?.geography ?? defaultGeo(target, 'target');
    const geo = target.geographies.find((g) => g.code === geography)!;
    const url = personalSiteUrl(geo.hostUrl, upn);
    if (user) user.oneDriveUrl = url;
    target.sites[url] = { url, template: 'SPSPERS#10', owner: upn, geography, lastContentModifiedDate: state.now };
  }
  for (const row of identityMap.filter(isGroupRow)) {
    source.groups[row.source.toLowerCase()] = {
      id: row.source.toLowerCase(),
      displayName: row.nameOrEmail,
      mailNickname: row.nameOrEmail.replace(/[^A-Za-z0-9]/g, ''),
      kind: row.type === 'O365Group' ? 'Unified' : 'Security',
    };
    if (scenario.targetGroupsExist !== false) {
      target.groups[row.target.toLowerCase()] = {
        id: row.target.toLowerCase(),
        displayName: row.nameOrEmail,
        mailNickname: row.nameOrEmail.replace(/[^A-Za-z0-9]/g, ''),
        kind: row.type === 'O365Group' ? 'Unified' : 'Security',
        ...(row.type === 'O365Group' ? { provisionSiteOnDemand: true } : {}),
      };
    }
  }
  return state;
}

function tenantOf(plan: Plan, side: Side): SimTenant {
  const tenant = plan[side];
  const geographies: SimGeography[] = tenant.geographies.map((g) => {
    const urls = deriveTenantUrls(g.adminUrl);
    const derived = urls.ok ? urls.value : undefined;
    const host = (g.hostUrl ?? derived?.mySiteHost ?? '').trim().replace(/\/+$/, '').toLowerCase();
    return {
      code: g.code,
      adminUrl: (derived?.adminUrl ?? g.adminUrl).toLowerCase(),
      hostUrl: host,
      rootUrl: (derived?.rootUrl ?? '').toLowerCase(),
    };
  });
  return {
    side,
    name: tenant.name,
    tenantId: tenant.tenantId ?? (side === 'source' ? '11111111-1111-4111-8111-111111111111' : '22222222-2222-4222-8222-222222222222'),
    geographies,
    users: {},
    groups: {},
    sites: {},
    relationships: [],
    identityMaps: {},
  };
}
