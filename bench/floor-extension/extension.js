// The least a custom text editor can do: stamp when VS Code handed it the document and show that.
// bench/editor.ts compares the identity-map editor with this floor.
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider('odmBenchFloor.editor', {
      resolveCustomTextEditor(document, panel) {
        panel.webview.html = `<!DOCTYPE html><html><body><div id="floor" data-opened="${Date.now()}">${document.lineCount} lines</div></body></html>`;
      },
    }),
    vscode.commands.registerCommand('odmBenchFloor.open', async () => {
      const folder = vscode.workspace.workspaceFolders[0].uri;
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(folder, 'identity-map.csv'), 'odmBenchFloor.editor');
    }),
  );
};
