import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, readText, reviewTabs, workspaceUri } from './support';

describe('generated scripts', () => {
  it('opens scripts for review as PowerShell documents, and saves the whole generation into the scripts folder', async () => {
    const { store, review, generate: generateForSnapshot } = await api();
    const snapshot = store.snapshot!;
    const output = await generateForSnapshot(snapshot, { steps: [2], side: 'target' });
    const uris = await review.present(snapshot, output, 'Step 2');
    assert.equal(uris.length, 2);
    // One review: its index and the first script; the other opens from the index (here: directly).
    assert.deepEqual(reviewTabs(), ['Step 2 · review.md', 'target · 02-request-trust-NAM.ps1']);
    const index = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('Step 2 · review.md'))!;
    assert.match(index.getText(), /\[target · 02-request-trust-EUR\.ps1\]\(target%20%C2%B7%2002-request-trust-EUR\.ps1\)/);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(index.uri, '..', 'target · 02-request-trust-EUR.ps1'));
    assert.equal(doc.uri.toString(), uris[1]!.toString(), 'the index links to the review URI of each file');
    assert.equal(doc.languageId, 'powershell');
    assert.match(
      doc.getText(),
      /Set-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Source -PartnerCrossTenantHostUrl \$partnerHostUrl/,
    );
    const saved = await review.save(uris[0]!);
    assert.ok(saved);
    assert.match(await readText(workspaceUri('scripts', 'target', '02-request-trust-EUR.ps1')), /Set-SPOCrossTenantRelationship/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a trust node verifies only its pair: one script per side, chosen by the selection, not by file name', async () => {
    const { tree } = await api();
    const apc = tree.getChildren(tree.getChildren()[0]!).find((n) => n.geography === 'APC')!;
    const trust = tree.getChildren(apc).find((n) => n.kind === 'trust')!;
    assert.deepEqual(trust.pair, { sourceGeography: 'APC', targetGeography: 'NAM' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('onedriveMigration.trust.verify', trust);
    const tabs = await eventually(() => (reviewTabs().length >= 2 ? reviewTabs() : undefined), 'the review');
    assert.deepEqual(tabs, ['Verify trust APC → NAM · review.md', 'source · 03-verify-trust-APC.ps1']);
    const index = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('Verify trust APC → NAM · review.md'))!.getText();
    assert.deepEqual(
      [...index.matchAll(/^- \[([^\]]+)\]/gm)].map((m) => m[1]),
      ['source · 03-verify-trust-APC.ps1', 'target · 03-verify-trust-NAM.ps1'],
    );
    const target = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(
        vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('Verify trust APC → NAM · review.md'))!.uri,
        '..',
        'target · 03-verify-trust-NAM.ps1',
      ),
    );
    assert.doesNotMatch(target.getText(), /Geography = 'NAM'; HostUrl = 'https:\/\/contoso-my/, 'only the APC partner, not NAM → NAM');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Generate All Scripts writes both sides and the runbooks', async () => {
    await api();
    await vscode.commands.executeCommand('onedriveMigration.generateAllScripts');
    assert.match(await readText(workspaceUri('scripts', 'source', 'RUNBOOK.ps1')), /Runbook for the SOURCE admin/);
    assert.match(await readText(workspaceUri('scripts', 'target', '05-upload-identity-map-EUR.ps1')), /Add-SPOTenantIdentityMap/);
  });

  it('the status bar names the most urgent thing, and clicking it shows exactly that: the failed moves', async () => {
    // In the example, Diego's move failed (unlicensed): that comes before the trust still to request.
    const { statusBar, moves } = await api();
    const state = await eventually(() => (statusBar.state.visible ? statusBar.state : undefined), 'the status bar item');
    assert.equal(state.text, '$(error) 1 move failed (Wave 1 - NAM pilot)');
    assert.equal(state.command, 'onedriveMigration.doNextAction');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(state.command);
    // The Moves view, filtered to the failures (it offers their retry and fixes); no script is generated before that.
    const filter = await eventually(() => moves.posted!.find((m) => m.type === 'filter'), 'the Moves view, filtered');
    assert.deepEqual(filter, { type: 'filter', filter: { categories: ['failed', 'refused'] } });
    const view = await eventually(
      () => [...moves.posted!].reverse().find((m) => m.type === 'view' && m.total === 1),
      'the failed move in the table',
    );
    assert.equal(view.type === 'view' && view.rows[0]!.user, 'diego.siciliani@contoso.com');
    assert.deepEqual(reviewTabs(), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hover documents the cross-tenant cmdlets and their parameters', async () => {
    await api();
    const doc = await vscode.workspace.openTextDocument({
      language: 'powershell',
      content:
        "Set-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Target -PartnerCrossTenantHostUrl 'https://x-my.sharepoint.com'\n",
    });
    const cmdlet = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 5));
    const text = cmdlet.flatMap((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c)))).join('\n');
    assert.match(text, /\*\*Set-SPOCrossTenantRelationship\*\* — Sends a trust request/);
    const param = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 50));
    assert.match(
      param.flatMap((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c)))).join('\n'),
      /\*\*-PartnerRole\*\*.*The role of the PARTNER/s,
    );
  });
});
