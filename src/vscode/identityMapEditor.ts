/**
 * The identity-map editor: a CustomTextEditorProvider, so the CSV text document stays the truth
 * (undo/redo, dirty state, save, hot exit and external edits are VS Code's own). The host keeps
 * the parsed rows (IdentityMapGrid) and answers the webview's requests for the window it shows;
 * every edit becomes a WorkspaceEdit on the document that replaces only the rows it touches.
 * Messages from the webview are validated (webview/identityMapProtocol) before anything happens.
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { DEFAULT_QUERY, IdentityMapGrid, type GridQuery } from '../core/identity/identityMapGrid';
import { deleteRowEdit, insertRowsEdit, replaceRowEdit, type MapRow, type TextEdit } from '../core/identity/identityMapFile';
import { mapFix } from '../core/identity/mapFixes';
import type { MatchReview, ProposalFilter } from '../core/identity/matchReview';
import { FIRST_ROWS, parseMapViewMessage, type MapHostMessage, type MapViewMessage, type RowRef } from '../../webview/identityMapProtocol';
import { matchDirectories, pickMatchInputs, type MatchInputs } from './identityMatching';
import { MatchingMemory } from './matchingMemory';
import type { IdentityMapModel, IdentityMapModels } from './identityMapModels';
import { log } from './log';
import type { PlanStore } from './planStore';
import { webviewAssets, webviewHtml } from './webviewHtml';

export const IDENTITY_MAP_EDITOR = 'onedriveMigration.identityMapEditor';

export class IdentityMapEditorProvider implements vscode.CustomTextEditorProvider {
  readonly sessions = new Set<IdentityMapEditorSession>();
  private readonly resolved = new vscode.EventEmitter<IdentityMapEditorSession>();
  readonly onDidResolve = this.resolved.event;
  /** Matching proposals per map, and the exports they came from (an editor may close and reopen). */
  readonly reviews = new Map<string, { review: MatchReview; inputs: MatchInputs }>();

  constructor(
    readonly store: PlanStore,
    readonly models: IdentityMapModels,
    readonly extensionUri: vscode.Uri,
    readonly memory = new MatchingMemory(undefined),
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new IdentityMapEditorSession(this, document, panel);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      session.dispose();
      this.sessions.delete(session);
    });
    this.resolved.fire(session);
  }

  /** The map's editor session once VS Code has resolved it (undefined after `timeoutMs`). */
  whenResolved(uri: vscode.Uri, timeoutMs = 10_000): Promise<IdentityMapEditorSession | undefined> {
    const open = this.sessionFor(uri);
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => {
      const done = (session: IdentityMapEditorSession | undefined) => {
        clearTimeout(timer);
        listener.dispose();
        resolve(session);
      };
      const listener = this.onDidResolve((s) => s.document.uri.toString() === uri.toString() && done(s));
      const timer = setTimeout(() => done(undefined), timeoutMs);
    });
  }

  /** The open editor of a map (tests and the step-5 command use it). */
  sessionFor(uri: vscode.Uri): IdentityMapEditorSession | undefined {
    return [...this.sessions].find((s) => s.document.uri.toString() === uri.toString());
  }

  get plan() {
    const snapshot = this.store.snapshot;
    return snapshot?.state === 'valid' ? snapshot.plan : undefined;
  }
}

const sameFields = (a: readonly string[], b: readonly string[]) => {
  // The webview pads short rows to six cells; compare what both sides have.
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? '') !== (b[i] ?? '')) return false;
  return true;
};

export class IdentityMapEditorSession implements vscode.Disposable {
  private query: GridQuery = DEFAULT_QUERY;
  private model!: IdentityMapModel;
  private grid!: IdentityMapGrid;
  private view: Int32Array = new Int32Array(0);
  private mapped: Set<string> | undefined;
  private proposalFilter: ProposalFilter = 'all';
  private proposalView: Int32Array = new Int32Array(0);
  private proposalVersion = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReveal: { row: number; column: number; edit: boolean } | undefined;
  /** When VS Code handed the document over (epoch ms); sent once, for the editor benchmark. */
  private openedAt: number | undefined = Date.now();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Every message posted to the webview, newest last (the tests read it). */
  readonly posted: MapHostMessage[] = [];

  constructor(
    private readonly provider: IdentityMapEditorProvider,
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
  ) {
    const assets = webviewAssets(provider.extensionUri);
    panel.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    panel.webview.html = webviewHtml(panel.webview, assets, {
      title: 'Identity map',
      styles: ['identityMap.css'],
      script: 'identityMap.js',
      body: '<div id="app" class="app"></div>',
    });
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handle(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length) this.scheduleRefresh();
      }),
      provider.store.onDidChange(() => this.scheduleRefresh()),
    );
    // The map is parsed when the webview says it is ready: the webview loads meanwhile.
  }

  private get review(): MatchReview | undefined {
    return this.provider.reviews.get(this.document.uri.toString())?.review;
  }

  /** Remembers the review (its exports and rejections) for the next session. */
  private async remember(): Promise<void> {
    const entry = this.provider.reviews.get(this.document.uri.toString());
    if (entry) await this.provider.memory.save(this.document.uri, entry.inputs, entry.review.rejectedSources());
  }

  /** After a reload: matches the remembered exports again and restores the review. */
  async restoreReview(): Promise<boolean> {
    const remembered = this.review ? undefined : this.provider.memory.load(this.document.uri);
    if (!remembered) return false;
    try {
      const { review } = await matchDirectories(remembered.inputs, this.tenantId(), this.document.uri);
      this.recompute();
      review.restore(remembered.rejected, this.mappedSources());
      this.provider.reviews.set(this.document.uri.toString(), { review, inputs: remembered.inputs });
      await this.postProposals();
      return true;
    } catch (error) {
      log.warn(`identity-map editor: could not match the remembered exports again: ${(error as Error).message}`);
      await this.provider.memory.forget(this.document.uri);
      await this.post({
        type: 'notice',
        severity: 'info',
        message: vscode.l10n.t(
          'The directory exports matched last time could not be read again; use Match from directory exports… to start over.',
        ),
      });
      return false;
    }
  }

  private tenantId(): string {
    this.recompute();
    return this.provider.plan?.source.tenantId ?? this.model.parsed.rows.find((r) => r.fields[1])?.fields[1]?.trim() ?? '';
  }

  /**
   * Re-reads the document when it changed (our edits, undo, external edits, typing in a text
   * editor) and applies the query to the new rows; `requery` applies it even when nothing changed
   * (the query did).
   */
  private recompute(requery = false): void {
    const started = performance.now();
    const model = this.provider.models.get(this.document, this.provider.plan);
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
    if (this.review) await this.postProposals();
  }

  private async post(message: MapHostMessage): Promise<void> {
    this.posted.push(message);
    if (this.posted.length > 200) this.posted.splice(0, 100);
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
      ...(this.openedAt ? { openedAt: this.openedAt } : {}),
    });
    this.openedAt = undefined;
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

  private async postProposals(): Promise<void> {
    const review = this.review;
    this.proposalView = review ? review.query(this.proposalFilter) : new Int32Array(0);
    this.proposalVersion++;
    await this.post({
      type: 'proposals',
      version: this.proposalVersion,
      total: this.proposalView.length,
      filter: this.proposalFilter,
      counts: review ? review.counts() : null,
    });
  }

  private mappedSources(): Set<string> {
    return (this.mapped ??= this.grid.mappedSources());
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
        // A reloaded webview brings back its query: the view is rebuilt for it.
        this.query = message.query;
        this.proposalFilter = message.filter;
        this.recompute(true);
        await this.postView(true);
        await this.postProposals();
        if (!this.review) void this.restoreReview();
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
      case 'match':
        return this.match();
      case 'proposalQuery':
        this.proposalFilter = message.filter;
        await this.postProposals();
        return true;
      case 'proposalRows': {
        const review = this.review;
        if (!review || message.version !== this.proposalVersion) return false;
        this.recompute();
        await this.post({
          type: 'proposalRows',
          version: this.proposalVersion,
          start: message.start,
          rows: review.window(this.proposalView, message.start, message.count, this.mappedSources()),
        });
        return true;
      }
      case 'accept':
        return this.accept(message.ids === 'shown' ? [...this.proposalView] : message.ids);
      case 'reject': {
        const review = this.review;
        if (!review) return false;
        review.mark(message.ids === 'shown' ? [...this.proposalView] : message.ids, 'rejected');
        await this.postProposals();
        await this.remember();
        return true;
      }
      case 'choose':
        return this.choose(message.id);
      case 'fix':
        return this.fix(message.code, message.ref, message.column);
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
    const edit = new vscode.WorkspaceEdit();
    const d = this.document;
    for (const e of edits) edit.replace(d.uri, new vscode.Range(d.positionAt(e.offset), d.positionAt(e.offset + e.length)), e.text);
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok)
      await this.post({
        type: 'notice',
        severity: 'error',
        message: vscode.l10n.t('Could not {0} in {1}.', label, vscode.workspace.asRelativePath(d.uri)),
      });
    else await this.refresh();
    return ok;
  }

  async editCell(ref: RowRef, column: number, value: string): Promise<boolean> {
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
  async fix(code: string, ref?: RowRef, column?: number): Promise<boolean> {
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

  async insert(after?: RowRef, copies?: RowRef[]): Promise<boolean> {
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

  async delete(refs: RowRef[]): Promise<boolean> {
    const rows = await this.resolveRefs(refs);
    if (!rows) return false;
    const unique = [...new Map(rows.map((r) => [r.index, r])).values()];
    return this.apply(
      unique.map((r) => deleteRowEdit(this.model.parsed, r, this.model.text)),
      vscode.l10n.t('delete rows'),
    );
  }

  /** Runs matching with files given (tests) or asked for; the proposals show in the panel. */
  async match(inputs?: MatchInputs): Promise<boolean> {
    const tenantId = this.tenantId();
    const chosen = inputs ?? (await pickMatchInputs(vscode.Uri.joinPath(this.document.uri, '..')).catch(() => undefined));
    if (!chosen) return false;
    const { review, warnings } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Matching identities…') },
      () => matchDirectories(chosen, tenantId, this.document.uri),
    );
    for (const w of warnings) log.warn(w);
    this.provider.reviews.set(this.document.uri.toString(), { review, inputs: chosen });
    await this.remember();
    this.proposalFilter = 'all';
    await this.postProposals();
    const c = review.counts().pending;
    await this.post({
      type: 'notice',
      severity: 'info',
      message: vscode.l10n.t(
        '{0} matched, {1} suggested (display name), {2} ambiguous, {3} conflicts, {4} unmatched. Review them in the matching panel.',
        c.matched,
        c.suggested,
        c.ambiguous,
        c.conflict,
        c.unmatched,
      ),
    });
    return true;
  }

  async accept(ids: readonly number[]): Promise<boolean> {
    const review = this.review;
    if (!review) return false;
    this.recompute();
    const result = review.accept(ids, this.mappedSources());
    if (!(await this.appendAccepted(review, result.rows, result.accepted, vscode.l10n.t('add the accepted rows')))) return false;
    const parts = [vscode.l10n.t('Added {0} row(s).', result.rows.length)];
    if (result.skipped) parts.push(vscode.l10n.t('{0} already in the map (skipped).', result.skipped));
    if (result.needChoice) parts.push(vscode.l10n.t('{0} ambiguous or conflicting: use Choose… on each.', result.needChoice));
    await this.post({ type: 'notice', severity: result.needChoice ? 'warning' : 'info', message: parts.join(' ') });
    return true;
  }

  private async choose(id: number): Promise<boolean> {
    const review = this.review;
    const proposal = review?.proposals[id];
    if (!review || !proposal?.candidates?.length) return false;
    const items = proposal.candidates.map((c, i) => ({
      label: 'userPrincipalName' in c ? c.userPrincipalName : c.id,
      description: c.displayName ?? '',
      index: i,
    }));
    const source = proposal.kind === 'User' ? proposal.source.userPrincipalName : proposal.source.id;
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Target for {0}', source),
      placeHolder: vscode.l10n.t('{0} by {1}: choose the right one', proposal.status, proposal.rule ?? ''),
    });
    if (!picked) return false;
    return this.chooseCandidate(id, picked.index);
  }

  async chooseCandidate(id: number, candidate: number): Promise<boolean> {
    const review = this.review;
    const row = review?.choose(id, candidate);
    if (!review || !row) return false;
    return this.appendAccepted(review, [row], [id], vscode.l10n.t('add the chosen row'));
  }

  /** Appends accepted proposals' rows in one edit (one undo step) and marks them accepted. */
  private async appendAccepted(review: MatchReview, rows: string[][], ids: number[], label: string): Promise<boolean> {
    this.recompute();
    if (rows.length && !(await this.apply([insertRowsEdit(this.model.parsed, this.model.text, rows)], label))) return false;
    review.mark(ids, 'accepted');
    await this.postProposals();
    return true;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const s of this.subscriptions) s.dispose();
  }
}
