/**
 * The identity map as Graph's (beta) mappings: user rows become crossOrganizationUserMappings items,
 * group rows crossOrganizationGroupMappings items, sent as delta PATCHes of at most 50 items (the
 * documented limit). The map's type values become Graph's enums (regularUser, guestUser, …).
 */
import { isGroupRow, isUserRow, type IdentityMapRow } from '../identity/identityMapRows';

export const MAPPINGS_PER_REQUEST = 50;

const USER_TYPES: Record<string, string> = { regularuser: 'regularUser', guestuser: 'guestUser', adminuser: 'adminUser' };
const GROUP_TYPES: Record<string, string> = { regulargroup: 'regularGroup', o365group: 'm365Group', m365group: 'm365Group' };

export interface MappingDeltas {
  users: Array<Record<string, unknown>>;
  groups: Array<Record<string, unknown>>;
}

export function graphMappings(rows: readonly IdentityMapRow[]): MappingDeltas {
  const out: MappingDeltas = { users: [], groups: [] };
  for (const r of rows) {
    if (isUserRow(r))
      out.users.push({
        sourceOrganizationId: r.sourceTenantId,
        userType: USER_TYPES[r.type.trim().toLowerCase()] ?? 'none',
        sourceUserIdentity: { userPrincipalName: r.source },
        targetUserIdentity: { userPrincipalName: r.target },
        targetUserMigrationData: { email: r.nameOrEmail },
      });
    else if (isGroupRow(r))
      out.groups.push({
        sourceOrganizationId: r.sourceTenantId,
        groupType: GROUP_TYPES[r.type.trim().toLowerCase()] ?? 'none',
        sourceGroupIdentity: { id: r.source },
        targetGroupIdentity: { id: r.target },
        targetGroupMigrationData: { displayName: r.nameOrEmail },
      });
  }
  return out;
}

/** The delta bodies, 50 items each. */
export function deltaBodies(
  items: ReadonlyArray<Record<string, unknown>>,
): Array<{ '@context': '#$delta'; value: Array<Record<string, unknown>> }> {
  const bodies = [];
  for (let i = 0; i < items.length; i += MAPPINGS_PER_REQUEST)
    bodies.push({ '@context': '#$delta' as const, value: items.slice(i, i + MAPPINGS_PER_REQUEST) });
  return bodies;
}

/** Graph's task status as the move state the plan and the Moves view know. */
export function moveStateOfTask(status: string): string {
  switch (status) {
    case 'inProgress':
      return 'InProgress';
    case 'completed':
      return 'Success';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Stopped';
    case 'notStarted':
      return 'Scheduled';
    default:
      return 'Unknown';
  }
}
