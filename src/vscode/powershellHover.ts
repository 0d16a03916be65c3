/** Hover documentation for the cross-tenant cmdlets and their parameters in PowerShell files. */
import * as vscode from 'vscode';
import { hoverAt } from '../core/powershell/cmdletDocs';

export function registerPowerShellHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'powershell' }, { pattern: '**/*.ps1' }], {
    provideHover(document, position) {
      const found = hoverAt(document.lineAt(position.line).text, position.character);
      if (!found) return undefined;
      return new vscode.Hover(
        new vscode.MarkdownString(found.markdown),
        new vscode.Range(position.line, found.start, position.line, found.end),
      );
    },
  });
}
