/**
 * Writes a whole text file: atomically on disk (a temporary file renamed over it), through VS Code's
 * file system for a plan in a virtual workspace. The plan itself is only written by the plan store.
 */
import * as vscode from 'vscode';
import { writeFileAtomic } from '../services/atomicFiles';

export async function writeTextAtomic(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, text);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
