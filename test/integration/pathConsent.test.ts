import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { PathsNotAllowed } from '../../src/vscode/pathConsent';
import { generateForSnapshot } from '../../src/vscode/workspaceGeneration';
import { api, eventually, readText, workspaceUri, writeText } from './support';
import { FIXED_NOW } from '../support/fixedClock.mjs';

const verification = JSON.stringify(
  {
    schema: 'onedrive-migration-result',
    version: 1,
    kind: 'trustVerification',
    side: 'target',
    tenant: 'fabrikam',
    geography: 'EUR',
    adminUrl: 'https://fabrikameur-admin.sharepoint.com',
    createdAt: FIXED_NOW,
    data: {
      pairs: [
        {
          partnerGeography: 'EUR',
          partnerHostUrl: 'https://contosoeur-my.sharepoint.com',
          result: 'CouldNotContactPartner',
          verifiedAt: FIXED_NOW,
          raw: null,
        },
      ],
    },
  },
  null,
  2,
);

describe("paths outside the plan's folder", () => {
  let originalPlan: string;
  // Next to the test workspace (a temporary folder of its own), named after it so parallel runs do not meet.
  const outsideName = () => `${path.basename(workspaceUri().fsPath)}-outside-results`;
  const outside = () => vscode.Uri.file(path.join(path.dirname(workspaceUri().fsPath), outsideName()));
  const lastResult = (planText: string) =>
    (JSON.parse(planText) as { trusts: Array<{ target?: { lastResult?: string } }> }).trusts[1]?.target?.lastResult;

  before(async () => {
    originalPlan = await readText(workspaceUri('onedrive-migration.json'));
    assert.notEqual(lastResult(originalPlan), 'CouldNotContactPartner');
    await vscode.workspace.fs.delete(outside(), { recursive: true }).then(undefined, () => undefined);
    await writeText(vscode.Uri.joinPath(outside(), 'target-EUR-trustVerification-outside.json'), verification);
  });

  after(async () => {
    // Leave the workspace as other suites expect it: the plan as it was, its results folder inside.
    await writeText(workspaceUri('onedrive-migration.json'), originalPlan);
    await vscode.workspace.fs.delete(outside(), { recursive: true }).then(undefined, () => undefined);
    const { store } = await api();
    await eventually(async () => {
      await store.reload();
      return (
        store.snapshot?.text === originalPlan && store.snapshot.outsidePaths.length === 0 && store.snapshot.resultProblems.length === 0
      );
    }, 'the plan to be restored');
  });

  it('reads no results from a folder outside until allowed for the workspace, then imports them', async () => {
    const { store, tree, pathConsent } = await api();
    const plan = JSON.parse(originalPlan) as { output: { scripts: string; results: string } };
    plan.output.results = `../${outsideName()}`;
    const planText = JSON.stringify(plan, null, 2) + '\n';
    await writeText(workspaceUri('onedrive-migration.json'), planText);
    const snapshot = await eventually(async () => {
      await store.reload({ forceImport: true }); // even the Import Results command's reload does not read it
      return store.snapshot?.text === planText ? store.snapshot : undefined;
    }, 'the store to read the new plan');

    // Pending: the path is named with where it leads; the plan is valid and shown, its results not read.
    assert.equal(snapshot.state, 'valid');
    assert.deepEqual(
      snapshot.blockedPaths.map((p) => [p.path, p.resolved]),
      [[['output', 'results'], realpathSync(outside().fsPath)]],
    );
    assert.equal(pathConsent.isAllowed(snapshot.uri, snapshot.blockedPaths), false);
    assert.equal(snapshot.resultsUri.fsPath, outside().fsPath);
    assert.deepEqual(snapshot.resultProblems, []);
    assert.ok(tree.getChildren().length > 0, 'the tree shows the plan');
    assert.notEqual(snapshot.plan?.trusts?.[1]?.target?.lastResult, 'CouldNotContactPartner');
    assert.equal(await readText(workspaceUri('onedrive-migration.json')), planText, 'nothing was imported into the plan');
    // Generating scripts (they would write results there) explains instead.
    await assert.rejects(
      generateForSnapshot(snapshot, { steps: [2] }),
      (e: unknown) => e instanceof PathsNotAllowed && /outside its folder.*the results folder \(output\.results\) → /.test(e.message),
    );

    // What "Allow for This Workspace" does.
    assert.equal(await pathConsent.allow(snapshot.uri, snapshot.blockedPaths), true);
    await eventually(
      async () => lastResult(await readText(workspaceUri('onedrive-migration.json'))) === 'CouldNotContactPartner',
      'the outside result to be imported into the plan',
    );
    const allowed = await eventually(
      () => (store.snapshot?.plan?.trusts?.[1]?.target?.lastResult === 'CouldNotContactPartner' ? store.snapshot : undefined),
      'the store to reload',
    );
    assert.deepEqual(allowed.blockedPaths, []);
    assert.equal(allowed.outsidePaths.length, 1);
    assert.equal(pathConsent.isAllowed(allowed.uri, allowed.outsidePaths), true, 'remembered for this plan and path');
    assert.equal(
      pathConsent.isAllowed(allowed.uri, [{ ...allowed.outsidePaths[0]!, resolved: '/elsewhere' }]),
      false,
      'another path asks again',
    );
  });
});
