/**
 * Composition root of the VS Code extension. Kept minimal until the VS Code experience issue:
 * it validates and generates through the same core as the CLI.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('onedriveMigration.generateAllScripts', async () => {
      const { generateAllScriptsCommand } = await import('./vscode/generateAllScripts');
      await generateAllScriptsCommand();
    }),
  );
}

export function deactivate(): void {}
