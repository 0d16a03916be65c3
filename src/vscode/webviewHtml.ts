/**
 * The HTML shell of every webview: a strict Content-Security-Policy (no inline code, one script
 * with a fresh nonce, styles/fonts/images only from the extension's dist/webview folder).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  styles: string[];
  script: string;
  body: string;
}

/** Scripts allowed, resources only from dist/webview, and the page's HTML. */
export function showWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): void {
  const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  webview.options = { enableScripts: true, localResourceRoots: [assets] };
  webview.html = webviewHtml(webview, assets, page);
}

function webviewHtml(webview: vscode.Webview, assets: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(assets, name)).toString();
  const csp = [
    `default-src 'none'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // vscode-elements finds the codicon font through the stylesheet with this id.
  const styles = ['codicon.css', ...page.styles]
    .map((s) => `<link rel="stylesheet" href="${uri(s)}"${s === 'codicon.css' ? ' id="vscode-codicon-stylesheet"' : ''}>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${uri(page.script)}"></script>
</body>
</html>`;
}
