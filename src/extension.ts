/**
 * Composition root: builds the services and registers the features, nothing else. Activation
 * only wires things up (the plan is read asynchronously afterwards), so it stays fast.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { SHOW_MOVES_COMMAND } from './core/views/stepCommands';
import { type CommandContext } from './vscode/commands/commandContext';
import {
  generateAllScripts,
  explainErrorCodeCommand,
  importResults,
  openChecklist,
  openExample,
  openPlan,
} from './vscode/commands/planCommands';
import { USE_PASTED_TEXT_COMMAND, pasteCmdletOutput, usePastedText } from './vscode/commands/pasteCmdletOutput';
import { registerCommand } from './vscode/commands/registerCommand';
import { step1Connect } from './vscode/commands/step1Connect';
import { step2EstablishTrust, step3VerifyTrust, step4PrecreateUsers, step5IdentityMap } from './vscode/commands/steps2to5';
import { step6Moves } from './vscode/commands/step6Moves';
import { step7Cleanup } from './vscode/commands/step7Cleanup';
import { NEXT_ACTION_COMMAND, doNextAction } from './vscode/commands/nextActionCommand';
import { rehearseMigration } from './vscode/commands/rehearseCommand';
import * as tree from './vscode/commands/treeCommands';
import { CHECKLIST_VIEW, ChecklistViewProvider } from './vscode/checklistView';
import { MigrationDiagnostics } from './vscode/diagnostics';
import { IdentityMapDiagnostics } from './vscode/identityMapDiagnostics';
import { IDENTITY_MAP_EDITOR, IdentityMapEditorProvider } from './vscode/identityMapEditor';
import { IdentityMapModels } from './vscode/identityMapModels';
import { MatchingMemory } from './vscode/matchingMemory';
import { openIdentityMap } from './vscode/commands/identityMapCommands';
import { log, recordedLog } from './vscode/log';
import { ALLOW_OUTSIDE_COMMAND, PathConsent } from './vscode/pathConsent';
import { PlanStore } from './vscode/planStore';
import { PlanAnalysisClient } from './services/planAnalysisClient';
import { testHooksEnabled } from './services/testHooks';
import { WalkthroughProgress } from './vscode/walkthroughProgress';
import { registerPowerShellHover } from './vscode/powershellHover';
import { SCRIPT_SCHEME, ScriptReview } from './vscode/scriptReview';
import { generateForSnapshot } from './vscode/workspaceGeneration';
import { NextActionStatusBar } from './vscode/statusBar';
import { TenantsTreeProvider } from './vscode/tenantsTree';
import { clockFromEnvironment, systemClock, TEST_NOW_VARIABLE, type Clock } from './services/clock';
import type { TreeNodeModel } from './core/views/tenantsTree';
import type { MoveFilter } from './core/moves/moveFilter';
import { MovesTracking } from './vscode/movesTracking';
import { MovesView } from './vscode/movesView';
import { MoveNotifications } from './vscode/moveNotifications';
import { ACTIVITY_VIEW, ActivityTreeProvider, OPEN_RESULT_COMMAND, openResultFile } from './vscode/activityView';
import { exportReport, refreshStates, retryFailed, stopWaiting } from './vscode/commands/movesActions';
import { LiveMode } from './vscode/liveMode';
import type { TenantRole } from './core/live/liveTypes';
import type { OutsidePath } from './services/pathConsent';

/** What the extension exports when it runs under test (ODM_TEST_HOOKS=1): its integration tests and benchmarks use it. */
export interface ExtensionApi {
  /** Time spent in activate(). */
  activationMs: number;
  /** Time from the first line of the bundle to the end of activate() (module evaluation included). */
  loadAndActivationMs: number;
  store: PlanStore;
  tree: TenantsTreeProvider;
  review: ScriptReview;
  statusBar: NextActionStatusBar;
  identityMapDiagnostics: IdentityMapDiagnostics;
  checklist: ChecklistViewProvider;
  mapEditor: IdentityMapEditorProvider;
  commands: CommandContext;
  /** Paths of the plan outside its folder: whether they are allowed, and "Allow for This Workspace". */
  pathConsent: PathConsent;
  /** The one clock the features take domain time from (fixed by ODM_TEST_NOW in tests). */
  clock: Clock;
  /** Generates scripts for a snapshot, through the extension's own (lazily loaded) generator bundle. */
  generate: typeof generateForSnapshot;
  /** The walkthrough's "done" context keys, as last set from the plan. */
  walkthrough: WalkthroughProgress;
  /** Whether plan validation and result import run in their worker thread (not on the host's). */
  analysisInWorker: () => boolean;
  tracking: MovesTracking;
  moves: MovesView;
  notifications: MoveNotifications;
  live: LiveMode;
  /** Every line written to the log (under test). */
  recordedLog: string[] | undefined;
}

/** The tenant role a live-mode command was given: a tree node of that tenant, or 'source' / 'target'. */
function roleOf(arg: unknown): TenantRole | undefined {
  if (arg === 'source' || arg === 'target') return arg;
  const side = (arg as Partial<TreeNodeModel> | undefined)?.side;
  return side === 'source' || side === 'target' ? side : undefined;
}

/** The Moves view's filter for what a command was given: a tree node (a batch, a geography's batches) or a filter. */
function movesFilterOf(arg: unknown): MoveFilter | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<TreeNodeModel>;
  if (node.kind === 'batch' && node.batch) return { batches: [node.batch] };
  if (node.kind === 'batchFolder' && node.geography) return { geographies: [node.geography] };
  if (node.kind) return undefined;
  return arg as MoveFilter; // validated by the view like any filter from its webview
}

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const testHooks = testHooksEnabled(process.env);
  const started = performance.now();
  const clock = clockFromEnvironment(process.env);
  if (clock !== systemClock) log.warn(`clock fixed at ${clock().toISOString()} by ${TEST_NOW_VARIABLE} (tests only)`);
  const pathConsent = new PathConsent(context.workspaceState);
  // The worker is bundled beside the extension (scripts/build.mjs); it starts on the first plan read.
  const analysis = new PlanAnalysisClient({
    workerFile: path.join(__dirname, 'planAnalysisWorker.js'),
    onFallback: (why) => log.warn(`plan analysis runs on the extension host's thread: ${why}`),
  });
  const store = new PlanStore(clock, pathConsent, analysis);
  const review = new ScriptReview(store);
  const models = new IdentityMapModels();
  const mapEditor = new IdentityMapEditorProvider(
    store,
    models,
    context.extensionUri,
    new MatchingMemory(context.workspaceState),
    testHooks,
  );
  const ctx: CommandContext = { store, review, extensionUri: context.extensionUri, mapEditor, clock };
  const live = new LiveMode(store, context.secrets, clock);
  mapEditor.live = { available: () => live.bothConfigured(), directories: () => live.directoriesForMatching() };
  ctx.live = live;
  const treeProvider = new TenantsTreeProvider(store, clock, live);
  const treeView = vscode.window.createTreeView('onedriveMigration.tenants', {
    treeDataProvider: treeProvider,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const diagnostics = new MigrationDiagnostics(store);
  const statusBar = new NextActionStatusBar(store, clock);
  const identityMapDiagnostics = new IdentityMapDiagnostics(store, models);
  const checklist = new ChecklistViewProvider(store, context.extensionUri, clock);
  const walkthrough = new WalkthroughProgress(store, clock);
  const tracking = new MovesTracking(store);
  const moves = new MovesView(ctx, tracking, testHooks);
  const notifications = new MoveNotifications(store, context.workspaceState, clock);
  const activity = new ActivityTreeProvider(tracking, clock);
  const activityView = vscode.window.createTreeView(ACTIVITY_VIEW, { treeDataProvider: activity });
  activity.attach(activityView);
  const batchOf = (n?: TreeNodeModel) => (n?.kind === 'batch' ? n.batch : undefined);
  const activeScript = (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) throw new Error(vscode.l10n.t('Open a PowerShell script first.'));
    return target;
  };
  const node =
    (handler: (c: CommandContext, n?: TreeNodeModel, all?: TreeNodeModel[]) => unknown) => (n?: TreeNodeModel, all?: TreeNodeModel[]) =>
      handler(ctx, n, all);

  context.subscriptions.push(
    analysis,
    walkthrough,
    tracking,
    moves,
    notifications,
    live,
    activity,
    activityView,
    models,
    pathConsent,
    store,
    review,
    treeProvider,
    treeView,
    diagnostics,
    statusBar,
    identityMapDiagnostics,
    checklist,
    vscode.window.registerWebviewViewProvider(CHECKLIST_VIEW, checklist),
    vscode.window.registerCustomEditorProvider(IDENTITY_MAP_EDITOR, mapEditor, { supportsMultipleEditorsPerDocument: true }),
    registerPowerShellHover(),
    { dispose: () => log.dispose() },
    registerCommand('onedriveMigration.step1Connect', () => step1Connect(ctx)),
    registerCommand('onedriveMigration.step2EstablishTrust', () => step2EstablishTrust(ctx)),
    registerCommand('onedriveMigration.step3VerifyTrust', () => step3VerifyTrust(ctx)),
    registerCommand('onedriveMigration.step4PrecreateUsers', () => step4PrecreateUsers(ctx)),
    registerCommand('onedriveMigration.step5IdentityMap', () => step5IdentityMap(ctx)),
    registerCommand('onedriveMigration.step6Moves', () => step6Moves(ctx)),
    registerCommand('onedriveMigration.step7Cleanup', () => step7Cleanup(ctx)),
    registerCommand(NEXT_ACTION_COMMAND, () => doNextAction(ctx)),
    registerCommand('onedriveMigration.generateAllScripts', () => generateAllScripts(ctx)),
    registerCommand(SHOW_MOVES_COMMAND, (arg?: unknown) => moves.show(movesFilterOf(arg))),
    registerCommand('onedriveMigration.exportReport', (target?: unknown) =>
      exportReport(ctx, target instanceof vscode.Uri ? target : undefined),
    ),
    registerCommand('onedriveMigration.batch.retryFailed', (n?: TreeNodeModel) => retryFailed(ctx, batchOf(n))),
    registerCommand('onedriveMigration.batch.stopWaiting', (n?: TreeNodeModel) => stopWaiting(ctx, batchOf(n))),
    registerCommand('onedriveMigration.batch.refreshStates', (n?: TreeNodeModel) => refreshStates(ctx, batchOf(n))),
    registerCommand('onedriveMigration.live.signIn', (arg?: unknown) => live.signIn(roleOf(arg))),
    registerCommand('onedriveMigration.live.signOut', (arg?: unknown) => live.signOut(roleOf(arg))),
    registerCommand('onedriveMigration.live.fillPlan', (arg?: unknown) => live.fillPlan(roleOf(arg))),
    registerCommand('onedriveMigration.live.listRedirectSites', (n?: TreeNodeModel) =>
      live.listRedirectSites(n?.side ? { side: n.side, ...(n.geography ? { geography: n.geography } : {}) } : undefined),
    ),
    registerCommand('onedriveMigration.live.checkTargetDirectory', () => live.checkTargetDirectory()),
    registerCommand('onedriveMigration.live.checkLicences', () => live.checkLicences()),
    registerCommand('onedriveMigration.live.uploadIdentityMap', () => live.uploadIdentityMapThroughGraph()),
    registerCommand('onedriveMigration.live.queueBatch', (n?: TreeNodeModel) => live.queueBatchThroughGraph(batchOf(n))),
    registerCommand('onedriveMigration.live.refreshMoveStates', () => live.refreshMoveStatesThroughGraph()),
    registerCommand('onedriveMigration.live.checkTargetOneDrives', (n?: TreeNodeModel) =>
      live.checkTargetOneDrives(n?.side === 'target' ? n.geography : undefined),
    ),
    registerCommand('onedriveMigration.live.createAppRegistration', async (arg?: unknown) => {
      const made = await live.appRegistrationScript(roleOf(arg));
      const snapshot = store.valid;
      if (made && snapshot)
        await review.present(snapshot, { files: [made.file], blocked: [], warnings: [] }, vscode.l10n.t('App registration'));
    }),
    registerCommand(OPEN_RESULT_COMMAND, (e?: Parameters<typeof openResultFile>[0]) => openResultFile(e)),
    registerCommand('onedriveMigration.rehearse', () => rehearseMigration(ctx)),
    registerCommand('onedriveMigration.importResults', (files?: vscode.Uri[]) =>
      importResults(ctx, Array.isArray(files) ? files : undefined),
    ),
    registerCommand('onedriveMigration.pasteCmdletOutput', () => pasteCmdletOutput(ctx)),
    registerCommand(USE_PASTED_TEXT_COMMAND, () => usePastedText()),
    registerCommand('onedriveMigration.openChecklist', () => openChecklist()),
    registerCommand('onedriveMigration.openIdentityMap', (uri?: vscode.Uri) => openIdentityMap(ctx, uri)),
    registerCommand('onedriveMigration.showLog', () => log.show()),
    registerCommand('onedriveMigration.explainErrorCode', (code?: unknown) => explainErrorCodeCommand(code)),
    registerCommand('onedriveMigration.openExample', () => openExample(ctx)),
    registerCommand('onedriveMigration.openPlan', () => openPlan(ctx)),
    registerCommand('onedriveMigration.refresh', () => store.reload()),
    registerCommand('onedriveMigration.trust.verify', node(tree.verifyTrust)),
    registerCommand('onedriveMigration.trust.remove', node(tree.removeTrust)),
    registerCommand('onedriveMigration.trust.copyHostUrls', node(tree.copyTrustHostUrls)),
    registerCommand('onedriveMigration.geography.copyHostUrl', node(tree.copyHostUrl)),
    registerCommand('onedriveMigration.geography.openAdminCenter', node(tree.openAdminCenter)),
    registerCommand('onedriveMigration.geography.generateScripts', node(tree.generateGeographyScripts)),
    registerCommand('onedriveMigration.redirect.open', node(tree.openRedirect)),
    registerCommand('onedriveMigration.redirect.copyUrl', node(tree.copyRedirectUrl)),
    registerCommand('onedriveMigration.redirect.remove', node(tree.removeRedirects)),
    registerCommand('onedriveMigration.script.save', async (uri?: vscode.Uri) => {
      const saved = await review.save(activeScript(uri));
      if (saved && activeScript(uri).scheme === SCRIPT_SCHEME) await vscode.window.showTextDocument(saved);
    }),
    registerCommand('onedriveMigration.script.copy', (uri?: vscode.Uri) => review.copy(activeScript(uri))),
    registerCommand('onedriveMigration.script.runInTerminal', (uri?: vscode.Uri) => review.runInTerminal(activeScript(uri))),
    registerCommand(ALLOW_OUTSIDE_COMMAND, (plan: vscode.Uri, outside: OutsidePath[]) => pathConsent.allow(plan, outside)),
    registerCommand('onedriveMigration.internal.addTrust', (source: string, target: string) => diagnostics.addTrust(source, target)),
  );
  void vscode.commands.executeCommand('setContext', 'onedriveMigration.planState', 'none');
  void store
    .initialize()
    .then(() => (live.configured() ? live.refreshAccounts() : undefined))
    .catch((e: unknown) => log.warn(`live: ${String(e)}`));
  const ended = performance.now();
  const loadStart = (globalThis as { __odmLoadStart?: number }).__odmLoadStart ?? started;
  // Nothing is exported in normal use: the internals are not an API other extensions could come to rely on.
  if (!testHooks) return undefined;
  return {
    activationMs: ended - started,
    loadAndActivationMs: ended - loadStart,
    store,
    tree: treeProvider,
    review,
    statusBar,
    identityMapDiagnostics,
    checklist,
    mapEditor,
    commands: ctx,
    clock,
    pathConsent,
    generate: generateForSnapshot,
    walkthrough,
    analysisInWorker: () => analysis.usesWorker,
    tracking,
    moves,
    notifications,
    live,
    recordedLog,
  };
}

export function deactivate(): void {}
