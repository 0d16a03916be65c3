/**
 * Problems panel: plan validation problems at their line and column, and problems of result files
 * (invalid files, conflicts with the plan, notes for the admin). Quick fixes where the fix is
 * obvious: a "did you mean" value or key, a URL the hint names, a missing trust entry.
 */
import * as vscode from 'vscode';
import { locateProblems } from '../core/json/jsonLocations';
import type { Problem, SourceRange } from '../core/json/problem';
import { PLAN_FILE_NAME } from '../core/plan/planSchema';
import type { PlanSnapshot, PlanStore } from './planStore';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(r: SourceRange | undefined): vscode.Range {
  if (!r) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1);
}

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.range), p.hint ? `${p.message}\n${p.hint}` : p.message, SEVERITY[p.severity]);
  d.source = 'OneDrive Migration';
  d.code = p.code;
  return d;
}

export class MigrationDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly plan = vscode.languages.createDiagnosticCollection('onedriveMigration.plan');
  private readonly results = vscode.languages.createDiagnosticCollection('onedriveMigration.results');
  private readonly subscription: vscode.Disposable;
  private readonly registration: vscode.Disposable;
  private problems = new Map<vscode.Diagnostic, Problem>();

  constructor(private readonly store: PlanStore) {
    this.subscription = store.onDidChange((s) => this.update(s));
    this.registration = vscode.languages.registerCodeActionsProvider({ pattern: `**/${PLAN_FILE_NAME}` }, this, {
      providedCodeActionKinds: MigrationDiagnostics.kinds,
    });
  }

  private update(snapshot: PlanSnapshot | undefined): void {
    this.plan.clear();
    this.results.clear();
    this.problems = new Map();
    if (!snapshot) return;
    const planDiagnostics = snapshot.problems.map((p) => {
      const d = toDiagnostic(p);
      this.problems.set(d, p);
      return d;
    });
    this.plan.set(snapshot.uri, planDiagnostics);
    const byFile = new Map<string, { text: string; problems: Problem[] }>();
    for (const rp of snapshot.resultProblems) {
      const entry = byFile.get(rp.file) ?? { text: rp.text, problems: [] };
      entry.problems.push(rp.problem);
      byFile.set(rp.file, entry);
    }
    for (const [file, { text, problems }] of byFile)
      this.results.set(vscode.Uri.file(file), locateProblems(text, problems).map(toDiagnostic));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const problem = [...this.problems.entries()].find(([d]) => d.range.isEqual(diagnostic.range) && d.code === diagnostic.code)?.[1];
      if (!problem) continue;
      const action = this.fixFor(document, diagnostic, problem);
      if (action) actions.push(action);
    }
    return actions;
  }

  private fixFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, p: Problem): vscode.CodeAction | undefined {
    const replace = (title: string, text: string) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, text);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return action;
    };
    const suggestion = /Did you mean '([^']+)'\?/.exec(p.message)?.[1];
    if ((p.code === 'schema.enum' || p.code === 'schema.unknownProperty') && suggestion) {
      return replace(vscode.l10n.t("Change to '{0}'", suggestion), JSON.stringify(suggestion));
    }
    const url = /(https:\/\/[a-z0-9.-]+\.sharepoint\.com)\s*$/.exec(p.hint ?? '')?.[1];
    if ((p.code === 'plan.hostUrl' || p.code === 'plan.adminUrl') && url)
      return replace(vscode.l10n.t('Use {0}', url), JSON.stringify(url));
    if (p.code === 'plan.batchWithoutTrust') {
      const snapshot = this.store.snapshot;
      const batch = snapshot?.plan?.batches?.[p.path[1] as number];
      if (!snapshot?.plan || !batch) return undefined;
      const action = new vscode.CodeAction(
        vscode.l10n.t('Add the trust {0} → {1} to the plan', batch.sourceGeography, batch.targetGeography),
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      action.command = {
        command: 'onedriveMigration.internal.addTrust',
        title: action.title,
        arguments: [batch.sourceGeography, batch.targetGeography],
      };
      return action;
    }
    return undefined;
  }

  /** The quick fix for a missing trust entry (it edits the JSON structure, so it goes through the store). */
  async addTrust(sourceGeography: string, targetGeography: string): Promise<void> {
    await this.store.update(
      `added the trust ${sourceGeography} → ${targetGeography}`,
      (plan) =>
        plan.trusts?.some((t) => t.sourceGeography === sourceGeography && t.targetGeography === targetGeography)
          ? plan
          : { ...plan, trusts: [...(plan.trusts ?? []), { sourceGeography, targetGeography }] },
      { evenWithErrors: true },
    );
  }

  dispose(): void {
    this.plan.dispose();
    this.results.dispose();
    this.subscription.dispose();
    this.registration.dispose();
  }
}
