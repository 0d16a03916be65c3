/**
 * The identity-map editor: a CustomTextEditorProvider, so the CSV text document stays the truth
 * (undo/redo, dirty state, save, hot exit and external edits are VS Code's own). The provider sets
 * up each editor's webview and hands it to a grid session (identityMapGridSession.ts), which owns
 * the rows, the edits and, through its MatchingController, the matching review. What outlives one
 * editor (the parsed models, the reviews and their memory) is kept here and shared by the sessions.
 */
import * as vscode from 'vscode';
import type { Plan } from '../core/plan/planSchema';
import { testHooksEnabled } from '../services/testHooks';
import type { LiveDirectories } from './identityMatching';
import { IdentityMapGridSession, type GridSessionServices } from './identityMapGridSession';
import type { MatchReviews } from './identityMapMatchingController';
import type { IdentityMapModels } from './identityMapModels';
import { MatchingMemory } from './matchingMemory';
import type { PlanStore } from './planStore';
import { showWebviewPage } from './webviewHtml';

export const IDENTITY_MAP_EDITOR = 'onedriveMigration.identityMapEditor';

/** The session of one open editor (the name the commands and tests know it by). */
export type IdentityMapEditorSession = IdentityMapGridSession;

export class IdentityMapEditorProvider implements vscode.CustomTextEditorProvider, GridSessionServices {
  readonly sessions = new Set<IdentityMapEditorSession>();
  private readonly resolved = new vscode.EventEmitter<IdentityMapEditorSession>();
  readonly onDidResolve = this.resolved.event;
  /** Matching proposals per map, and the exports they came from (an editor may close and reopen). */
  readonly reviews: MatchReviews = new Map();

  /** `testHooks`: the composition root may decide; by default the extension host's ODM_TEST_HOOKS does. */
  constructor(
    readonly store: PlanStore,
    readonly models: IdentityMapModels,
    readonly extensionUri: vscode.Uri,
    readonly memory = new MatchingMemory(undefined),
    readonly testHooks = testHooksEnabled(process.env),
    /** Live mode's directories for matching (set once live mode exists). */
    public live?: { available(): boolean; directories: LiveDirectories },
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    // Stamped here, where VS Code hands the document over: the editor benchmark measures from it.
    const openedAt = this.testHooks ? Date.now() : undefined;
    showWebviewPage(panel.webview, this.extensionUri, {
      title: 'Identity map',
      styles: ['identityMap.css'],
      script: 'identityMap.js',
      body: '<div id="app" class="app"></div>',
    });
    const session = new IdentityMapGridSession(this, document, panel, openedAt);
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

  get plan(): Plan | undefined {
    const snapshot = this.store.snapshot;
    return snapshot?.state === 'valid' ? snapshot.plan : undefined;
  }
}
