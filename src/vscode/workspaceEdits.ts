/** The core describes text changes as offsets (TextEdit); VS Code applies them as a WorkspaceEdit. */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/identity/identityMapFile';

export function workspaceEditOf(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
  return edit;
}
