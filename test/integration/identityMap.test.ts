import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, workspaceUri, writeText } from './support';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';

describe('identity-map diagnostics and quick fixes', () => {
  const file = workspaceUri('staging', 'identity-map-draft.csv');
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(workspaceUri('staging'), { recursive: true }).then(undefined, () => undefined);
  });

  it('shows problems of a map open in an editor, and the quick fixes clear them', async () => {
    await api();
    await writeText(
      file,
      [
        'Type,SourceTenantId,Source,Target,Email,UserType',
        `User,${T}, adele.vance@contoso.com ,adele.vance@fabrikam.com,adele.vance@fabrikam.com,regularuser`,
        '',
      ].join('\r\n'),
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const codes = () =>
      vscode.languages
        .getDiagnostics(file)
        .map((d) => String(d.code))
        .sort();
    await eventually(
      () => (codes().includes('map.header') && codes().includes('map.whitespace') && codes().includes('map.case') ? true : undefined),
      `diagnostics (got ${codes().join(', ')})`,
    );
    const whitespace = vscode.languages.getDiagnostics(file).find((d) => d.code === 'map.whitespace')!;
    assert.deepEqual([whitespace.range.start.line, whitespace.range.start.character], [1, 42]);

    const titles: Record<string, string> = {
      'map.header': 'Remove the header row',
      'map.whitespace': 'Trim spaces',
      'map.case': 'Change to RegularUser',
    };
    for (const code of ['map.header', 'map.whitespace', 'map.case']) {
      const diagnostic = await eventually(() => vscode.languages.getDiagnostics(file).find((d) => d.code === code), code);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        file,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === titles[code]);
      assert.ok(fix?.edit, `a quick fix for ${code}: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await eventually(() => !vscode.languages.getDiagnostics(file).some((d) => d.code === code), `${code} to clear`);
    }
    assert.equal(doc.getText(), `User,${T},adele.vance@contoso.com,adele.vance@fabrikam.com,adele.vance@fabrikam.com,RegularUser\r\n`);
    // The rest of the plan's batch users have no row: that is reported too, against the plan.
    assert.ok(vscode.languages.getDiagnostics(file).some((d) => d.code === 'map.missingBatchUser'));
  });
});
