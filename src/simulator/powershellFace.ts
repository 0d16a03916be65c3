/**
 * The PowerShell face of the simulated cloud: one call of a fake cmdlet (its name, the
 * parameters PowerShell bound, the session's connections) becomes an operation on the model,
 * and the answer comes back as the objects the cmdlet writes. Parameter binding itself (names,
 * sets, types, mandatory, accepted values) is done by PowerShell in the generated fake module,
 * exactly as with the real one; this side only sees calls that bound.
 *
 * Output property names follow the scenario's outputShape: the documented names, the
 * alternative ones community scripts report, or names no script recognises (to prove that the
 * scripts fail closed). Pure apart from the model it drives.
 */
import { parseIdentityMap } from '../core/identity/identityMapFile';
import { upnKey } from '../core/plan/principalNames';
import { findCmdlet } from '../core/powershell/cmdletCatalogue';
import { CloudError, type Location, type SimMove, type SimulatedCloud, type SimUser, type TenantSide } from './cloudModel';
import type { CmdletFault, OutputShape } from './scenario';

export interface Session {
  /** Admin URL of the SharePoint connection (Connect-SPOService). */
  spoUrl?: string;
  /** Tenant of the Microsoft Graph connection (Connect-MgGraph). */
  graphTenant?: TenantSide;
}

export interface CmdletCall {
  cmdlet: string;
  parameters: Record<string, unknown>;
  /** Parameters of type DateTime: their DateTimeKind as PowerShell had it (Utc, Local, Unspecified). */
  dateKinds?: Record<string, string>;
  session: Session;
}

export interface CmdletReply {
  output: unknown[];
  session: Session;
}

/** Something a call did that a real tenant would accept but a careful script should not do. */
export interface CallNote {
  cmdlet: string;
  text: string;
}

export class PowerShellFace {
  private readonly calls = new Map<string, number>();
  readonly notes: CallNote[] = [];
  /** Every call, in order (cmdlet name and bound parameter names), for tests and reports. */
  readonly log: Array<{ cmdlet: string; parameters: string[]; ok: boolean }> = [];

  constructor(
    private readonly cloud: SimulatedCloud,
    private readonly options: { outputShape?: OutputShape; faults?: readonly CmdletFault[] } = {},
  ) {}

  callCount(cmdlet: string): number {
    return this.calls.get(cmdlet.toLowerCase()) ?? 0;
  }

  invoke(call: CmdletCall): CmdletReply {
    const name = call.cmdlet.toLowerCase();
    const n = (this.calls.get(name) ?? 0) + 1;
    this.calls.set(name, n);
    try {
      const fault = this.options.faults?.find((f) => f.cmdlet.toLowerCase() === name && f.onCall === n);
      if (fault) throw new CloudError(fault.message ?? `Simulated fault: call ${n} of ${call.cmdlet} failed.`, 'SimulatedFault');
      for (const [parameter, kind] of Object.entries(call.dateKinds ?? {})) {
        if (kind !== 'Utc') this.notes.push({ cmdlet: call.cmdlet, text: `-${parameter} was a DateTime of kind ${kind}, not Utc.` });
      }
      const reply = this.dispatch({ ...call, parameters: canonicalValues(call.cmdlet, call.parameters) });
      this.log.push({ cmdlet: call.cmdlet, parameters: Object.keys(call.parameters), ok: true });
      return reply;
    } catch (error) {
      this.log.push({ cmdlet: call.cmdlet, parameters: Object.keys(call.parameters), ok: false });
      throw error;
    }
  }

  private get shape(): OutputShape {
    return this.options.outputShape ?? 'documented';
  }

  private dispatch(call: CmdletCall): CmdletReply {
    const p = call.parameters;
    const session = { ...call.session };
    const reply = (output: unknown[] = []): CmdletReply => ({ output, session });
    const str = (key: string) => (p[key] === undefined || p[key] === null ? undefined : String(p[key]));
    const req = (key: string) => {
      const v = str(key);
      if (v === undefined) throw new CloudError(`Parameter -${key} is missing.`, 'ParameterBindingException');
      return v;
    };
    switch (call.cmdlet.toLowerCase()) {
      // ---- SharePoint Online ----------------------------------------------------------------
      case 'connect-sposervice': {
        const url = req('Url');
        if (!this.cloud.locateAdminUrl(url))
          throw new CloudError(
            `Could not connect to SharePoint Online: ${url} is not a SharePoint admin URL of a simulated tenant.`,
            'IdcrlException',
          );
        session.spoUrl = url;
        return reply();
      }
      case 'disconnect-sposervice':
        delete session.spoUrl;
        return reply();
      case 'get-spocrosstenanthosturl': {
        const url = this.cloud.hostUrl(this.spo(session));
        return reply([
          this.shape === 'documented'
            ? `${url}/`
            : `Cross-tenant host URL\r\n  CrossTenantHostUrl : ${url}/\r\n  (verbose output of the module)`,
        ]);
      }
      case 'set-spocrosstenantrelationship':
        this.checkScenario(p);
        this.cloud.setRelationship(this.spo(session), req('PartnerRole'), req('PartnerCrossTenantHostUrl'));
        return reply();
      case 'verify-spocrosstenantrelationship':
      case 'test-spocrosstenantrelationship': {
        this.checkScenario(p);
        const state = this.cloud.verifyRelationship(this.spo(session), req('PartnerRole'), req('PartnerCrossTenantHostUrl'));
        return reply([this.shape === 'documented' ? state : { value: state }]);
      }
      case 'remove-spocrosstenantrelationship':
        this.checkScenario(p);
        this.cloud.removeRelationship(this.spo(session), req('PartnerRole'), req('PartnerCrossTenantHostUrl'));
        return reply();
      case 'get-spocrosstenantcompatibilitystatus': {
        const status = this.cloud.compatibility(this.spo(session), req('PartnerCrossTenantHostUrl'));
        return reply([
          this.shape === 'documented'
            ? status
            : { CompatibilityStatus: status, PartnerCrossTenantHostUrl: req('PartnerCrossTenantHostUrl') },
        ]);
      }
      case 'add-spotenantidentitymap': {
        const content = str('IdentityMapContent');
        if (content === undefined) throw new CloudError('The identity map file could not be read.', 'IOException');
        this.cloud.uploadIdentityMap(
          this.spo(session),
          parseIdentityMap(content).rows.map((r) => r.fields),
        );
        return reply();
      }
      case 'get-spotenantidentitymappinguser': {
        const map = this.cloud.identityMap(this.spo(session));
        const value = req('Value').toLowerCase();
        const field = req('Field');
        const hits = Object.values(map?.users ?? {}).filter((u) =>
          field === 'SourceUserKey'
            ? u.source.toLowerCase() === value
            : field === 'TargetUserUpn'
              ? u.target.toLowerCase() === value
              : field === 'TargetUserEmail'
                ? u.email.toLowerCase() === value
                : false,
        );
        return reply(
          hits.map((u) => ({
            SourceTenantCompanyId: u.sourceTenantId,
            SourceUserKey: u.source,
            TargetUserUpn: u.target,
            TargetUserEmail: u.email,
            UserType: u.userType,
          })),
        );
      }
      case 'get-spotenantidentitymappinggroup': {
        const map = this.cloud.identityMap(this.spo(session));
        const value = req('Value').toLowerCase();
        const field = req('Field');
        const hits = Object.values(map?.groups ?? {}).filter((g) =>
          field === 'SourceGroupObjectId'
            ? g.source.toLowerCase() === value
            : field === 'TargetGroupObjectId'
              ? g.target.toLowerCase() === value
              : g.name.toLowerCase() === value,
        );
        return reply(
          hits.map((g) => ({
            SourceTenantCompanyId: g.sourceTenantId,
            SourceGroupObjectId: g.source,
            TargetGroupObjectId: g.target,
            TargetGroupName: g.name,
            GroupType: g.groupType,
          })),
        );
      }
      case 'start-spocrosstenantusercontentmove': {
        const at = this.spo(session);
        const result = this.cloud.startMove(at, {
          sourceUpn: req('SourceUserPrincipalName'),
          targetUpn: req('TargetUserPrincipalName'),
          targetHostUrl: req('TargetCrossTenantHostUrl'),
          ...(str('PreferredMoveBeginDate') ? { preferredBegin: new Date(str('PreferredMoveBeginDate')!).toISOString() } : {}),
          ...(str('PreferredMoveEndDate') ? { preferredEnd: new Date(str('PreferredMoveEndDate')!).toISOString() } : {}),
          validationOnly: p.ValidationOnly === true,
        });
        if (result.validation) return reply([this.validationObject(result.validation)]);
        return reply([this.moveObject(result.move!)]);
      }
      case 'stop-spocrosstenantusercontentmove':
        this.cloud.stopMove(this.spo(session), req('SourceUserPrincipalName'));
        return reply();
      case 'get-spocrosstenantusercontentmovestate': {
        const at = this.spo(session);
        let moves = this.cloud.movesFor(at, req('PartnerCrossTenantHostUrl'));
        const upn = str('SourceUserPrincipalName');
        if (upn) moves = moves.filter((m) => upnKey(m.sourceUpn) === upnKey(upn));
        const id = str('SiteMoveId');
        if (id) moves = moves.filter((m) => m.id === id.toLowerCase());
        const filter = str('MoveState');
        if (filter && filter !== 'All') moves = moves.filter((m) => m.state === filter || (filter === 'Queued' && m.state === 'Scheduled'));
        const limit = p.Limit === undefined ? undefined : Number(p.Limit);
        if (limit !== undefined) moves = moves.slice(0, limit);
        return reply(moves.map((m) => this.moveObject(m)));
      }
      case 'find-spocrosstenantlongfilepathsforsiterename':
        return reply();
      case 'get-spomultigeocompanyalloweddatalocation': {
        const at = this.spo(session);
        const tenant = this.cloud.tenant(at.side);
        if (tenant.geographies.length < 2) throw new CloudError('This tenant is not a Multi-Geo tenant.', 'ServerException');
        return reply(
          tenant.geographies.map((g, i) => ({ Location: g.code, Domain: new URL(g.rootUrl || g.hostUrl).host, IsDefault: i === 0 })),
        );
      }
      case 'get-sposite':
        return reply(this.getSites(session, p));
      case 'remove-sposite':
        this.cloud.removeSite(this.spo(session), req('Identity'));
        return reply();
      case 'remove-spodeletedsite':
        return reply();

      // ---- Microsoft Graph -----------------------------------------------------------------
      case 'connect-mggraph': {
        const tenant = str('TenantId');
        const side = (['source', 'target'] as const).find((s) => {
          const t = this.cloud.tenant(s);
          return (
            tenant !== undefined &&
            (tenant.toLowerCase() === t.tenantId.toLowerCase() || tenant.toLowerCase() === `${t.name}.onmicrosoft.com`)
          );
        });
        if (!side) throw new CloudError(`AADSTS90002: Tenant '${tenant ?? ''}' not found.`, 'AuthenticationFailed');
        session.graphTenant = side;
        return reply();
      }
      case 'get-mgcontext': {
        if (!session.graphTenant) return reply();
        const t = this.cloud.tenant(session.graphTenant);
        return reply([
          {
            TenantId: t.tenantId,
            Account: `admin@${t.name}.onmicrosoft.com`,
            Scopes: ['User.ReadWrite.All', 'Group.ReadWrite.All', 'User.Invite.All'],
          },
        ]);
      }
      case 'get-mguser': {
        const side = this.graph(session);
        const users = Object.values(this.cloud.tenant(side).users);
        const id = str('UserId');
        if (id) {
          const user = users.find((u) => u.id === id.toLowerCase() || upnKey(u.upn) === upnKey(id));
          if (!user) throw notFound(id);
          return reply([userObject(user)]);
        }
        const filter = str('Filter');
        const mail = filter ? /^mail eq '((?:[^']|'')*)'$/.exec(filter.trim())?.[1]?.replace(/''/g, "'") : undefined;
        if (filter && mail === undefined) throw new CloudError(`[BadRequest] : Invalid filter clause: ${filter}`, 'BadRequest');
        return reply(users.filter((u) => mail === undefined || u.mail.toLowerCase() === mail.toLowerCase()).map(userObject));
      }
      case 'new-mguser': {
        const side = this.graph(session);
        const upn = req('UserPrincipalName');
        const tenant = this.cloud.tenant(side);
        const pdl = str('PreferredDataLocation');
        if (pdl && !tenant.geographies.some((g) => g.code === pdl))
          throw new CloudError(
            `[Request_BadRequest] : Invalid value specified for property 'preferredDataLocation' of resource 'User'.`,
            'Request_BadRequest',
          );
        const user = this.cloud.createUser(side, {
          upn,
          mail: upn,
          displayName: req('DisplayName'),
          userType: 'Member',
          licensed: false,
          geography: pdl ?? tenant.geographies[0]!.code,
          ...(pdl ? { preferredDataLocation: pdl } : {}),
        });
        return reply([userObject(user)]);
      }
      case 'new-mginvitation': {
        const side = this.graph(session);
        const email = req('InvitedUserEmailAddress');
        const tenant = this.cloud.tenant(side);
        const upn = `${email.replace('@', '_')}#EXT#@${tenant.name}.onmicrosoft.com`;
        const user =
          this.cloud.user(side, upn) ??
          this.cloud.createUser(side, {
            upn,
            mail: email,
            displayName: str('InvitedUserDisplayName') ?? email,
            userType: 'Guest',
            licensed: false,
            geography: tenant.geographies[0]!.code,
          });
        return reply([
          { Id: this.cloud.newId(), InvitedUserEmailAddress: email, Status: 'PendingAcceptance', InvitedUser: { Id: user.id } },
        ]);
      }
      case 'get-mggroup': {
        const side = this.graph(session);
        const groups = Object.values(this.cloud.tenant(side).groups);
        const toObject = (g: (typeof groups)[number]) => ({
          Id: g.id,
          DisplayName: g.displayName,
          MailNickname: g.mailNickname,
          GroupTypes: g.kind === 'Unified' ? ['Unified'] : [],
          SecurityEnabled: true,
        });
        const id = str('GroupId');
        if (id) {
          const group = this.cloud.tenant(side).groups[id.toLowerCase()];
          if (!group) throw notFound(id);
          return reply([toObject(group)]);
        }
        const filter = str('Filter');
        const clause = filter ? /^(mailNickname|displayName) eq '((?:[^']|'')*)'$/i.exec(filter.trim()) : undefined;
        if (filter && !clause) throw new CloudError(`[BadRequest] : Invalid filter clause: ${filter}`, 'BadRequest');
        const wanted = clause?.[2]?.replace(/''/g, "'").toLowerCase();
        const field = clause?.[1]?.toLowerCase() === 'displayname' ? 'displayName' : 'mailNickname';
        return reply(groups.filter((g) => wanted === undefined || g[field].toLowerCase() === wanted).map(toObject));
      }
      case 'new-mggroup':
      case 'new-mgbetagroup': {
        const side = this.graph(session);
        const types = (p.GroupTypes as string[] | undefined) ?? [];
        const unified = types.some((t) => t.toLowerCase() === 'unified');
        const behaviours = ((p.ResourceBehaviorOptions as string[] | undefined) ?? []).map((b) => b.toLowerCase());
        if (unified && !behaviours.includes('provisionsiteondemand')) {
          this.notes.push({
            cmdlet: call.cmdlet,
            text: `Microsoft 365 group ${req('DisplayName')} created without ProvisionSiteOnDemand: its site migration would fail.`,
          });
        }
        const group = this.cloud.createGroup(side, {
          displayName: req('DisplayName'),
          mailNickname: req('MailNickname'),
          kind: unified ? 'Unified' : 'Security',
          ...(unified ? { provisionSiteOnDemand: behaviours.includes('provisionsiteondemand') } : {}),
          ...(str('PreferredDataLocation') ? { preferredDataLocation: str('PreferredDataLocation')! } : {}),
        });
        return reply([{ Id: group.id, DisplayName: group.displayName, MailNickname: group.mailNickname }]);
      }
      default:
        throw new CloudError(`The simulator does not implement ${call.cmdlet}.`, 'NotImplemented');
    }
  }

  private checkScenario(p: Record<string, unknown>): void {
    if (p.Scenario !== 'MnA') throw new CloudError(`Scenario ${String(p.Scenario)} is not supported; use MnA.`, 'ArgumentException');
  }

  private spo(session: Session): Location {
    if (!session.spoUrl)
      throw new CloudError('No connection available. Use Connect-SPOService before running this CmdLet.', 'InvalidOperationException');
    const at = this.cloud.locateAdminUrl(session.spoUrl);
    if (!at)
      throw new CloudError('No connection available. Use Connect-SPOService before running this CmdLet.', 'InvalidOperationException');
    return at;
  }

  private graph(session: Session): TenantSide {
    if (!session.graphTenant) throw new CloudError('Authentication needed. Please call Connect-MgGraph.', 'AuthenticationNeeded');
    return session.graphTenant;
  }

  private getSites(session: Session, p: Record<string, unknown>): unknown[] {
    const at = this.spo(session);
    const toObject = (s: { url: string; template: string; owner: string; lastContentModifiedDate: string }) => ({
      Url: s.url,
      Template: s.template,
      Owner: s.owner,
      LastContentModifiedDate: s.lastContentModifiedDate,
      Title: s.url.split('/').pop(),
    });
    if (p.Identity !== undefined) {
      const site =
        this.cloud.site(at, String(p.Identity)) ??
        (String(p.Identity).toLowerCase().replace(/\/+$/, '') === this.cloud.geography(at).rootUrl
          ? {
              url: this.cloud.geography(at).rootUrl,
              template: 'SITEPAGEPUBLISHING#0',
              owner: '',
              lastContentModifiedDate: this.cloud.now.toISOString(),
            }
          : undefined);
      if (!site) throw new CloudError(`Cannot get site ${String(p.Identity)}.`, 'ServerException');
      return [toObject(site)];
    }
    let sites = this.cloud.sites(at);
    if (p.IncludePersonalSite !== true) sites = sites.filter((s) => !/-my\.sharepoint\.com\/personal\//i.test(s.url));
    if (p.Template !== undefined) sites = sites.filter((s) => s.template.toLowerCase() === String(p.Template).toLowerCase());
    if (p.Filter !== undefined) {
      const like = /^Url\s+-like\s+'((?:[^']|'')*)'$/i.exec(String(p.Filter).trim());
      if (!like) throw new CloudError(`The simulator understands only -Filter "Url -like '…'", not ${String(p.Filter)}.`, 'NotImplemented');
      const part = like[1]!.replace(/''/g, "'").replace(/\*/g, '').toLowerCase();
      sites = sites.filter((s) => s.url.toLowerCase().includes(part));
    }
    const limit = p.Limit === undefined ? 200 : String(p.Limit).toLowerCase() === 'all' ? Infinity : Number(p.Limit);
    return sites.slice(0, limit).map(toObject);
  }

  private moveObject(m: SimMove): Record<string, unknown> {
    const state = m.state;
    const error = m.error ?? '';
    switch (this.shape) {
      case 'documented':
        return {
          MoveJobId: m.id,
          SourceUserPrincipalName: m.sourceUpn,
          TargetUserPrincipalName: m.targetUpn,
          MoveState: state,
          SourceSiteUrl: m.sourceSiteUrl,
          TargetSiteUrl: m.targetSiteUrl,
          SourceDataLocation: m.sourceGeography,
          DestinationDataLocation: m.targetGeography,
          TimeStamp: m.finishedAt ?? m.queuedAt,
          ErrorMessage: error,
        };
      case 'alternative':
        return {
          JobId: m.id,
          SourceSiteUrl: m.sourceSiteUrl,
          TargetSiteUrl: m.targetSiteUrl,
          State: state,
          LastModified: m.finishedAt ?? m.queuedAt,
          ErrorDescription: error,
        };
      default:
        return { Id: m.id, Src: m.sourceSiteUrl, Dst: m.targetSiteUrl, Phase: state };
    }
  }

  private validationObject(v: { passed: boolean; error?: string }): Record<string, unknown> {
    switch (this.shape) {
      case 'documented':
        return { ValidationState: v.passed ? 'Success' : 'Failed', ErrorMessage: v.error ?? '' };
      case 'alternative':
        return { Result: v.passed ? 'Passed' : 'Failed', Error: v.error ?? '' };
      default:
        return { Outcome: v.passed ? 1 : 0 };
    }
  }
}

/** Enum parameters bind case-insensitively: pass on the catalogue's spelling. */
function canonicalValues(cmdlet: string, parameters: Record<string, unknown>): Record<string, unknown> {
  const spec = findCmdlet(cmdlet);
  if (!spec) return parameters;
  const out: Record<string, unknown> = { ...parameters };
  for (const p of spec.parameters) {
    const v = out[p.name];
    if (p.values && typeof v === 'string') out[p.name] = p.values.find((x) => x.toLowerCase() === v.toLowerCase()) ?? v;
  }
  return out;
}

function userObject(u: SimUser): Record<string, unknown> {
  return {
    Id: u.id,
    UserPrincipalName: u.upn,
    Mail: u.mail,
    DisplayName: u.displayName,
    UserType: u.userType,
    PreferredDataLocation: u.preferredDataLocation ?? null,
  };
}

function notFound(id: string): CloudError {
  return new CloudError(
    `[Request_ResourceNotFound] : Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    'Request_ResourceNotFound',
  );
}
