/**
 * The one place the VS Code layer reads the truth from: the plan file (its open editor's text when
 * it has one, so diagnostics follow typing) and the result files of its results folder. It
 * validates the plan, folds the results in (core ingestion) and, when that changes the plan,
 * writes it back (setting onedriveMigration.autoImportResults). Views subscribe to onDidChange.
 * Paths of the plan that lead outside its folder are followed only once allowed (pathConsent.ts):
 * until then its results folder is neither watched nor read.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exists } from './fileExists';
import type { Problem } from '../core/json/problem';
import { hasErrors } from '../core/json/problem';
import { pathsOutside } from '../core/plan/planPaths';
import { planFolders } from '../core/plan/planQueries';
import { PLAN_FILE_NAME, type Plan } from '../core/plan/planSchema';
import type { FileProblem, RedirectInventory, TargetOneDriveCheck } from '../core/results/ingestResults';
import { isResultFileName } from '../core/results/readResult';
import type { IngestReply, ResultFileInput } from '../services/planAnalysis';
import type { PlanAnalysisClient } from '../services/planAnalysisClient';
import type { Clock } from '../services/clock';
import { pathsLeavingPlanFolder, type OutsidePath } from '../services/pathConsent';
import { log } from './log';
import { isBlocked, type PathConsent } from './pathConsent';
import { writePlanText } from './planWriter';

export type PlanState = 'none' | 'invalid' | 'valid';

export interface PlanSnapshot {
  uri: vscode.Uri;
  text: string;
  /** Set when the plan is structurally valid (semantic errors may remain: see problems). */
  plan?: Plan;
  problems: Problem[];
  state: PlanState;
  folder: vscode.Uri;
  scriptsUri: vscode.Uri;
  resultsUri: vscode.Uri;
  identityMapUri: vscode.Uri;
  redirectInventories: RedirectInventory[];
  /** The newest "no target OneDrive yet" check per target geography (for the checklist). */
  targetOneDriveChecks: TargetOneDriveCheck[];
  /** Problems of result files (invalid files, conflicts, notes), with the file's text for locating. */
  resultProblems: Array<FileProblem & { text: string }>;
  /** The plan's paths that lead outside its folder (absolute, `..`, or through a link), with where they lead. */
  outsidePaths: OutsidePath[];
  /** Those not followed because the user has not allowed them (yet): nothing is read from or written to them. */
  blockedPaths: OutsidePath[];
}

export class PlanStore implements vscode.Disposable {
  private current: PlanSnapshot | undefined;
  private readonly emitter = new vscode.EventEmitter<PlanSnapshot | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private resultsWatcher: { key: string; watcher: vscode.FileSystemWatcher } | undefined;
  /** The stamp (mtime:size) of each result file whose bytes the analysis has. */
  private readonly sentResults = new Map<string, string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloading: Promise<void> = Promise.resolve();
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
    this.reloading = this.reloading
      .then(() => this.doReload(options.forceImport === true, true))
      .catch((e: unknown) => log.error(e instanceof Error ? e : String(e)));
    return this.reloading;
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
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const validation = await this.analysis.validate(text, this.clock());
    const folder = vscode.Uri.joinPath(uri, '..');
    const folders = planFolders(validation.plan ?? ({} as Plan));
    // As the CLI resolves them (an absolute path is absolute), so what the user allows is where the files go.
    const planPath = (relative: string) =>
      uri.scheme === 'file' ? vscode.Uri.file(path.resolve(folder.fsPath, relative)) : vscode.Uri.joinPath(folder, relative);
    const outsidePaths = validation.plan ? await this.outsidePaths(uri, validation.plan) : [];
    const blockedPaths = this.consent.isAllowed(uri, outsidePaths) ? [] : outsidePaths;
    const snapshot: PlanSnapshot = {
      uri,
      text,
      problems: validation.problems,
      state: validation.plan && !hasErrors(validation.problems) ? 'valid' : 'invalid',
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
    if (validation.plan) snapshot.plan = validation.plan;
    // Warn when the plan is saved (not at every keystroke while a path is being typed).
    if (blockedPaths.length && !open?.isDirty) this.consent.warn(uri, blockedPaths);
    const resultsBlocked = isBlocked(snapshot, 'results');
    if (resultsBlocked) this.stopWatchingResults();
    else this.watchResults(snapshot.resultsUri);
    if (snapshot.state === 'valid' && snapshot.plan && !resultsBlocked) {
      const outcome = await this.ingest(snapshot.resultsUri, text);
      snapshot.redirectInventories = outcome.redirectInventories;
      snapshot.targetOneDriveChecks = outcome.targetOneDriveChecks;
      snapshot.resultProblems = outcome.problems.map((p) => ({ ...p, text: outcome.problemTexts[p.file] ?? '' }));
      const auto = vscode.workspace.getConfiguration('onedriveMigration', uri).get<boolean>('autoImportResults', true);
      if (outcome.updatedText !== undefined && mayWrite && (auto || forceImport) && !open?.isDirty) {
        for (const c of outcome.changes) log.info(`import ${vscode.workspace.asRelativePath(c.file)}: ${c.description}`);
        await writePlanText(snapshot, outcome.updatedText);
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
