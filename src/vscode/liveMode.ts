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
import type { LiveSession, LiveSettings } from '../services/live/liveSession';
import type { DeviceCodeInfo } from '../services/live/msalTokenSource';
import { liveModule } from './lazyLive';
import { log } from './log';
import type { PlanStore } from './planStore';

export interface LiveAccount {
  username: string;
  tenantId: string;
}

const ROLES: readonly TenantRole[] = ['source', 'target'];
const roleName = (role: TenantRole) => (role === 'source' ? vscode.l10n.t('source') : vscode.l10n.t('target'));

export function liveSettings(scope?: vscode.Uri): LiveSettings {
  const config = vscode.workspace.getConfiguration('onedriveMigration.live', scope);
  const method = config.get<string>('signInMethod', 'auto');
  // Where the extension host runs apart from the browser, the loopback redirect cannot come back.
  const remote = vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
  const certificateFile = config.get<string>('extraCertificateFile', '').trim();
  const settings: LiveSettings = {
    authorityBase: config.get<string>('authority', 'https://login.microsoftonline.com'),
    graphBaseUrl: config.get<string>('graphBaseUrl', 'https://graph.microsoft.com'),
    clientIds: {
      ...(config.get<string>('sourceClientId') ? { source: config.get<string>('sourceClientId')! } : {}),
      ...(config.get<string>('targetClientId') ? { target: config.get<string>('targetClientId')! } : {}),
    },
    interaction: method === 'deviceCode' || (method === 'auto' && remote) ? 'deviceCode' : 'interactive',
  };
  if (certificateFile) settings.extraCertificate = readFileSync(certificateFile, 'utf8');
  return settings;
}

export class LiveMode implements vscode.Disposable {
  private session: LiveSession | undefined;
  private sessionKey = '';
  private readonly known = new Map<TenantRole, LiveAccount | undefined>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** Under test: the last device code shown (the test approves it in the simulated cloud). */
  lastDeviceCode: DeviceCodeInfo | undefined;

  constructor(
    private readonly store: PlanStore,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  /** Whether live mode is set up (a client ID for at least one role). */
  configured(): boolean {
    return Object.keys(liveSettings(this.store.snapshot?.uri).clientIds).length > 0;
  }

  /** The accounts signed in, as last known (no network): for the tree. */
  accounts(): Partial<Record<TenantRole, LiveAccount | undefined>> {
    return Object.fromEntries(this.known) as Partial<Record<TenantRole, LiveAccount | undefined>>;
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
    if (!Object.keys(liveSettings(this.store.snapshot?.uri).clientIds).length) return;
    for (const role of ROLES)
      this.known.set(
        role,
        await this.live()
          .account(role)
          .catch(() => undefined),
      );
    this.emitter.fire();
  }

  /** Signs in a role (asks which when not given), then offers to fill the plan's empty tenant ID. */
  async signIn(role?: TenantRole): Promise<LiveAccount | undefined> {
    const plan = this.store.valid?.plan;
    if (!plan) throw new Error(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'));
    const which =
      role ??
      (
        await vscode.window.showQuickPick(
          ROLES.map((r) => ({ label: `${plan[r].displayName ?? plan[r].name}`, description: roleName(r), role: r })),
          { title: vscode.l10n.t('Sign In to Which Tenant?') },
        )
      )?.role;
    if (!which) return undefined;
    if (!liveSettings(this.store.snapshot?.uri).clientIds[which])
      throw new Error(
        vscode.l10n.t(
          'Set onedriveMigration.live.{0}ClientId to the app registration of the {1} tenant first (Create the App Registration… writes the script that makes one).',
          which,
          roleName(which),
        ),
      );
    const token = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Signing in to the {0} tenant…', roleName(which)),
        cancellable: true,
      },
      (_, cancel) => {
        const controller = new AbortController();
        cancel.onCancellationRequested(() => controller.abort());
        return this.live().signIn(which, controller.signal);
      },
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

  /** The session (tests and the matching panel read directories through it). */
  get liveSession(): LiveSession {
    return this.live();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
