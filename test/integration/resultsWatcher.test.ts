import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, readText, restorePlan, workspaceUri, writeText } from './support';
import { FIXED_NOW } from '../support/fixedClock.mjs';

const result = (kind: string, side: string, geography: string, adminUrl: string, data: unknown, createdAt = FIXED_NOW) =>
  JSON.stringify(
    {
      schema: 'onedrive-migration-result',
      version: 1,
      kind,
      side,
      tenant: side === 'source' ? 'contoso' : 'fabrikam',
      geography,
      adminUrl,
      createdAt,
      data,
    },
    null,
    2,
  );

describe('results watcher', () => {
  const written: vscode.Uri[] = [];
  let originalPlan: string;
  before(async () => {
    originalPlan = await readText(workspaceUri('onedrive-migration.json'));
  });
  after(async () => {
    // Leave the workspace as other suites expect it: no test results, the plan as it was.
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await restorePlan(originalPlan);
    const { store } = await api();
    await eventually(() => store.snapshot?.resultProblems.length === 0, 'no result problems left');
  });

  it('ingests a new result file: the plan on disk and the tree are updated', async () => {
    const { store, tree } = await api();
    const file = workspaceUri('results', 'target-EUR-trustVerification-test.json');
    written.push(file);
    await writeText(
      file,
      result('trustVerification', 'target', 'EUR', 'https://fabrikameur-admin.sharepoint.com', {
        pairs: [
          {
            partnerGeography: 'EUR',
            partnerHostUrl: 'https://contosoeur-my.sharepoint.com',
            result: 'CouldNotContactPartner',
            verifiedAt: FIXED_NOW,
            raw: null,
          },
        ],
      }),
    );
    const plan = await eventually(async () => {
      const p = JSON.parse(await readText(workspaceUri('onedrive-migration.json')));
      return p.trusts[1].target.lastResult === 'CouldNotContactPartner' ? p : undefined;
    }, 'the plan to record the verification');
    assert.equal(plan.changeTicket, undefined);
    await eventually(() => store.snapshot?.plan?.trusts?.[1]?.target?.lastResult === 'CouldNotContactPartner', 'the store to reload');
    const eur = tree.getChildren(tree.getChildren()[1]!).find((n) => n.geography === 'EUR')!;
    const trust = tree.getChildren(eur).find((n) => n.kind === 'trust')!;
    assert.equal(trust.contextValue, 'trust:problem:removable');
    assert.equal(trust.description, "target: can't reach partner");
    assert.equal((await api()).analysisInWorker(), true, 'validation and import ran in the worker thread, not on the host');
  });

  it('reports a conflicting result in the Problems panel and leaves the plan alone', async () => {
    const { store } = await api();
    const file = workspaceUri('results', 'source-NAM-hostUrl-conflict.json');
    written.push(file);
    await writeText(
      file,
      result('hostUrl', 'source', 'NAM', 'https://contoso-admin.sharepoint.com', { hostUrl: 'https://contosonew-my.sharepoint.com' }),
    );
    const diagnostics = await eventually(() => {
      const d = vscode.languages.getDiagnostics(file);
      return d.length ? d : undefined;
    }, 'a diagnostic on the conflicting file');
    assert.match(diagnostics[0]!.message, /differs from the plan's source NAM host URL https:\/\/contoso-my\.sharepoint\.com/);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0]!.range.start.line, 10, 'points at the hostUrl value');
    assert.equal(store.snapshot?.plan?.source.geographies[0]!.hostUrl, 'https://contoso-my.sharepoint.com');
  });

  it('reports an invalid result file with its line and column', async () => {
    const file = workspaceUri('results', 'broken.json');
    written.push(file);
    await writeText(file, '{\n  "schema": "onedrive-migration-result",\n  "version": 1,,\n}');
    const diagnostics = await eventually(() => {
      const d = vscode.languages.getDiagnostics(file);
      return d.length ? d : undefined;
    }, 'a diagnostic on the invalid file');
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostics[0]!.range.start.line, 2);
  });
});
