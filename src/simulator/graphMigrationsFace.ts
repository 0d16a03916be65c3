/**
 * The simulated cloud's Graph (beta) SharePoint migrations: the identity map as user and group
 * mappings (delta PATCH, at most 50 items a request, on the target), and OneDrive move tasks (create,
 * with the preferred start and validateOnly; read by ID or by source UPN; cancel before start, on the
 * source). Tasks are the model's moves: the same queue, trust, identity-map and licence rules as
 * Start-SPOCrossTenantUserContentMove. Shapes from the Graph beta reference (live-mode.md §1a–1b);
 * the PATCH permission and the side the mappings live on are UNCONFIRMED.
 */
import { CloudError, type SimMove, type SimMoveState, type SimulatedCloud, type TenantSide } from './cloudModel';
import type { FaceResponse } from './identityFace';

export const MAX_MAPPINGS_PER_REQUEST = 50;
const ROOT = '/beta/solutions/sharePoint/migrations';

const graphError = (status: number, code: string, message: string): FaceResponse => ({ status, body: { error: { code, message } } });

export function taskStatus(state: SimMoveState): 'notStarted' | 'inProgress' | 'completed' | 'failed' | 'cancelled' {
  switch (state) {
    case 'InProgress':
    case 'Rescheduled':
      return 'inProgress';
    case 'Success':
      return 'completed';
    case 'Failed':
      return 'failed';
    case 'Stopped':
      return 'cancelled';
    default:
      return 'notStarted';
  }
}

function taskJson(m: SimMove, now: string): Record<string, unknown> {
  const status = taskStatus(m.state);
  return {
    id: m.id,
    status,
    startedDateTime: status === 'notStarted' ? null : m.queuedAt,
    lastUpdatedDateTime: m.finishedAt ?? now,
    finishedDateTime: m.finishedAt ?? null,
    error: m.error ? { code: m.error.split(':')[0], message: m.error } : null,
    parameters: {
      '@odata.type': '#microsoft.graph.sharePointUserMigrationTaskParameters',
      sourceUserIdentity: { userPrincipalName: m.sourceUpn },
      targetUserIdentity: { userPrincipalName: m.targetUpn },
      targetOrganizationHost: m.targetHostUrl,
      sourceSiteUrl: m.sourceSiteUrl,
      targetSiteUrl: m.targetSiteUrl,
      ...(m.preferredBegin ? { preferredStartDateTime: m.preferredBegin } : {}),
    },
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const upnOf = (v: unknown) => (isObj(v) && typeof v.userPrincipalName === 'string' ? v.userPrincipalName : undefined);
const idOf = (v: unknown) => (isObj(v) && typeof v.id === 'string' ? v.id : undefined);

export class GraphMigrationsFace {
  constructor(private readonly cloud: SimulatedCloud) {}

  /** `path` without /graph; `side`: the tenant of the token. Undefined: not a migrations request. */
  handle(method: string, path: string, side: TenantSide, json: unknown): FaceResponse | undefined {
    if (!path.startsWith(ROOT)) return undefined;
    const rest = path.slice(ROOT.length);
    try {
      if (method === 'PATCH' && (rest === '/crossOrganizationUserMappings' || rest === '/crossOrganizationGroupMappings'))
        return this.patchMappings(side, rest.includes('User') ? 'users' : 'groups', json);
      if (method === 'POST' && rest === '/crossOrganizationMigrationTasks') return this.createTask(side, json);
      const byUpn = /^\/crossOrganizationMigrationTasks\/getBySourceUserPrincipalName\(sourcePrincipalName='([^']+)'\)$/.exec(
        decodeURIComponent(rest),
      );
      if (method === 'GET' && byUpn) {
        const move = side === 'source' ? this.cloud.latestMove(byUpn[1]!) : undefined;
        return move
          ? { status: 200, body: taskJson(move, this.cloud.now.toISOString()) }
          : graphError(404, 'itemNotFound', `No migration task for ${byUpn[1]}.`);
      }
      const byId = /^\/crossOrganizationMigrationTasks\/([\w-]+)(\/cancel)?$/.exec(rest);
      if (byId) {
        const move = this.cloud.moveById(byId[1]!);
        if (!move || side !== 'source') return graphError(404, 'itemNotFound', `No migration task ${byId[1]}.`);
        if (method === 'GET' && !byId[2]) return { status: 200, body: taskJson(move, this.cloud.now.toISOString()) };
        if (method === 'POST' && byId[2]) {
          this.cloud.stopMove({ side: 'source', geography: move.sourceGeography }, move.sourceUpn);
          return { status: 204 };
        }
      }
      return graphError(400, 'BadRequest', `Unsupported request ${method} ${rest}.`);
    } catch (error) {
      if (error instanceof CloudError) return graphError(422, error.code, error.message);
      throw error;
    }
  }

  private patchMappings(side: TenantSide, kind: 'users' | 'groups', json: unknown): FaceResponse {
    if (side !== 'target') return graphError(403, 'accessDenied', 'Mappings are uploaded on the target tenant.');
    if (!isObj(json) || json['@context'] !== '#$delta' || !Array.isArray(json.value))
      return graphError(400, 'BadRequest', 'Expected {"@context": "#$delta", "value": [...]}.');
    const items = json.value as unknown[];
    if (items.length > MAX_MAPPINGS_PER_REQUEST)
      return graphError(400, 'BadRequest', `At most ${MAX_MAPPINGS_PER_REQUEST} items a request; this one has ${items.length}.`);
    const changes: Parameters<SimulatedCloud['patchIdentityMap']>[0] = { users: [], groups: [], removedUsers: [], removedGroups: [] };
    for (const item of items) {
      if (!isObj(item)) return graphError(400, 'BadRequest', 'Every item is an object.');
      const removed = isObj(item['@removed']);
      if (kind === 'users') {
        const source = upnOf(item.sourceUserIdentity);
        if (!source) return graphError(400, 'BadRequest', 'sourceUserIdentity.userPrincipalName is required.');
        if (removed) changes.removedUsers!.push(source);
        else {
          const target = upnOf(item.targetUserIdentity);
          if (!target || typeof item.sourceOrganizationId !== 'string')
            return graphError(400, 'BadRequest', 'targetUserIdentity and sourceOrganizationId are required.');
          const email =
            isObj(item.targetUserMigrationData) && typeof item.targetUserMigrationData.email === 'string'
              ? item.targetUserMigrationData.email
              : target;
          changes.users!.push({
            sourceTenantId: item.sourceOrganizationId,
            source,
            target,
            email,
            userType: String(item.userType ?? 'regularUser'),
          });
        }
      } else {
        const source = idOf(item.sourceGroupIdentity);
        if (!source) return graphError(400, 'BadRequest', 'sourceGroupIdentity.id is required.');
        if (removed) changes.removedGroups!.push(source);
        else {
          const target = idOf(item.targetGroupIdentity);
          if (!target || typeof item.sourceOrganizationId !== 'string')
            return graphError(400, 'BadRequest', 'targetGroupIdentity and sourceOrganizationId are required.');
          const name =
            isObj(item.targetGroupMigrationData) && typeof item.targetGroupMigrationData.displayName === 'string'
              ? item.targetGroupMigrationData.displayName
              : '';
          changes.groups!.push({
            sourceTenantId: item.sourceOrganizationId,
            source,
            target,
            name,
            groupType: String(item.groupType ?? 'regularGroup'),
          });
        }
      }
    }
    this.cloud.patchIdentityMap(changes);
    return { status: 200, body: { value: items } };
  }

  private createTask(side: TenantSide, json: unknown): FaceResponse {
    if (side !== 'source') return graphError(403, 'accessDenied', 'Migration tasks are created with a source-tenant token.');
    const p = isObj(json) && isObj(json.parameters) ? json.parameters : undefined;
    const source = upnOf(p?.sourceUserIdentity);
    const target = upnOf(p?.targetUserIdentity);
    const host = typeof p?.targetOrganizationHost === 'string' ? p.targetOrganizationHost : undefined;
    if (!p || !source || !target || !host)
      return graphError(400, 'BadRequest', 'parameters.sourceUserIdentity, targetUserIdentity and targetOrganizationHost are required.');
    const user = this.cloud.user('source', source);
    const geography = user?.geography ?? this.cloud.tenant('source').geographies[0]!.code;
    const started = this.cloud.startMove(
      { side: 'source', geography },
      {
        sourceUpn: source,
        targetUpn: target,
        targetHostUrl: host,
        ...(typeof p.preferredStartDateTime === 'string' ? { preferredBegin: p.preferredStartDateTime } : {}),
        validationOnly: p.validateOnly === true,
      },
    );
    if (started.validation) {
      return {
        status: 200,
        body: {
          id: this.cloud.newId(),
          status: started.validation.passed ? 'completed' : 'failed',
          error: started.validation.error ? { code: started.validation.error.split(':')[0], message: started.validation.error } : null,
          parameters: p,
        },
      };
    }
    return { status: 200, body: taskJson(started.move!, this.cloud.now.toISOString()) };
  }
}
