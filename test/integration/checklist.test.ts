import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, readText, workspaceUri, writeText } from './support';
import { FIXED_NOW } from '../support/fixedClock.mjs';

describe('checklist view', () => {
  let original: string;
  after(async () => {
    if (original) await writeText(workspaceUri('onedrive-migration.json'), original);
    const { store } = await api();
    await store.reload();
  });

  it('derives its state from the plan and keeps manual ticks in the plan', async () => {
    const { checklist, store } = await api();
    original = await readText(workspaceUri('onedrive-migration.json'));
    const state = checklist.state();
    assert.equal(state.hasPlan, true);
    assert.deepEqual(
      state.items.map((i) => i.id),
      ['prerequisites', 'step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7'],
    );
    assert.equal(state.items[1]!.status, 'done');
    assert.ok(state.progress.total > 25);

    assert.equal(await checklist.handle({ type: 'tick', id: 'pre.holds', done: true }), true);
    const plan = JSON.parse(await readText(workspaceUri('onedrive-migration.json')));
    assert.equal(plan.checklist['pre.holds'].done, true);
    assert.equal(plan.checklist['pre.holds'].at, new Date(FIXED_NOW).toISOString(), 'stamped by the injected clock');
    await eventually(() => store.snapshot?.plan?.checklist?.['pre.holds']?.done === true, 'the store to reload');
    const holds = checklist.state().items[0]!.children!.find((c) => c.id === 'pre.holds')!;
    assert.equal(holds.status, 'done');
  });

  it('the walkthrough ticks a step when the plan says it is done, not when its command ran', async () => {
    const { walkthrough } = await api();
    // The example: step 1 is done (every host URL known); step 2 is not (APC → NAM was never requested).
    await eventually(() => walkthrough.done.get('onedriveMigration.done.step1') === true, 'step 1 ticked');
    assert.equal(walkthrough.done.get('onedriveMigration.done.step2'), false);
    assert.equal(walkthrough.done.get('onedriveMigration.done.step7'), false);
    const steps = (
      vscode.extensions.getExtension('onedrive-migration.onedrive-cross-tenant-migration')!.packageJSON as {
        contributes: { walkthroughs: Array<{ steps: Array<{ id: string; title: string; completionEvents: string[] }> }> };
      }
    ).contributes.walkthroughs[0]!.steps;
    const numbered = steps.filter((s) => /^\d\./.test(s.title));
    assert.deepEqual(
      numbered.map((s) => s.completionEvents),
      [1, 2, 3, 4, 5, 6, 7].map((n) => [`onContext:onedriveMigration.done.step${n}`]),
    );
    // Titles fit the walkthrough's list (it cuts them at about 30 characters).
    assert.deepEqual(
      numbered.filter((s) => s.title.length > 24).map((s) => s.title),
      [],
    );
  });

  it('ignores invalid messages and refuses to tick derived items', async () => {
    const { checklist } = await api();
    assert.equal(await checklist.handle({ type: 'run', command: 'workbench.action.terminal.new' }), false);
    assert.equal(await checklist.handle({ type: 'tick', id: 'pre.holds', done: 'yes' }), false);
    assert.equal(await checklist.handle({ type: 'tick', id: 's3.NAM>NAM', done: true }), false);
  });

  it('Open Checklist reveals the view', async () => {
    await api();
    await vscode.commands.executeCommand('onedriveMigration.openChecklist');
  });
});
