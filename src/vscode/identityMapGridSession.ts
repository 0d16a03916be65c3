/**
 * One open identity-map editor: the host side of the grid. The CSV text document is the truth; the
 * session keeps its parsed rows (IdentityMapGrid), answers the webview's requests for the window of
 * rows it shows under its filter and sort, and turns every edit (cells, rows, quick fixes) into a
 * WorkspaceEdit that replaces only the rows it touches, so undo, dirty state and save stay VS Code's.
 * Messages from the webview are validated (webview/identityMapProtocol) before anything happens;
 * the matching panel's go to the session's MatchingController.
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { DEFAULT_QUERY, IdentityMapGrid, type GridQuery } from '../core/identity/identityMapGrid';
import { workspaceEditOf } from './workspaceEdits';
import { deleteRowEdit, insertRowsEdit, replaceRowEdit, type MapRow, type TextEdit } from '../core/identity/identityMapFile';
import { mapFix } from '../core/identity/mapFixes';
import type { Plan } from '../core/plan/planSchema';
import { FIRST_ROWS, parseMapViewMessage, type MapHostMessage, type MapViewMessage, type RowRef } from '../../webview/identityMapProtocol';
import { MatchingController, type MatchReviews } from './identityMapMatchingController';
import type { LiveDirectories, MatchInputs } from './identityMatching';
import type { IdentityMapModel, IdentityMapModels } from './identityMapModels';
import { log } from './log';
import type { MatchingMemory } from './matchingMemory';
import type { PlanStore } from './planStore';

/** What every session shares, kept by the editor provider. */
export interface GridSessionServices {
  readonly store: PlanStore;
  /** The plan when it is valid: the map is checked against it, and its source tenant ID fills new rows. */
  readonly plan: Plan | undefined;
  readonly models: IdentityMapModels;
  readonly reviews: MatchReviews;
  readonly memory: MatchingMemory;
  /** ODM_TEST_HOOKS=1 (src/services/testHooks.ts): keep the log of posted messages, tell the webview. */
  readonly testHooks: boolean;
  /** Live mode's directories, when it is set up for both tenants. */
  readonly live?: { available(): boolean; directories: LiveDirectories };
}

const sameFields = (a: readonly string[], b: readonly string[]) => {
  // The webview pads short rows to six cells; compare what both sides have.
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? '') !== (b[i] ?? '')) return false;
  return true;
};

export class IdentityMapGridSession implements vscode.Disposable {
  readonly matching: MatchingController;
  private query: GridQuery = DEFAULT_QUERY;
  private model!: IdentityMapModel;
  private grid!: IdentityMapGrid;
  /** The rows under the query (indexes into the map), in the order shown. */
  private view: Int32Array = new Int32Array(0);
  private mapped: Set<string> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReveal: { row: number; column: number; edit: boolean } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Under test only: every message posted to the webview, newest last (the integration tests read it). */
  readonly posted: MapHostMessage[] | undefined;

  /** `openedAt`: under test, when VS Code handed the document over (epoch ms), for the editor benchmark. */
  constructor(
    private readonly services: GridSessionServices,
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    private openedAt?: number,
  ) {
    this.posted = services.testHooks ? [] : undefined;
    this.matching = new MatchingController(
      {
        document,
        tenantId: () => this.tenantId(),
        mappedSources: () => this.mappedSources(),
        appendRows: (rows, label) => this.appendRows(rows, label),
        post: (message) => this.post(message),
      },
      services.reviews,
      services.memory,
      services.live,
    );
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handle(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length) this.scheduleRefresh();
      }),
      services.store.onDidChange(() => this.scheduleRefresh()),
    );
    // The map is parsed when the webview says it is ready: the webview loads meanwhile.
  }

  // The step-5 command and the tests drive matching through the session.
  match(inputs?: MatchInputs): Promise<boolean> {
    return this.matching.match(inputs);
  }

  chooseCandidate(id: number, candidate: number): Promise<boolean> {
    return this.matching.chooseCandidate(id, candidate);
  }

  restoreReview(): Promise<boolean> {
    return this.matching.restoreReview();
  }

  private tenantId(): string {
    this.recompute();
    return this.services.plan?.source.tenantId ?? this.model.parsed.rows.find((r) => r.fields[1])?.fields[1]?.trim() ?? '';
  }

  private mappedSources(): Set<string> {
    this.recompute();
    return (this.mapped ??= this.grid.mappedSources());
  }

  /**
   * Re-reads the document when it changed (our edits, undo, external edits, typing in a text
   * editor) and applies the query to the new rows; `requery` applies it even when nothing changed
   * (the query did).
   */
  private recompute(requery = false): void {
    const started = performance.now();
    const model = this.services.models.get(this.document, this.services.plan);
    if (model !== this.model) {
      log.info(
        `identity-map editor: ${vscode.workspace.asRelativePath(this.document.uri)} version ${model.version}, ${model.parsed.rows.length} rows, ${model.problems.length} problems (${(performance.now() - started).toFixed(0)} ms)`,
      );
      this.model = model;
      this.grid = new IdentityMapGrid(model.parsed, model.problems);
      this.mapped = undefined;
    } else if (!requery) return;
    this.view = this.grid.query(this.query);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    // Coalesce bursts (typing in a text editor beside the grid, a multi-row edit).
    this.refreshTimer = setTimeout(() => void this.refresh(), 30);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.recompute();
    await this.postView();
    await this.matching.refresh();
  }

  private async post(message: MapHostMessage): Promise<void> {
    if (this.posted) {
      this.posted.push(message);
      if (this.posted.length > 200) this.posted.splice(0, 100);
    }
    await this.panel.webview.postMessage(message);
  }

  /** Sends the view; with `withFirstRows` (a new query starts at the top) its first rows too. */
  private async postView(withFirstRows = false): Promise<void> {
    const readOnly = vscode.workspace.fs.isWritableFileSystem(this.document.uri.scheme) === false;
    const first = withFirstRows ? { first: this.grid.window(this.view, 0, FIRST_ROWS) } : {};
    await this.post({
      type: 'view',
      version: this.model.version,
      total: this.view.length,
      query: this.query,
      summary: this.grid.summary(),
      readOnly,
      ...first,
    });
    const reveal = this.pendingReveal;
    this.pendingReveal = undefined;
    if (reveal) {
      const position = this.view.indexOf(reveal.row);
      if (position === -1)
        await this.post({
          type: 'notice',
          severity: 'info',
          message: vscode.l10n.t('Row {0} was added; the filter hides it.', reveal.row + 1),
        });
      else await this.post({ type: 'reveal', row: position, column: reveal.column, edit: reveal.edit });
    }
  }

  /** Shows the rows matching `text` (all statuses): the webview sets its filter and asks for them. */
  showMatching(text: string): Thenable<boolean> {
    return this.panel.webview.postMessage({
      type: 'setQuery',
      query: { text, status: 'all', sort: this.query.sort },
    } satisfies MapHostMessage);
  }

  /** Acts on a message from the webview, after validating it. Returns whether it was accepted. */
  async handle(raw: unknown): Promise<boolean> {
    const message = parseMapViewMessage(raw);
    if (!message) {
      log.warn(`identity-map editor: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return false;
    }
    try {
      return await this.dispatch(message);
    } catch (error) {
      log.error(`identity-map editor: ${(error as Error).message}`);
      await this.post({ type: 'notice', severity: 'error', message: (error as Error).message });
      return false;
    }
  }

  private async dispatch(message: MapViewMessage): Promise<boolean> {
    switch (message.type) {
      case 'ready':
        await this.post({ type: 'init', testHooks: this.services.testHooks, ...(this.openedAt ? { openedAt: this.openedAt } : {}) });
        this.openedAt = undefined;
        // A reloaded webview brings back its query and filter: the views are rebuilt for them.
        this.query = message.query;
        this.matching.useFilter(message.filter);
        this.recompute(true);
        await this.postView(true);
        await this.matching.show();
        return true;
      case 'query':
        this.query = message.query;
        this.recompute(true);
        await this.postView(true);
        return true;
      case 'rows':
        // A request for an older version is dropped: a newer view is already on its way.
        if (message.version !== this.model?.version) return false;
        await this.post({
          type: 'rows',
          version: this.model.version,
          start: message.start,
          rows: this.grid.window(this.view, message.start, message.count),
        });
        return true;
      case 'edit':
        return this.editCell(message.ref, message.column, message.value);
      case 'insert':
        return this.insert(message.after, message.copies);
      case 'delete':
        return this.delete(message.refs);
      case 'fix':
        return this.fix(message.code, message.ref, message.column);
      case 'match':
      case 'proposalQuery':
      case 'proposalRows':
      case 'accept':
      case 'reject':
      case 'choose':
        return this.matching.handle(message);
    }
  }

  /** The rows the webview referred to, if they are still what it saw; otherwise tells it so. */
  private async resolveRefs(refs: readonly RowRef[]): Promise<MapRow[] | undefined> {
    this.recompute();
    const rows = refs.map((r) => this.model.parsed.rows[r.row]);
    if (rows.every((row, i) => row && sameFields(row.fields, refs[i]!.fields))) return rows as MapRow[];
    await this.post({
      type: 'notice',
      severity: 'warning',
      message: vscode.l10n.t('The map changed before the edit arrived; nothing was changed. Try again.'),
    });
    await this.postView();
    return undefined;
  }

  private async apply(edits: readonly TextEdit[], label: string): Promise<boolean> {
    const d = this.document;
    const ok = await vscode.workspace.applyEdit(workspaceEditOf(d, edits));
    if (!ok)
      await this.post({
        type: 'notice',
        severity: 'error',
        message: vscode.l10n.t('Could not {0} in {1}.', label, vscode.workspace.asRelativePath(d.uri)),
      });
    else await this.refresh();
    return ok;
  }

  private async editCell(ref: RowRef, column: number, value: string): Promise<boolean> {
    const [row] = (await this.resolveRefs([ref])) ?? [];
    if (!row) return false;
    const fields = [...row.fields];
    while (fields.length <= column) fields.push('');
    // A map row is one line: line breaks pasted into a cell become spaces.
    fields[column] = value.replace(/[\r\n]+/g, ' ');
    if (sameFields(fields, row.fields)) return true;
    return this.apply([replaceRowEdit(this.model.parsed, row, fields)], vscode.l10n.t('change row {0}', row.index + 1));
  }

  /** Applies a problem's quick fix (the same fixes as the Problems panel's). */
  private async fix(code: string, ref?: RowRef, column?: number): Promise<boolean> {
    if (ref && !(await this.resolveRefs([ref]))) return false;
    this.recompute();
    const problem = this.grid.findProblem(code, ref?.row, column);
    const fix = problem && mapFix(this.model.parsed, this.model.text, problem);
    if (!fix) {
      await this.post({
        type: 'notice',
        severity: 'warning',
        message: vscode.l10n.t('That problem has no automatic fix any more; the map changed.'),
      });
      return false;
    }
    return this.apply([fix.edit], fix.title.toLowerCase());
  }

  private blankRow(): string[] {
    return ['User', this.tenantId(), '', '', '', 'RegularUser'];
  }

  private async insert(after?: RowRef, copies?: RowRef[]): Promise<boolean> {
    const refs = [...(after ? [after] : []), ...(copies ?? [])];
    const rows = refs.length ? await this.resolveRefs(refs) : [];
    if (!rows) return false;
    const { parsed, text } = this.model;
    if (copies?.length) {
      // Each copy lands right below its original; copies of adjacent rows stay in order.
      const originals = rows.slice(after ? 1 : 0).sort((a, b) => a.index - b.index);
      const edits = originals.map((r) => insertRowsEdit(parsed, text, [r.fields], r));
      this.pendingReveal = { row: originals[0]!.index + 1, column: 2, edit: false };
      return this.apply(edits, vscode.l10n.t('duplicate rows'));
    }
    const anchor = after ? rows[0] : undefined;
    this.pendingReveal = { row: anchor ? anchor.index + 1 : parsed.rows.length, column: 2, edit: true };
    return this.apply([insertRowsEdit(parsed, text, [this.blankRow()], anchor)], vscode.l10n.t('add a row'));
  }

  private async delete(refs: RowRef[]): Promise<boolean> {
    const rows = await this.resolveRefs(refs);
    if (!rows) return false;
    const unique = [...new Map(rows.map((r) => [r.index, r])).values()];
    return this.apply(
      unique.map((r) => deleteRowEdit(this.model.parsed, r, this.model.text)),
      vscode.l10n.t('delete rows'),
    );
  }

  /** Matching's accepted rows: appended at the end of the map in one edit. */
  private async appendRows(rows: string[][], label: string): Promise<boolean> {
    this.recompute();
    return this.apply([insertRowsEdit(this.model.parsed, this.model.text, rows)], label);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const s of this.subscriptions) s.dispose();
  }
}
