/**
 * The plan store is the only way the extension changes the plan (issue 10): `update` reads the plan
 * again, refuses a plan with errors, never overwrites a change made underneath it, and goes through
 * the open editor (keeping what was typed) when the plan is open.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, readText, workspaceUri, writeText } from './support';

describe('plan store: update', () => {
  const planUri = () => workspaceUri('onedrive-migration.json');
  let original: string;

  const restore = async () => {
    // Unsaved changes a failed test left would make closing the editors ask what to do.
    const dirty = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === planUri().toString());
    if (dirty) {
      await vscode.window.showTextDocument(dirty);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await writeText(planUri(), original);
    const { store } = await api();
    // A document VS Code still holds for the plan must have caught up with the file too.
    const loaded = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === planUri().toString());
    await eventually(async () => {
      await store.reload();
      return store.snapshot?.text === original && (loaded()?.getText() ?? original) === original;
    }, 'the plan to be restored');
  };

  before(async () => {
    original = await readText(planUri());
  });
  afterEach(restore);
  after(restore);

  it('rewrites only what changed, on disk, and returns the snapshot read back', async () => {
    const { store } = await api();
    const snapshot = await store.update('rename', (plan) => ({ ...plan, name: 'Renamed by the store test' }));
    assert.equal(snapshot.state, 'valid');
    assert.equal(snapshot.plan?.name, 'Renamed by the store test');
    const text = await readText(planUri());
    assert.equal(text, snapshot.text);
    const changedLines = text.split('\n').filter((line, i) => line !== original.split('\n')[i]);
    assert.deepEqual(changedLines, ['  "name": "Renamed by the store test",']);
  });

  it('a change made underneath is kept: the update runs again on the new content', async () => {
    const { store } = await api();
    const seen: Array<string | undefined> = [];
    await store.update('add a change ticket', (plan) => {
      seen.push(plan.name);
      // The first time, another program rewrites the file between the read and the write.
      if (seen.length === 1) writeFileSync(planUri().fsPath, original.replace(/"name": "[^"]*"/, '"name": "Edited elsewhere"'));
      return { ...plan, changeTicket: 'CHG-42' } as typeof plan;
    });
    assert.deepEqual(seen, ['Contoso → Fabrikam (acquisition)', 'Edited elsewhere']);
    const text = await readText(planUri());
    assert.match(text, /"name": "Edited elsewhere"/, 'the change made underneath is not lost');
    assert.match(text, /"changeTicket": "CHG-42"/);
  });

  it('a plan with errors is refused with a message and not written; a quick fix may still edit it', async () => {
    const { store } = await api();
    const broken = original.replace('"targetGeography": "NAM"', '"targetGeography": "XYZ"');
    assert.notEqual(broken, original);
    await writeText(planUri(), broken);
    await assert.rejects(
      store.update('rename', (plan) => ({ ...plan, name: 'never written' })),
      /The plan has errors: fix them first/,
    );
    assert.equal(await readText(planUri()), broken, 'byte-identical after the refusal');
    assert.equal(store.snapshot?.state, 'invalid');
    const fixed = await store.update('quick fix', (plan) => ({ ...plan, name: 'fixed' }), { evenWithErrors: true });
    assert.equal(fixed.plan?.name, 'fixed');
  });

  it('an open, dirty plan is edited in its editor: what was typed stays, and it stays unsaved', async () => {
    const { store } = await api();
    const document = await vscode.workspace.openTextDocument(planUri());
    await vscode.window.showTextDocument(document);
    const typed = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('"version": 1,') + '"version": 1,'.length;
    typed.insert(document.uri, document.positionAt(at), '\n  "typedButNotSaved": true,');
    assert.ok(await vscode.workspace.applyEdit(typed));
    assert.equal(document.isDirty, true);
    const snapshot = await store.update('rename', (plan) => ({ ...plan, name: 'Renamed while dirty' }));
    assert.equal(snapshot.plan?.name, 'Renamed while dirty');
    assert.match(document.getText(), /"typedButNotSaved": true/);
    assert.match(document.getText(), /"name": "Renamed while dirty"/);
    assert.equal(document.isDirty, true, "not saved behind the user's back");
    assert.equal(await readText(planUri()), original, 'the file on disk is untouched');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('updates asked for at once run one after another, each on the result of the one before', async () => {
    const { store } = await api();
    const tick = (id: string) =>
      store.update(`tick ${id}`, (plan) => ({
        ...plan,
        checklist: { ...plan.checklist, [id]: { done: true, at: '2026-11-23T12:00:00Z' } },
      }));
    await Promise.all([tick('a'), tick('b'), tick('c')]);
    const plan = JSON.parse(await readText(planUri())) as { checklist: Record<string, unknown> };
    assert.deepEqual(
      Object.keys(plan.checklist).filter((k) => ['a', 'b', 'c'].includes(k)),
      ['a', 'b', 'c'],
    );
  });
});
