/** Opening identity maps in the grid editor (step 5, the explorer and the text editor's title bar). */
import * as vscode from 'vscode';
import { exists } from '../fileExists';
import { decodeIdentityMap } from '../../core/identity/identityMapFile';
import { IDENTITY_MAP_EDITOR, type IdentityMapEditorSession } from '../identityMapEditor';
import { requireAllowedPaths } from '../pathConsent';
import type { CommandContext } from './commandContext';

/** Opens the map in the grid editor (creating an empty map file first) and returns its session. */
export async function openIdentityMapEditor(ctx: CommandContext, uri: vscode.Uri): Promise<IdentityMapEditorSession | undefined> {
  if (!(await exists(uri))) await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const opening = vscode.commands.executeCommand('vscode.openWith', uri, IDENTITY_MAP_EDITOR);
  if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    // While VS Code loads the document (seconds for a 100,000-row map), read and check the file.
    const plan = ctx.store.snapshot?.state === 'valid' ? ctx.store.snapshot.plan : undefined;
    await vscode.workspace.fs.readFile(uri).then(
      (bytes) => ctx.mapEditor.models.prime(uri, decodeIdentityMap(bytes).text, plan),
      () => undefined,
    );
  }
  await opening;
  return ctx.mapEditor.whenResolved(uri);
}

/** A CSV in a real file system: what the grid can edit (not the plan, not a generated script under review). */
export function isEditableCsv(uri: vscode.Uri): boolean {
  return /\.csv$/i.test(uri.path) && uri.scheme !== 'onedrive-migration-script' && uri.scheme !== 'untitled';
}

/**
 * "Open in Identity Map Editor": the given CSV (explorer, title bar), the active editor's when it is
 * a CSV, otherwise the plan's map. Never the plan itself or a script: the grid would treat their
 * lines as map rows and offer fixes that break them.
 */
export async function openIdentityMap(ctx: CommandContext, uri?: vscode.Uri): Promise<void> {
  const given = uri instanceof vscode.Uri ? uri : undefined;
  if (given && !isEditableCsv(given))
    throw new Error(vscode.l10n.t('{0} is not a CSV file: only identity maps open in the grid.', vscode.workspace.asRelativePath(given)));
  const active = vscode.window.activeTextEditor?.document.uri;
  const chosen = given ?? (active && isEditableCsv(active) ? active : undefined);
  const snapshot = ctx.store.snapshot;
  if (!chosen && snapshot) requireAllowedPaths(snapshot, ['identityMap']); // the plan's map, not one the user picked
  const target = chosen ?? snapshot?.identityMapUri;
  if (!target) throw new Error(vscode.l10n.t('Open an identity-map CSV file first.'));
  await openIdentityMapEditor(ctx, target);
}
