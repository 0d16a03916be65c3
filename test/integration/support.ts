/** Helpers for integration tests running inside the extension host. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'onedrive-migration.onedrive-cross-tenant-migration';

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error('extension not found');
  const exports = await ext.activate();
  if (!exports) throw new Error('the extension exports its API only when the extension host has ODM_TEST_HOOKS=1');
  await exports.store.initialize();
  return exports;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Waits until `check` returns a value (polling, with a deadline). */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string | (() => string),
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${String(last)}` : ''}`);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** The review's open tabs (index and scripts), by the name they show. */
export function reviewTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined))
    .filter((u): u is vscode.Uri => u?.scheme === 'onedrive-migration-script')
    .map((u) => u.path.split('/').pop()!);
}

/** Puts the plan back as it was and waits until the store has read it again. */
export async function restorePlan(original: string): Promise<void> {
  await writeText(workspaceUri('onedrive-migration.json'), original);
  const { store } = await api();
  await eventually(async () => {
    await store.reload();
    return store.snapshot?.text === original;
  }, 'the plan to be restored');
}
