/**
 * Live mode in VS Code: sign in to the source and the target tenant (each with the admin's own app
 * registration), token caches in SecretStorage, the accounts for the Tenants tree, and the checks
 * that keep the two tenants apart (a token's tenant must be the plan's; an empty tenant ID in the
 * plan is offered to be filled, never written silently). The system browser signs in; device code
 * takes over where the extension host cannot reach the browser (remote, browser-hosted VS Code) or
 * when the setting asks for it. Nothing here logs, stores or shows a token.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { checkTenantBinding } from '../core/live/tenantBinding';
import type { TenantRole } from '../core/live/liveTypes';
import type { DirectorySource } from '../core/identity/directory';
import type { LiveSession, LiveSettings } from '../services/live/liveSession';
import type { DeviceCodeInfo } from '../services/live/msalTokenSource';
import { liveModule } from '../services/live/loadLive';
import { appRegistrationScript } from './lazyGenerator';
import type { GeneratedFile } from '../core/powershell/generatorTypes';
import { generatorInput } from '../services/planWorkspace';
import { log } from './log';
import type { PlanStore, ValidPlanSnapshot } from './planStore';
import type { LiveResultFile } from '../core/live/liveResults';
import type { Batch } from '../core/plan/planSchema';
import { queueCandidates } from '../core/moves/queueCandidates';
import { batchUserSource } from '../core/plan/planQueries';
import { isStoppableState } from '../core/plan/moveStates';
import { upnKey } from '../core/plan/principalNames';
import { DEFAULT_MIGRATION_SKU } from '../core/live/licenceCheck';
import { isUserRow, readIdentityMapBytes, type IdentityMapRow } from '../core/identity/identityMapRows';
import { createHash } from 'node:crypto';
import { requireAllowedPaths } from './pathConsent';
import { writeTextAtomic } from './atomicWrite';

export interface LiveAccount {
  username: string;
  tenantId: string;
  /** The audiences live mode has asked tokens for so far. */
  audiences?: string[];
}

const ROLES: readonly TenantRole[] = ['source', 'target'];
const roleName = (role: TenantRole) => (role === 'source' ? vscode.l10n.t('source') : vscode.l10n.t('target'));

/** The admins' client IDs (live mode is set up for a role that has one). */
function clientIds(scope?: vscode.Uri): LiveSettings['clientIds'] {
  const config = vscode.workspace.getConfiguration('onedriveMigration.live', scope ?? null);
  const id = (key: string) => config.get<string>(key, '').trim();
  return {
    ...(id('sourceClientId') ? { source: id('sourceClientId') } : {}),
    ...(id('targetClientId') ? { target: id('targetClientId') } : {}),
  };
}

export function liveSettings(scope?: vscode.Uri): LiveSettings {
  const config = vscode.workspace.getConfiguration('onedriveMigration.live', scope ?? null);
  const method = config.get<string>('signInMethod', 'auto');
  // Where the extension host runs apart from the browser, the loopback redirect cannot come back.
  const remote = vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
  const certificateFile = config.get<string>('extraCertificateFile', '').trim();
  const settings: LiveSettings = {
    authorityBase: config.get<string>('authority', 'https://login.microsoftonline.com'),
    graphBaseUrl: config.get<string>('graphBaseUrl', 'https://graph.microsoft.com'),
    clientIds: clientIds(scope),
    interaction: method === 'deviceCode' || (method === 'auto' && remote) ? 'deviceCode' : 'interactive',
  };
  const sharePointBase = config.get<string>('sharePointBaseUrl', '').trim();
  if (sharePointBase) settings.sharePointBaseUrl = sharePointBase;
  if (certificateFile) {
    try {
      settings.extraCertificate = readFileSync(certificateFile, 'utf8');
    } catch (error) {
      throw new Error(vscode.l10n.t('onedriveMigration.live.extraCertificateFile cannot be read: {0}', (error as Error).message), {
        cause: error,
      });
    }
  }
  return settings;
}

/** Proposed plans, shown beside the plan in a diff before they are accepted. */
const PROPOSAL_SCHEME = 'onedrive-migration-proposal';

export class LiveMode implements vscode.Disposable {
  private session: LiveSession | undefined;
  private readonly proposals = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
    provideTextDocumentContent: (uri) => this.proposals.get(uri.path) ?? '',
  });
  private sessionKey = '';
  private readonly known = new Map<TenantRole, LiveAccount | undefined>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** Under test: the last device code shown (the test approves it in the simulated cloud). */
  lastDeviceCode: DeviceCodeInfo | undefined;

  constructor(
    private readonly store: PlanStore,
    private readonly secrets: vscode.SecretStorage,
    private readonly clock: () => Date,
  ) {
    this.updateContext();
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('onedriveMigration.live')) return;
      this.updateContext();
      this.emitter.fire();
    });
  }

  private readonly configListener: vscode.Disposable;

  /** Menus show live mode's actions only once it is set up. */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'onedriveMigration.live.configured', this.configured());
  }

  /** The plan when it is valid; otherwise the message to fix it first. */
  private validSnapshot(): ValidPlanSnapshot {
    const snapshot = this.store.valid;
    if (!snapshot) throw new Error(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'));
    return snapshot;
  }

  /** Whether live mode is set up (a client ID for at least one role). */
  configured(): boolean {
    return Object.keys(clientIds(this.store.snapshot?.uri)).length > 0;
  }

  /** The accounts signed in, as last known (no network): for the tree. */
  accounts(): Partial<Record<TenantRole, LiveAccount | undefined>> {
    const out: Partial<Record<TenantRole, LiveAccount | undefined>> = {};
    for (const [role, account] of this.known)
      out[role] = account && this.session ? { ...account, audiences: this.session.audiences(role) } : account;
    return out;
  }

  private live(): LiveSession {
    const settings = liveSettings(this.store.snapshot?.uri);
    const key = JSON.stringify(settings);
    if (this.session && key === this.sessionKey) return this.session;
    this.sessionKey = key;
    this.session = liveModule().createLiveSession(settings, {
      plan: () => this.store.valid?.plan,
      secrets: {
        get: async (k) => this.secrets.get(k),
        store: async (k, v) => this.secrets.store(k, v),
        delete: async (k) => this.secrets.delete(k),
      },
      openBrowser: async (url) => {
        if (!(await vscode.env.openExternal(vscode.Uri.parse(url, true))))
          throw new Error(vscode.l10n.t('The browser could not be opened.'));
      },
      onDeviceCode: (info) => this.showDeviceCode(info),
      log: (level, message) => (level === 'error' ? log.error(`msal: ${message}`) : log.warn(`msal: ${message}`)),
    });
    return this.session;
  }

  private showDeviceCode(info: DeviceCodeInfo): void {
    this.lastDeviceCode = info;
    const open = vscode.l10n.t('Copy Code and Open Browser');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Sign in to the {0} tenant: open {1} and enter the code {2}.',
          roleName(info.role),
          info.verificationUri,
          info.userCode,
        ),
        open,
      )
      .then(async (a) => {
        if (a !== open) return;
        await vscode.env.clipboard.writeText(info.userCode);
        await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri, true));
      });
  }

  async refreshAccounts(): Promise<void> {
    if (!this.configured()) return;
    let changed = false;
    for (const role of ROLES) {
      const account = await this.live()
        .account(role)
        .catch(() => undefined);
      const before = this.known.get(role);
      if (before?.username !== account?.username || before?.tenantId !== account?.tenantId) changed = true;
      this.known.set(role, account);
    }
    // A refresh of the Tenants tree while it is still drawing its first nodes can leave them empty: only when something changed.
    if (changed) this.emitter.fire();
  }

  /** Signs in a role (asks which when not given), then offers to fill the plan's empty tenant ID. */
  async signIn(role?: TenantRole): Promise<LiveAccount | undefined> {
    const plan = this.validSnapshot().plan;
    const which = role ?? (await this.pickRole(vscode.l10n.t('Sign In to Which Tenant?')));
    if (!which) return undefined;
    if (!clientIds(this.store.snapshot?.uri)[which])
      throw new Error(
        vscode.l10n.t(
          'Set onedriveMigration.live.{0}ClientId to the app registration of the {1} tenant first (Create the App Registration… writes the script that makes one).',
          which,
          roleName(which),
        ),
      );
    const token = await this.progress(vscode.l10n.t('Signing in to the {0} tenant…', roleName(which)), (signal) =>
      this.live().signIn(which, signal),
    );
    const account: LiveAccount = { username: token.username ?? '', tenantId: token.tenantId };
    this.known.set(which, account);
    this.emitter.fire();
    log.info(`live: signed in to the ${which} tenant ${token.tenantId} as ${account.username}`);
    const binding = checkTenantBinding(plan, which, token.tenantId);
    if (binding.ok && binding.fill) await this.offerTenantId(which, binding.fill);
    return account;
  }

  private async offerTenantId(role: TenantRole, tenantId: string): Promise<void> {
    const set = vscode.l10n.t('Set the Tenant ID');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('The plan has no tenant ID for the {0} tenant. Set it to {1}, the tenant you signed in to?', roleName(role), tenantId),
      set,
    );
    if (answer !== set) return;
    await this.store.update(`${role} tenant ID from the signed-in account`, (plan) => ({ ...plan, [role]: { ...plan[role], tenantId } }));
  }

  async signOut(role?: TenantRole): Promise<void> {
    const roles = role ? [role] : ROLES;
    for (const r of roles) {
      await this.live().signOut(r);
      this.known.set(r, undefined);
      log.info(`live: signed out of the ${r} tenant`);
    }
    this.emitter.fire();
  }

  /** Whether both tenants can be read (a client ID for each): the matching panel then offers them. */
  bothConfigured(): boolean {
    const ids = clientIds(this.store.snapshot?.uri);
    return Boolean(ids.source && ids.target);
  }

  /** Both tenants' directories for matching, signed in first where needed. */
  async directoriesForMatching(): Promise<{ source: DirectorySource; target: DirectorySource } | undefined> {
    for (const role of ROLES) if (!this.known.get(role) && !(await this.signIn(role))) return undefined;
    // The users of both tenants are read in parallel; the notification counts them as the pages arrive.
    const counts: Record<TenantRole, number> = { source: 0, target: 0 };
    let report: ((message: string) => void) | undefined;
    let finish: (() => void) | undefined;
    let pending = 2;
    const reading = () =>
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading both directories through Graph') },
        (progress) => {
          report = (message) => progress.report({ message });
          return new Promise<void>((resolve) => (finish = resolve));
        },
      );
    const directory = (role: TenantRole): DirectorySource => {
      const graph = this.live().directory(role, {
        onProgress: (what, n) => {
          if (what !== 'users') return;
          counts[role] = n;
          report?.(vscode.l10n.t('source {0} users, target {1} users', counts.source.toLocaleString(), counts.target.toLocaleString()));
        },
      });
      return {
        users: async () => {
          if (pending === 2 && !report) reading();
          try {
            return await graph.users();
          } finally {
            if (--pending === 0) finish?.();
          }
        },
        groups: () => graph.groups(),
      };
    };
    return { source: directory('source'), target: directory('target') };
  }

  /** The session (tests and the matching panel read directories through it). */
  get liveSession(): LiveSession {
    return this.live();
  }

  /**
   * What Graph says about a tenant (its ID, name, geographies with their URLs) as an edit of the plan:
   * shown as a diff beside the plan, applied only when the admin accepts it. Returns whether it was applied.
   */
  async fillPlan(role?: TenantRole): Promise<boolean> {
    const snapshot = this.validSnapshot();
    const which = role ?? (await this.pickRole(vscode.l10n.t('Fill the Plan From Which Tenant?')));
    if (!which) return false;
    if (!this.known.get(which) && !(await this.signIn(which))) return false;
    const facts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the {0} tenant…', roleName(which)) },
      () => this.live().planFacts(which, snapshot.plan),
    );
    for (const s of facts.skipped) log.warn(`live: a root site that is not a SharePoint Online geography was left out: ${s}`);
    if (!facts.changes.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The plan already says what the {0} tenant says about itself.', roleName(which)),
      );
      return false;
    }
    const { rewritePlanText } = await import('../core/plan/planText');
    const proposed = rewritePlanText(snapshot.text, snapshot.plan, { ...snapshot.plan, [which]: facts.tenant });
    const path = `/${which}/onedrive-migration.json`;
    this.proposals.set(path, proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      snapshot.uri,
      vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path }),
      vscode.l10n.t('Plan ↔ what the {0} tenant says', roleName(which)),
    );
    const apply = vscode.l10n.t('Apply to the Plan');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Apply what the {0} tenant says to the plan?', roleName(which)),
      { modal: true, detail: facts.changes.join('\n') },
      apply,
    );
    if (answer !== apply) return false;
    // The tenant as the diff showed it (the rest of the plan is read again by the store).
    await this.store.update(`${which} tenant from Microsoft Graph`, (plan) => ({ ...plan, [which]: facts.tenant }));
    return true;
  }

  /** The script that creates live mode's app registration in one tenant, for review (it runs there, not here). */
  async appRegistrationScript(role?: TenantRole): Promise<{ which: TenantRole; file: GeneratedFile } | undefined> {
    const snapshot = this.validSnapshot();
    const which = role ?? (await this.pickRole(vscode.l10n.t('Create the App Registration in Which Tenant?')));
    if (!which) return undefined;
    const provenance = generatorInput(snapshot.uri.fsPath, snapshot.plan, snapshot.scriptsUri.fsPath).provenance;
    return { which, file: appRegistrationScript(snapshot.plan, which, provenance) };
  }

  /** A result file learnt live, written into the results folder and imported like a script's. */
  private async writeResult(file: LiveResultFile): Promise<vscode.Uri> {
    const snapshot = this.validSnapshot();
    requireAllowedPaths(snapshot, ['results']);
    const uri = vscode.Uri.joinPath(snapshot.resultsUri, file.name);
    await writeTextAtomic(uri, file.text);
    log.info(`live: wrote ${vscode.workspace.asRelativePath(uri)}`);
    await this.store.reload({ forceImport: true });
    return uri;
  }

  private async pickGeography(side: TenantRole | undefined, title: string): Promise<{ side: TenantRole; geography: string } | undefined> {
    const plan = this.store.valid?.plan;
    if (!plan) return undefined;
    const items = (side ? [side] : ROLES).flatMap((r) =>
      plan[r].geographies.map((g) => ({ label: g.code, description: `${roleName(r)} · ${g.adminUrl}`, side: r, geography: g.code })),
    );
    return items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title });
  }

  /** The redirect sites of a geography through its SharePoint admin host: a redirectSites result, as the step 7 script writes. */
  async listRedirectSites(at?: { side?: TenantRole; geography?: string }): Promise<vscode.Uri | undefined> {
    const plan = this.validSnapshot().plan;
    const where =
      at?.side && at.geography
        ? { side: at.side, geography: at.geography }
        : await this.pickGeography(at?.side, vscode.l10n.t('List the Redirect Sites of Which Geography?'));
    if (!where) return undefined;
    if (!this.known.get(where.side) && !(await this.signIn(where.side))) return undefined;
    const file = await this.progress(
      vscode.l10n.t('Listing the redirect sites of {0} {1}…', roleName(where.side), where.geography),
      (signal) => this.live().redirectSitesResult(plan, where.side, where.geography, this.clock(), signal),
    );
    return this.writeResult(file);
  }

  /** Which mapped target users already have a OneDrive in a target geography: a targetOneDriveCheck result, as step 4's script writes. */
  async checkTargetOneDrives(geography?: string): Promise<vscode.Uri | undefined> {
    const snapshot = this.validSnapshot();
    const where = geography
      ? { side: 'target' as const, geography }
      : await this.pickGeography('target', vscode.l10n.t('Check Which Target Geography?'));
    if (!where) return undefined;
    const targets = (await this.mapOf()).rows.filter(isUserRow).map((r) => r.target);
    if (!this.known.get('target') && !(await this.signIn('target'))) return undefined;
    const file = await this.progress(vscode.l10n.t('Checking {0} target users for an existing OneDrive…', targets.length), (signal) =>
      this.live().targetOneDriveCheckResult(snapshot.plan, where.geography, targets, this.clock(), signal),
    );
    return this.writeResult(file);
  }

  /** Which users and groups the identity map names in the target are missing there (a precreation result, as step 4's report). */
  async checkTargetDirectory(): Promise<vscode.Uri | undefined> {
    const snapshot = this.validSnapshot();
    const { rows } = await this.mapOf();
    if (!this.known.get('target') && !(await this.signIn('target'))) return undefined;
    const file = await this.progress(vscode.l10n.t('Reading the target directory…'), (signal) =>
      this.live().targetDirectoryResult(snapshot.plan, rows, this.clock(), signal),
    );
    return this.writeResult(file);
  }

  /** Whether steps 5 and 6 go through Microsoft Graph (beta) instead of the PowerShell scripts. */
  graphBackend(): boolean {
    return (
      this.configured() &&
      vscode.workspace.getConfiguration('onedriveMigration.live', this.store.snapshot?.uri ?? null).get<string>('movesBackend') === 'graph'
    );
  }

  /** The identity map (its path allowed first), for the checks and the Graph upload. */
  private async mapOf(): Promise<{ rows: IdentityMapRow[]; bytes: Uint8Array; uri: vscode.Uri }> {
    const snapshot = this.validSnapshot();
    requireAllowedPaths(snapshot, ['identityMap']);
    const bytes = await vscode.workspace.fs.readFile(snapshot.identityMapUri);
    const { rows } = readIdentityMapBytes(bytes);
    return { rows, bytes, uri: snapshot.identityMapUri };
  }

  private progress<T>(
    title: string,
    task: (signal: AbortSignal, report: (done: number, total: number) => void) => Promise<T>,
  ): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancel) => {
      const controller = new AbortController();
      cancel.onCancellationRequested(() => controller.abort());
      let last = 0;
      return task(controller.signal, (done, total) => {
        const pct = total ? (done / total) * 100 : 0;
        progress.report({ message: `${done.toLocaleString()} / ${total.toLocaleString()}`, increment: pct - last });
        last = pct;
      });
    });
  }

  /** Step 5 through Graph (beta): the whole map as mappings, after a confirmation; its upload results land in the plan. */
  async uploadIdentityMapThroughGraph(): Promise<vscode.Uri[]> {
    const snapshot = this.validSnapshot();
    const map = await this.mapOf();
    const go = vscode.l10n.t('Upload Through Graph');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Upload the identity map ({0} rows) to the target tenant through Microsoft Graph (beta)?', map.rows.length),
      {
        modal: true,
        detail: vscode.l10n.t(
          "It adds or updates the mapping of each row (50 a request). Graph's migration API is in beta and not confirmed against a real tenant; the PowerShell script of step 5 does the same with Add-SPOTenantIdentityMap.",
        ),
      },
      go,
    );
    if (answer !== go) return [];
    if (!this.known.get('target') && !(await this.signIn('target'))) return [];
    const sha256 = createHash('sha256').update(map.bytes).digest('hex');
    const files = await this.progress(vscode.l10n.t('Uploading the identity map through Graph…'), (signal, report) =>
      this.live().uploadIdentityMapResults(
        snapshot.plan,
        map.rows,
        { path: vscode.workspace.asRelativePath(map.uri), sha256 },
        this.clock,
        signal,
        report,
      ),
    );
    const written: vscode.Uri[] = [];
    for (const f of files) written.push(await this.writeResult(f));
    return written;
  }

  /** Step 6 through Graph (beta): a batch's move tasks (validation only, or for real), after a confirmation. */
  async queueBatchThroughGraph(batchName?: string): Promise<vscode.Uri | undefined> {
    const snapshot = this.validSnapshot();
    const batches = snapshot.plan.batches ?? [];
    const name =
      batchName ??
      (
        await vscode.window.showQuickPick(
          batches.map((b) => ({ label: b.name, description: `${b.sourceGeography} → ${b.targetGeography} · ${b.users.length}` })),
          { title: vscode.l10n.t('Queue Which Batch Through Graph?') },
        )
      )?.label;
    const batch = batches.find((b) => b.name === name);
    if (!batch) return undefined;
    // As the queue script: not the users already moved or under way, failed ones only in a retry batch.
    const { queue: candidates, skipped } = queueCandidates(snapshot.plan, batch);
    if (!candidates.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Every user of batch "{0}" has moved or is under way: nothing to queue.', batch.name),
      );
      return undefined;
    }
    const validate = vscode.l10n.t('Validate Only');
    const queue = vscode.l10n.t('Queue the Moves');
    const answer = await vscode.window.showWarningMessage(
      skipped
        ? vscode.l10n.t(
            'Queue {0} moves of batch "{1}" through Microsoft Graph (beta)? {2} already moved or under way are left out.',
            candidates.length,
            batch.name,
            skipped,
          )
        : vscode.l10n.t('Queue the {0} moves of batch "{1}" through Microsoft Graph (beta)?', candidates.length, batch.name),
      {
        modal: true,
        detail: vscode.l10n.t(
          "Each user gets a migration task on the source tenant, with the batch's preferred start. A validation pass moves nothing. Graph's migration API is in beta and not confirmed against a real tenant.",
        ),
      },
      validate,
      queue,
    );
    if (answer !== validate && answer !== queue) return undefined;
    const { rows } = await this.mapOf();
    const targets = new Map(rows.filter(isUserRow).map((r) => [r.source.toLowerCase(), r.target]));
    if (!this.known.get('source') && !(await this.signIn('source'))) return undefined;
    const file = await this.progress(vscode.l10n.t('Queueing batch {0} through Graph…', batch.name), (signal, report) =>
      this.live().queueBatchResult(
        snapshot.plan,
        batch,
        (s) => targets.get(s.toLowerCase()),
        answer === validate,
        this.clock,
        signal,
        report,
      ),
    );
    return this.writeResult(file);
  }

  /** Cancels (Graph, beta) the tasks of a batch's moves still waiting, after a confirmation; a moveStop result lands in the plan. */
  async cancelWaitingThroughGraph(batch: Batch): Promise<vscode.Uri | undefined> {
    const snapshot = this.validSnapshot();
    const waiting = batch.users.map(batchUserSource).filter((u) => isStoppableState(snapshot.plan.moves?.[upnKey(u)]?.state));
    if (!waiting.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No move of batch "{0}" is waiting: nothing to cancel.', batch.name));
      return undefined;
    }
    const cancel = vscode.l10n.t('Cancel the Moves');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Cancel the {0} waiting moves of batch "{1}" through Microsoft Graph (beta)?', waiting.length, batch.name),
      {
        modal: true,
        detail: vscode.l10n.t(
          "A task can be cancelled only before it starts; the others are reported. Graph's migration API is in beta and not confirmed against a real tenant.",
        ),
      },
      cancel,
    );
    if (answer !== cancel) return undefined;
    if (!this.known.get('source') && !(await this.signIn('source'))) return undefined;
    const file = await this.progress(vscode.l10n.t('Cancelling the waiting moves of {0}…', batch.name), (signal) =>
      this.live().cancelMovesResult(snapshot.plan, batch.sourceGeography, waiting, this.clock, signal),
    );
    return this.writeResult(file);
  }

  /** The move states through Graph (beta): each batch user's task, per source geography with batches. */
  async refreshMoveStatesThroughGraph(geography?: string): Promise<vscode.Uri[]> {
    const snapshot = this.validSnapshot();
    const geographies = geography ? [geography] : [...new Set((snapshot.plan.batches ?? []).map((b) => b.sourceGeography))];
    if (!this.known.get('source') && !(await this.signIn('source'))) return [];
    const written: vscode.Uri[] = [];
    for (const geo of geographies) {
      const file = await this.progress(vscode.l10n.t('Reading the move tasks of {0} through Graph…', geo), (signal, report) =>
        this.live().moveStatesResult(snapshot.plan, geo, this.clock, signal, report),
      );
      written.push(await this.writeResult(file));
    }
    return written;
  }

  /**
   * The migration add-on's licences, read in both tenants: every batch user's move needs it on the
   * source or the target user. All licensed: the checklist's licence item is ticked, with a note.
   */
  async checkLicences(): Promise<{ checked: number; unlicensed: string[] } | undefined> {
    const snapshot = this.validSnapshot();
    const { rows } = await this.mapOf();
    const targets = new Map(rows.filter(isUserRow).map((r) => [r.source.toLowerCase(), r.target]));
    for (const role of ROLES) if (!this.known.get(role) && !(await this.signIn(role))) return undefined;
    const sku = vscode.workspace
      .getConfiguration('onedriveMigration.live', snapshot.uri)
      .get<string>('migrationSkuPartNumber', DEFAULT_MIGRATION_SKU);
    const result = await this.progress(vscode.l10n.t('Reading the licences of both tenants…'), (signal) =>
      this.live().licenceCheck(snapshot.plan, (s) => targets.get(s.toLowerCase()), sku, signal),
    );
    if (!result.skuId) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Neither tenant has a subscription with the part number {0} (onedriveMigration.live.migrationSkuPartNumber).', sku),
      );
      return { checked: result.checked, unlicensed: [] };
    }
    if (result.unlicensed.length) {
      log.warn(
        `live: ${result.unlicensed.length} of ${result.checked} moves have the ${sku} licence on neither side: ${result.unlicensed.join(', ')}`,
      );
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} of {1} moves have the migration licence on neither the source nor the target user, e.g. {2} (the log lists them all).',
          result.unlicensed.length,
          result.checked,
          result.unlicensed.slice(0, 3).join(', '),
        ),
      );
    } else {
      const at = this.clock()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      await this.store.update('licence check through Microsoft Graph', (plan) => ({
        ...plan,
        checklist: {
          ...plan.checklist,
          'pre.licences': {
            done: true,
            at,
            note: `Checked through Microsoft Graph: all ${result.checked} moves have ${sku} on the source or the target user.`,
          },
        },
      }));
      void vscode.window.showInformationMessage(
        vscode.l10n.t('All {0} moves have the migration licence; the checklist is ticked.', result.checked),
      );
    }
    return { checked: result.checked, unlicensed: result.unlicensed };
  }

  private async pickRole(title: string): Promise<TenantRole | undefined> {
    const plan = this.store.valid?.plan;
    if (!plan) return undefined;
    return (
      await vscode.window.showQuickPick(
        ROLES.map((r) => ({ label: plan[r].displayName ?? plan[r].name, description: roleName(r), role: r })),
        { title },
      )
    )?.role;
  }

  dispose(): void {
    this.emitter.dispose();
    this.registration.dispose();
    this.configListener.dispose();
  }
}
