/**
 * Parsed and validated identity maps, per open document and version. The Problems-panel
 * diagnostics and the grid editor both need them; at 100,000 rows a parse + validation takes a
 * few hundred milliseconds, so it is done once per document version and plan, not once per user.
 */
import * as vscode from 'vscode';
import { parseIdentityMap, type ParsedIdentityMap } from '../core/identity/identityMapFile';
import { validateIdentityMap, type MapProblem } from '../core/identity/validateIdentityMap';
import type { Plan } from '../core/plan/planSchema';

export interface IdentityMapModel {
  version: number;
  text: string;
  parsed: ParsedIdentityMap;
  problems: MapProblem[];
}

/** A model read from disk before VS Code has opened the document (version not known yet). */
const PRIMED = -1;

export class IdentityMapModels implements vscode.Disposable {
  private readonly cache = new Map<string, IdentityMapModel & { plan: Plan | undefined }>();
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri));

  /** The model of the document as it is now, validated against the plan. */
  get(document: vscode.TextDocument, plan: Plan | undefined): IdentityMapModel {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.plan === plan) {
      // A version identifies the text while the document is open (the entry goes when it closes).
      if (cached.version === document.version) return cached;
      if (cached.version === PRIMED && cached.text === document.getText()) {
        cached.version = document.version;
        return cached;
      }
    }
    const text = document.getText();
    return this.store(key, document.version, text, plan);
  }

  /**
   * Parses a map's file text while VS Code is still loading the document (for a large map that
   * takes VS Code a few seconds, during which the extension host is idle); `get` adopts the
   * result when the document's text turns out to be the same.
   */
  prime(uri: vscode.Uri, text: string, plan: Plan | undefined): void {
    this.store(uri.toString(), PRIMED, text, plan);
  }

  private store(key: string, version: number, text: string, plan: Plan | undefined): IdentityMapModel {
    const parsed = parseIdentityMap(text);
    const model = { version, text, parsed, problems: validateIdentityMap(parsed, plan ? { plan } : {}), plan };
    this.cache.set(key, model);
    return model;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
}
