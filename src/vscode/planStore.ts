/**
 * The one place the VS Code layer reads the truth from, and the only way it changes the plan. It
 * reads the plan file (its open editor's text when it has one, so diagnostics follow typing) and the
 * result files of its results folder, validates the plan, folds the results in (core ingestion) and,
 * when that changes the plan, writes it back (setting onedriveMigration.autoImportResults). Commands
 * change the plan through `update`. Views subscribe to onDidChange.
 * Paths of the plan that lead outside its folder are followed only once allowed (pathConsent.ts):
 * until then its results folder is neither watched nor read.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exists } from './fileExists';
import { hasErrors } from '../core/json/problem';
import { pathsOutside } from '../core/plan/planPaths';
import { planFolders } from '../core/plan/planQueries';
import { PLAN_FILE_NAME, type Plan } from '../core/plan/planSchema';
import { rewritePlanText } from '../core/plan/planText';
import { isResultFileName } from '../core/results/readResult';
import type { MoveThresholds } from '../core/moves/moveFlags';
import type { TrackingModel } from '../core/moves/trackingModel';
import type { IngestReply, ReportFiles, ResultFileInput } from '../services/planAnalysis';
import type { PlanAnalysisClient } from '../services/planAnalysisClient';
import type { Clock } from '../services/clock';
import { pathsLeavingPlanFolder, type OutsidePath } from '../services/pathConsent';
import { log } from './log';
import { isBlocked, type PathConsent } from './pathConsent';
import type { PlanSnapshot, PlanState, ValidPlanSnapshot } from './planSnapshot';
import { writeTextAtomic } from './atomicWrite';

export type { InvalidPlanSnapshot, PlanSnapshot, PlanState, ValidPlanSnapshot } from './planSnapshot';

export class PlanStore implements vscode.Disposable {
  private current: PlanSnapshot | undefined;
  private readonly emitter = new vscode.EventEmitter<PlanSnapshot | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private resultsWatcher: { key: string; watcher: vscode.FileSystemWatcher } | undefined;
  /** The stamp (mtime:size) of each result file whose bytes the analysis has. */
  private readonly sentResults = new Map<string, string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private initialized: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    readonly consent: PathConsent,
    /** Validation and import run in a worker thread: a 20,000-user plan never blocks the host. */
    private readonly analysis: PlanAnalysisClient,
  ) {
    this.disposables.push(consent.onDidChange(() => void this.reload()));
  }

  get snapshot(): PlanSnapshot | undefined {
    return this.current;
  }

  /** The snapshot when the plan is valid. */
  get valid(): ValidPlanSnapshot | undefined {
    return this.current?.state === 'valid' ? this.current : undefined;
  }

  get state(): PlanState {
    return this.current?.state ?? 'none';
  }

  /** Finds the plan and starts watching; safe to call more than once. */
  initialize(): Promise<void> {
    this.initialized ??= (async () => {
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${PLAN_FILE_NAME}`);
      this.disposables.push(
        watcher,
        watcher.onDidCreate(() => this.scheduleReload()),
        watcher.onDidChange(() => this.scheduleReload()),
        watcher.onDidDelete(() => this.scheduleReload()),
        vscode.workspace.onDidChangeTextDocument((e) => {
          if (this.current && e.document.uri.toString() === this.current.uri.toString()) this.scheduleReload(150);
        }),
        vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      );
      await this.reload();
    })();
    return this.initialized;
  }

  scheduleReload(delay = 50): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), delay);
  }

  /**
   * Re-reads everything; concurrent calls run one after another. `forceImport` folds results into
   * the plan even when automatic import is off (the Import Results and Paste commands).
   */
  reload(options: { forceImport?: boolean } = {}): Promise<void> {
    return this.enqueue(() => this.doReload(options.forceImport === true, true)).catch((e: unknown) =>
      log.error(e instanceof Error ? e : String(e)),
    );
  }

  /**
   * Changes the plan: `change` gets the plan as it is now (read again, not an older snapshot) and
   * returns the new one. Only the changed top-level properties are rewritten (hand edits elsewhere
   * keep their text). Through the editor when the plan has unsaved changes (it stays unsaved),
   * otherwise atomically on disk, and only if the file still holds what `change` saw: when
   * it changed underneath, `change` runs again on the new content. Returns the snapshot read back.
   * Fails (with a message for the user) when there is no plan or it has errors; `evenWithErrors`
   * (quick fixes) only needs it to be structurally valid.
   */
  update(description: string, change: (plan: Plan) => Plan, options: { evenWithErrors?: boolean } = {}): Promise<PlanSnapshot> {
    return this.enqueue(() => this.doUpdate(description, change, options.evenWithErrors === true));
  }

  /**
   * Where the moves stand (the Moves view, the report, notifications): from the plan as it is now and
   * the result files the last reload read, computed in the analysis (the worker thread).
   */
  tracking(thresholds: MoveThresholds): Promise<TrackingModel | undefined> {
    return this.enqueue(async () => {
      const s = this.valid;
      if (!s) return undefined;
      return this.analysis.tracking({ planText: s.text, nowMs: this.clock().getTime(), thresholds, withResults: !isBlocked(s, 'results') });
    });
  }

  /** The report for management (page and CSV) from the same model, built in the analysis. */
  report(thresholds: MoveThresholds): Promise<ReportFiles | undefined> {
    return this.enqueue(async () => {
      const s = this.valid;
      if (!s) return undefined;
      return this.analysis.report({ planText: s.text, nowMs: this.clock().getTime(), thresholds, withResults: !isBlocked(s, 'results') });
    });
  }

  /** Reloads, updates and imports run one at a time, in the order they were asked for. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async doUpdate(description: string, change: (plan: Plan) => Plan, evenWithErrors: boolean): Promise<PlanSnapshot> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const uri = await this.findPlan();
      if (!uri) throw new Error(vscode.l10n.t('There is no migration plan in this workspace yet.'));
      const text = await this.readPlanText(uri);
      const { plan, problems } = await this.analysis.validate(text, this.clock());
      if (!plan || (hasErrors(problems) && !evenWithErrors)) {
        await this.doReload(false, false); // so the Problems panel shows why
        throw new Error(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'));
      }
      const updated = change(structuredClone(plan));
      if (JSON.stringify(updated) === JSON.stringify(plan)) {
        await this.doReload(false, true);
        return this.current!;
      }
      if (await this.replaceText(uri, text, rewritePlanText(text, plan, updated))) {
        log.info(`plan: ${description}`);
        await this.doReload(false, true);
        return this.current!;
      }
    }
    throw new Error(vscode.l10n.t('The plan kept changing while it was being updated ({0}); please try again.', description));
  }

  /** What was typed when the plan has unsaved changes, otherwise the file (an editor may lag behind it). */
  private async readPlanText(uri: vscode.Uri): Promise<string> {
    const dirty = this.dirtyDocument(uri);
    return dirty ? dirty.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  private dirtyDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === uri.toString());
  }

  /**
   * Replaces the plan's text with `text` if it still is `expected`; false when it changed meanwhile.
   * A plan with unsaved changes is edited in its editor and left unsaved (undoable, nothing typed is
   * lost); otherwise the file is compared just before it is replaced atomically (an editor without
   * changes follows the file).
   */
  private async replaceText(uri: vscode.Uri, expected: string, text: string): Promise<boolean> {
    const dirty = this.dirtyDocument(uri);
    if (dirty) {
      if (dirty.getText() !== expected) return false;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(dirty.uri, new vscode.Range(dirty.positionAt(0), dirty.positionAt(expected.length)), text);
      if (!(await vscode.workspace.applyEdit(edit)))
        throw new Error(vscode.l10n.t('Could not update {0}.', vscode.workspace.asRelativePath(uri)));
      return true;
    }
    if ((await this.readPlanText(uri)) !== expected) return false;
    await writeTextAtomic(uri, text);
    return true;
  }

  private async findPlan(): Promise<vscode.Uri | undefined> {
    if (this.current && (await exists(this.current.uri))) return this.current.uri;
    const found = await vscode.workspace.findFiles(`**/${PLAN_FILE_NAME}`, '**/{node_modules,.git}/**', 20);
    // Prefer the shallowest plan (a workspace usually holds one migration).
    return found.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path))[0];
  }

  /** `mayWrite`: ingestion may write the plan once; the re-read after that write may not (no loops). */
  private async doReload(forceImport: boolean, mayWrite: boolean): Promise<void> {
    const uri = await this.findPlan();
    if (!uri) {
      this.publish(undefined);
      return;
    }
    const dirty = this.dirtyDocument(uri);
    const text = await this.readPlanText(uri);
    const validation = await this.analysis.validate(text, this.clock());
    const folder = vscode.Uri.joinPath(uri, '..');
    const folders = planFolders(validation.plan ?? ({} as Plan));
    // As the CLI resolves them (an absolute path is absolute), so what the user allows is where the files go.
    const planPath = (relative: string) =>
      uri.scheme === 'file' ? vscode.Uri.file(path.resolve(folder.fsPath, relative)) : vscode.Uri.joinPath(folder, relative);
    const outsidePaths = validation.plan ? await this.outsidePaths(uri, validation.plan) : [];
    const blockedPaths = this.consent.isAllowed(uri, outsidePaths) ? [] : outsidePaths;
    const files = {
      uri,
      text,
      problems: validation.problems,
      folder,
      scriptsUri: planPath(folders.scripts),
      resultsUri: planPath(folders.results),
      identityMapUri: planPath(folders.identityMap),
      redirectInventories: [],
      targetOneDriveChecks: [],
      resultProblems: [],
      outsidePaths,
      blockedPaths,
    };
    const snapshot: PlanSnapshot =
      validation.plan && !hasErrors(validation.problems)
        ? { ...files, state: 'valid', plan: validation.plan }
        : { ...files, state: 'invalid', ...(validation.plan ? { plan: validation.plan } : {}) };
    // Warn when the plan is saved (not at every keystroke while a path is being typed).
    if (blockedPaths.length && !dirty) this.consent.warn(uri, blockedPaths);
    const resultsBlocked = isBlocked(snapshot, 'results');
    if (resultsBlocked) this.stopWatchingResults();
    else this.watchResults(snapshot.resultsUri);
    if (snapshot.state === 'valid' && !resultsBlocked) {
      const outcome = await this.ingest(snapshot.resultsUri, text);
      snapshot.redirectInventories = outcome.redirectInventories;
      snapshot.targetOneDriveChecks = outcome.targetOneDriveChecks;
      snapshot.resultProblems = outcome.problems.map((p) => ({ ...p, text: outcome.problemTexts[p.file] ?? '' }));
      const auto = vscode.workspace.getConfiguration('onedriveMigration', uri).get<boolean>('autoImportResults', true);
      if (outcome.updatedText !== undefined && mayWrite && (auto || forceImport) && !dirty) {
        // Typed meanwhile or changed on disk: the event of that change reloads (and imports) again.
        if (!(await this.replaceText(uri, text, outcome.updatedText))) return this.doReload(false, false);
        for (const c of outcome.changes) log.info(`import ${vscode.workspace.asRelativePath(c.file)}: ${c.description}`);
        return this.doReload(false, false); // read back what was written
      }
    }
    this.publish(snapshot);
  }

  /** On disk (links followed) for a local plan; as written for a plan in a virtual file system. */
  private async outsidePaths(uri: vscode.Uri, plan: Plan): Promise<OutsidePath[]> {
    if (uri.scheme === 'file') return pathsLeavingPlanFolder(uri.fsPath, plan);
    return pathsOutside(plan).map((p) => ({ label: p.label, path: p.path, resolved: vscode.Uri.joinPath(uri, '..', p.value).toString() }));
  }

  private publish(snapshot: PlanSnapshot | undefined): void {
    this.current = snapshot;
    void vscode.commands.executeCommand('setContext', 'onedriveMigration.planState', snapshot?.state ?? 'none');
    this.emitter.fire(snapshot);
  }

  private stopWatchingResults(): void {
    this.resultsWatcher?.watcher.dispose();
    this.resultsWatcher = undefined;
  }

  private watchResults(resultsUri: vscode.Uri): void {
    const key = resultsUri.toString();
    if (this.resultsWatcher?.key === key) return;
    this.resultsWatcher?.watcher.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(resultsUri, '*.{json,journal}'));
    const onEvent = () => {
      if (vscode.workspace.getConfiguration('onedriveMigration', resultsUri).get<boolean>('autoImportResults', true))
        this.scheduleReload(300);
    };
    watcher.onDidCreate(onEvent);
    watcher.onDidChange(onEvent);
    watcher.onDidDelete(onEvent);
    this.resultsWatcher = { key, watcher };
  }

  /** Folds the result files in (in the analysis); only files that changed since the last time are read and sent. */
  private async ingest(resultsUri: vscode.Uri, planText: string): Promise<IngestReply> {
    const files = await this.resultFiles(resultsUri);
    const request = async (resend: boolean) => {
      const inputs: ResultFileInput[] = [];
      for (const f of files) {
        const input: ResultFileInput = { file: f.uri.fsPath, stamp: f.stamp };
        if (resend || this.sentResults.get(input.file) !== f.stamp) {
          input.bytes = await vscode.workspace.fs.readFile(f.uri);
          this.sentResults.set(input.file, f.stamp);
        }
        inputs.push(input);
      }
      return this.analysis.ingest({ planText, nowMs: this.clock().getTime(), files: inputs });
    };
    const reply = await request(false);
    // The analysis lost what it had read (its worker was restarted): everything once more.
    return reply.missing ? request(true) : reply;
  }

  private async resultFiles(resultsUri: vscode.Uri): Promise<Array<{ uri: vscode.Uri; stamp: string }>> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(resultsUri);
    } catch {
      return [];
    }
    const out: Array<{ uri: vscode.Uri; stamp: string }> = [];
    for (const [name, type] of entries) {
      if (type !== vscode.FileType.File || !isResultFileName(name)) continue;
      const uri = vscode.Uri.joinPath(resultsUri, name);
      const stat = await vscode.workspace.fs.stat(uri);
      out.push({ uri, stamp: `${stat.mtime}:${stat.size}` });
    }
    return out;
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.resultsWatcher?.watcher.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
