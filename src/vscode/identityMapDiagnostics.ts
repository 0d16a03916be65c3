/**
 * Problems-panel diagnostics for identity-map CSV files open in any editor, validated against the
 * plan, with quick fixes where the fix is obvious: remove the header row, trim spaces, fix the
 * case of a type, use the plan's tenant ID, rewrite a semicolon file with commas.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceEditOf } from './workspaceEdits';
import type { ParsedIdentityMap } from '../core/identity/identityMapFile';
import { mapFix } from '../core/identity/mapFixes';
import type { MapProblem } from '../core/identity/validateIdentityMap';
import { toDiagnostic } from './diagnostics';
import type { IdentityMapModels } from './identityMapModels';
import { isBlocked } from './pathConsent';
import type { PlanStore } from './planStore';

const MAP_ROW = /^\uFEFF?\s*"?(User|Group)"?\s*[,;]/i;

/** The plan's map, a file named like one, or a CSV whose first rows look like mappings. */
export function isIdentityMap(document: vscode.TextDocument, planMap?: vscode.Uri): boolean {
  if (planMap && document.uri.toString() === planMap.toString()) return true;
  if (!/\.csv$/i.test(document.uri.path)) return false;
  if (/identity[-_ ]?map/i.test(path.basename(document.uri.path))) return true;
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 3), 0)).split(/\r?\n/);
  return head.some((line) => MAP_ROW.test(line));
}

export class IdentityMapDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('onedriveMigration.identityMap');
  private readonly state = new Map<string, { parsed: ParsedIdentityMap; problems: Map<vscode.Diagnostic, MapProblem> }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: PlanStore,
    private readonly models: IdentityMapModels,
  ) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 200)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      store.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0))),
      vscode.languages.registerCodeActionsProvider({ pattern: '**/*.csv' }, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const snapshot = this.store.snapshot;
    // A map the plan names outside its folder is not the plan's map until allowed (a CSV that looks like one still is checked).
    if (!isIdentityMap(document, isBlocked(snapshot, 'identityMap') ? undefined : snapshot?.identityMapUri)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.validate(document), delay),
    );
  }

  /** Validates one document now (also used by tests). */
  validate(document: vscode.TextDocument): vscode.Diagnostic[] {
    const plan = this.store.snapshot?.state === 'valid' ? this.store.snapshot.plan : undefined;
    const { parsed, problems: found } = this.models.get(document, plan);
    const problems = new Map<vscode.Diagnostic, MapProblem>();
    const diagnostics = found.map((p) => {
      const d = toDiagnostic(p);
      problems.set(d, p);
      return d;
    });
    this.state.set(document.uri.toString(), { parsed, problems });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.state.delete(uri.toString());
    clearTimeout(this.timers.get(uri.toString()));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.state.get(document.uri.toString());
    if (!state) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const p = [...state.problems.entries()].find(([d]) => d.range.isEqual(diagnostic.range) && d.code === diagnostic.code)?.[1];
      if (!p) continue;
      const fix = mapFix(state.parsed, document.getText(), p);
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEditOf(document, [fix.edit]);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
