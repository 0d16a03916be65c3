/**
 * Parsed and validated identity maps, per open document and version. The Problems-panel
 * diagnostics and the grid editor both need them; at 100,000 rows a parse + validation takes a
 * few hundred milliseconds, so it is done once per document version and plan, not once per user.
 */
import type * as vscode from 'vscode';
import { parseIdentityMap, type ParsedIdentityMap } from '../core/identity/identityMapFile';
import { validateIdentityMap, type MapProblem } from '../core/identity/validateIdentityMap';
import type { Plan } from '../core/plan/planSchema';

export interface IdentityMapModel {
  version: number;
  text: string;
  parsed: ParsedIdentityMap;
  problems: MapProblem[];
}

export class IdentityMapModels {
  private readonly cache = new Map<string, IdentityMapModel & { plan: Plan | undefined }>();

  /** The model of the document as it is now, validated against the plan. */
  get(document: vscode.TextDocument, plan: Plan | undefined): IdentityMapModel {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.plan === plan && cached.text.length === document.getText().length) return cached;
    const text = document.getText();
    const parsed = parseIdentityMap(text);
    const model = { version: document.version, text, parsed, problems: validateIdentityMap(parsed, plan ? { plan } : {}), plan };
    this.cache.set(key, model);
    return model;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}
