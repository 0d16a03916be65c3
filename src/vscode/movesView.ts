/**
 * The Moves view: one webview panel (opened from the tree, the checklist, the status bar, step 6 and
 * the command palette) that shows where every move stands. The host keeps the rows and answers the
 * windows the table asks for (filter and sort run here, on 20,000 rows in milliseconds); the webview
 * gets the summary and the history for its chart. Messages from the webview are validated first.
 */
import * as vscode from 'vscode';
import { explainErrorCode } from '../core/errors/mnaErrorCodes';
import { filterMoves, type MoveFilter, type MoveSort } from '../core/moves/moveFilter';
import type { TrackingModel } from '../core/moves/trackingModel';
import {
  FIRST_MOVE_ROWS,
  parseMoveFilter,
  parseMovesViewMessage,
  type MovesHostMessage,
  type MovesSummary,
  type MovesViewMessage,
} from '../../webview/movesProtocol';
import { testHooksEnabled } from '../services/testHooks';
import type { CommandContext } from './commands/commandContext';
import { exportReport, openUserInMap, refreshStates, retryFailed, stopWaiting } from './commands/movesActions';
import { Cancelled } from './commands/registerCommand';
import { exists } from './fileExists';
import { log } from './log';
import type { MovesTracking } from './movesTracking';
import { showWebviewPage } from './webviewHtml';

export const MOVES_VIEW_TYPE = 'onedriveMigration.moves';

function summaryOf(model: TrackingModel, hasIdentityMap: boolean): MovesSummary {
  const geographies = [...new Set(model.rows.map((r) => r.sourceGeography))].sort();
  const codes = [...new Set(model.failures.map((f) => f.errorCode ?? ''))];
  const explanations: MovesSummary['explanations'] = {};
  for (const code of codes) {
    const e = code ? explainErrorCode(code) : undefined;
    if (e) explanations[code] = { meaning: e.meaning, fix: e.fix };
  }
  return {
    at: model.at,
    thresholds: model.thresholds,
    batches: model.batches,
    total: model.total,
    queues: model.queues,
    failures: model.failures,
    history: model.history,
    geographies,
    errorCodes: codes,
    explanations,
    users: model.rows.length,
    hasIdentityMap,
  };
}

export class MovesView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private query: { version: number; filter: MoveFilter; sort: MoveSort } | undefined;
  private view: number[] = [];
  private pendingFilter: MoveFilter | undefined;
  /** Under test: every message posted, newest last. */
  readonly posted: MovesHostMessage[] | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly tracking: MovesTracking,
    private readonly testHooks = testHooksEnabled(process.env),
  ) {
    if (testHooks) this.posted = [];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the view (or brings it to the front), filtered when a filter is given. */
  async show(given?: MoveFilter): Promise<void> {
    // Commands may be run with any argument: only a filter the webview would accept gets through.
    const filter = given ? parseMoveFilter(given) : undefined;
    if (this.panel) {
      this.panel.reveal();
      if (filter) await this.post({ type: 'filter', filter });
      return;
    }
    this.pendingFilter = filter;
    const panel = vscode.window.createWebviewPanel(MOVES_VIEW_TYPE, vscode.l10n.t('Moves'), vscode.ViewColumn.Active, {
      retainContextWhenHidden: true,
    });
    this.panel = panel;
    showWebviewPage(panel.webview, this.ctx.extensionUri, {
      title: 'Moves',
      styles: ['moves.css'],
      script: 'moves.js',
      body: '<div id="app" class="app" aria-busy="true"></div>',
    });
    const watching = this.tracking.watch();
    this.panelDisposables.push(
      watching,
      panel.webview.onDidReceiveMessage((m: unknown) => void this.handle(m)),
      this.tracking.onDidChange((model) => void this.publish(model)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.query = undefined;
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
    );
  }

  private async post(message: MovesHostMessage): Promise<void> {
    if (this.posted) {
      this.posted.push(message);
      if (this.posted.length > 200) this.posted.splice(0, 100);
    }
    await this.panel?.webview.postMessage(message);
  }

  /** A new model: the summary (the webview then asks for its query again, on the new rows). */
  private async publish(model: TrackingModel | undefined): Promise<void> {
    if (!this.panel || !model) return;
    const map = this.ctx.store.valid?.identityMapUri;
    await this.post({ type: 'summary', summary: summaryOf(model, map !== undefined && (await exists(map))) });
  }

  private async answer(query: { version: number; filter: MoveFilter; sort: MoveSort }, model: TrackingModel): Promise<void> {
    this.query = query;
    this.view = filterMoves(model.rows, query.filter, query.sort);
    await this.post({ type: 'view', version: query.version, total: this.view.length, rows: this.window(model, 0, FIRST_MOVE_ROWS) });
  }

  private window(model: TrackingModel, start: number, count: number) {
    return this.view.slice(start, start + count).map((i) => model.rows[i]!);
  }

  /** Acts on a message from the webview, after validating it. Returns whether it was accepted. */
  async handle(raw: unknown): Promise<boolean> {
    const message = parseMovesViewMessage(raw);
    if (!message) {
      log.warn(`moves view: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return false;
    }
    try {
      await this.act(message);
    } catch (error) {
      if (!(error instanceof Cancelled)) void vscode.window.showErrorMessage((error as Error).message);
    }
    return true;
  }

  private async act(message: MovesViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        await this.post({ type: 'init', testHooks: this.testHooks });
        if (this.pendingFilter) await this.post({ type: 'filter', filter: this.pendingFilter });
        this.pendingFilter = undefined;
        // What was last computed paints at once; the fresh model follows (results may have come while it was closed).
        const cached = this.tracking.freshModel;
        if (cached) await this.publish(cached);
        else await this.post({ type: 'busy', busy: true });
        const model = await this.tracking.refresh(); // published through onDidChange
        await this.post(
          model
            ? { type: 'busy', busy: false }
            : { type: 'busy', busy: false, message: vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).') },
        );
        return;
      }
      case 'query': {
        const model = this.tracking.model;
        if (model) await this.answer(message, model);
        return;
      }
      case 'rows': {
        const model = this.tracking.model;
        if (!model || message.version !== this.query?.version) return;
        await this.post({
          type: 'rows',
          version: message.version,
          start: message.start,
          rows: this.window(model, message.start, message.count),
        });
        return;
      }
      case 'openInMap':
        return openUserInMap(this.ctx, message.user);
      case 'explain':
        await vscode.commands.executeCommand('onedriveMigration.explainErrorCode', message.code);
        return;
      case 'action':
        switch (message.action) {
          case 'retryFailed':
            return retryFailed(this.ctx, message.batch);
          case 'stopWaiting':
            return stopWaiting(this.ctx, message.batch);
          case 'refreshStates':
            return refreshStates(this.ctx, message.batch);
          case 'exportReport':
            await exportReport(this.ctx);
            return;
        }
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
