import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, workspaceUri } from './support';

describe('plan diagnostics and quick fixes', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("VS Code's own JSON support validates the copied example against the extension's schema (nothing to load from a path)", async () => {
    const uri = workspaceUri('onedrive-migration.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const edit = new vscode.WorkspaceEdit();
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('"version": 1') + '"version": '.length);
    edit.replace(uri, new vscode.Range(at, at.translate(0, 1)), '"1"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The built-in JSON language service reports the wrong type from the contributed schema.
    const fromSchema = await eventually(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'json' || /Incorrect type/i.test(d.message)),
      "the JSON language service's diagnostic",
      30_000,
    );
    assert.match(fromSchema.message, /Incorrect type|integer|number/i);
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => /Unable to load schema/i.test(d.message)), 'the schema loads');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // The next test starts from the plan as it was: clean, and valid again in the store.
    const { store } = await api();
    await eventually(async () => {
      await store.reload();
      return !doc.isDirty && store.state === 'valid';
    }, 'the plan to be reverted');
  });

  it('shows a validation problem at its line and column, with a quick fix that clears it', async () => {
    const { store } = await api();
    const uri = workspaceUri('onedrive-migration.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const offset = doc.getText().indexOf('"code": "APC"') + '"code": '.length;
    const start = doc.positionAt(offset);
    await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 5)), '"APX"'));
    const diagnostic = await eventually(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'schema.enum'),
      'the enum diagnostic',
    );
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [start.line, start.character]);
    assert.match(diagnostic.message, /'APX' is not an accepted value\. Did you mean 'APC'\?/);
    assert.equal(store.state, 'invalid');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === "Change to 'APC'");
    assert.ok(fix?.edit, `quick fix offered: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    await eventually(() => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'schema.enum'), 'the diagnostic to clear');
    await eventually(() => store.state === 'valid', 'the plan to be valid again');
    await doc.save();
  });
});
