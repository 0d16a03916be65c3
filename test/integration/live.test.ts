import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { Plan } from '../../src/core/plan/planSchema';
import { SimulatedCloud } from '../../src/simulator/cloudModel';
import { initialCloudState } from '../../src/simulator/scenario';
import { addSyntheticDirectory } from '../../src/simulator/syntheticDirectory';
import { LiveSimulatorServer } from '../../src/simulator/liveServer';
import { api, eventually, readText, restorePlan, workspaceUri } from './support';

describe('live mode in VS Code, against the simulated cloud', () => {
  let server: LiveSimulatorServer;
  let cloud: SimulatedCloud;
  let originalPlan: string;
  const config = () => vscode.workspace.getConfiguration('onedriveMigration.live');
  const settings = [
    'sourceClientId',
    'targetClientId',
    'signInMethod',
    'authority',
    'graphBaseUrl',
    'sharePointBaseUrl',
    'extraCertificateFile',
  ];
  const written: vscode.Uri[] = [];

  before(async () => {
    originalPlan = await readText(workspaceUri('onedrive-migration.json'));
    const plan = JSON.parse(originalPlan) as Plan;
    cloud = SimulatedCloud.fromState(initialCloudState({ plan, identityMap: [], scenario: { start: '2026-11-01T00:00:00Z' } }));
    addSyntheticDirectory(cloud, 'source', { users: 1500 });
    addSyntheticDirectory(cloud, 'target', { users: 1500 });
    server = new LiveSimulatorServer(cloud);
    await server.start();
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'odm-live-')), 'simulator.pem');
    writeFileSync(ca, server.ca);
    const global = vscode.ConfigurationTarget.Global;
    await config().update('sourceClientId', 'sim-source-app', global);
    await config().update('targetClientId', 'sim-target-app', global);
    await config().update('signInMethod', 'deviceCode', global);
    await config().update('authority', server.authorityBase, global);
    await config().update('graphBaseUrl', server.graphBase, global);
    await config().update('sharePointBaseUrl', server.sharePointBase, global);
    cloud.tenant('source').sites['https://contoso-my.sharepoint.com/personal/moved_user_contoso_com'] = {
      url: 'https://contoso-my.sharepoint.com/personal/moved_user_contoso_com',
      template: 'RedirectSite#0',
      owner: 'moved.user@contoso.com',
      geography: 'NAM',
      lastContentModifiedDate: '2026-11-18T00:00:00Z',
    };
    await config().update('extraCertificateFile', ca, global);
  });

  after(async () => {
    const { live } = await api();
    await live.signOut().catch(() => undefined);
    for (const key of settings) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    // The imports of what live mode wrote changed the plan: the suites after this one expect the example.
    await restorePlan(originalPlan);
    await server.close();
  });

  /** Signs a role in by device code: the test approves the code the extension showed, as the admin would in a browser. */
  async function signIn(role: 'source' | 'target') {
    const { live } = await api();
    live.lastDeviceCode = undefined;
    const signing = live.signIn(role);
    const code = await eventually(() => (live.lastDeviceCode?.role === role ? live.lastDeviceCode : undefined), 'the device code');
    assert.match(code.verificationUri, /\/login\/devicelogin$/);
    server.identity.approveDevice(code.userCode, role);
    return signing;
  }

  it('signs in to both tenants by device code; the tree shows each account under its tenant', async () => {
    const { tree } = await api();
    const source = await signIn('source');
    const target = await signIn('target');
    assert.deepEqual(source, { username: 'admin@contoso.onmicrosoft.com', tenantId: '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03' });
    assert.equal(target?.username, 'admin@fabrikam.onmicrosoft.com');
    const accountOf = (i: number) => tree.getChildren(tree.getChildren()[i]!).find((n) => n.kind === 'account');
    await eventually(() => accountOf(0)?.label === 'admin@contoso.onmicrosoft.com', 'the source account node');
    assert.equal(accountOf(1)?.contextValue, 'account:signedIn');
  });

  it('reads the signed-in directory through Graph, every user once', async () => {
    const { live } = await api();
    const users = await live.liveSession.directory('source').users();
    assert.equal(users.length, Object.keys(server.cloud.tenant('source').users).length);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length);
  });

  it('matching reads the signed-in tenants: the proposals come from Graph', async () => {
    const { live, mapEditor } = await api();
    const folder = vscode.Uri.file(mkdtempSync(path.join(tmpdir(), 'odm-live-map-')));
    const file = vscode.Uri.joinPath(folder, 'identity-map.csv');
    await vscode.workspace.fs.writeFile(file, new Uint8Array());
    await vscode.commands.executeCommand('onedriveMigration.openIdentityMap', file);
    const session = await eventually(() => mapEditor.sessionFor(file), 'the editor session');
    const directories = await live.directoriesForMatching();
    assert.ok(directories, 'both tenants signed in');
    assert.ok(await session.match({ live: directories! }));
    const counts = session.matching.review!.counts();
    // The synthetic members share employee IDs across the tenants; guests (5 %) do not match by them.
    assert.ok(counts.pending.matched >= 1400, JSON.stringify(counts));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists a geography’s redirect sites through its SharePoint admin host, as a result file the import reads', async () => {
    const { live, store } = await api();
    const uri = await live.listRedirectSites({ side: 'source', geography: 'NAM' });
    written.push(uri!);
    assert.match(uri!.path, /\/results\/source-NAM-redirectSites-\d{8}T\d{9}Z\.json$/);
    const inventory = await eventually(
      () =>
        store.snapshot?.redirectInventories.find(
          (i) => i.side === 'source' && i.geography === 'NAM' && i.file.endsWith(uri!.path.split('/').pop()!),
        ),
      'the live inventory in the plan store',
    );
    assert.ok(inventory.urls.includes('https://contoso-my.sharepoint.com/personal/moved_user_contoso_com'));
  });

  it('checks the mapped target users for an existing OneDrive (never by asking for their drive)', async () => {
    const { live, store } = await api();
    const uri = await live.checkTargetOneDrives('NAM');
    written.push(uri!);
    const check = await eventually(
      () => store.snapshot?.targetOneDriveChecks.find((c) => c.geography === 'NAM'),
      'the check in the plan store',
    );
    assert.ok(check.checkedUsers >= 10, JSON.stringify(check));
  });

  it('checks the identity map’s target users and groups against the target directory (the step 4 report’s result)', async () => {
    const { live } = await api();
    const uri = await live.checkTargetDirectory();
    written.push(uri!);
    const result = JSON.parse(await readText(uri!)) as {
      kind: string;
      side: string;
      data: { users: Array<{ status: string }>; groups: unknown[] };
    };
    assert.deepEqual([result.kind, result.side], ['precreation', 'target']);
    assert.ok(result.data.users.length >= 10);
    assert.ok(result.data.users.every((u) => u.status === 'exists' || u.status === 'skipped'));
  });

  it('the Graph (beta) backend: a batch queued as move tasks, then tracked: the states read back land in the plan and the Moves view', async () => {
    const { live, store, tracking } = await api();
    await config().update('movesBackend', 'graph', vscode.ConfigurationTarget.Global);
    try {
      // Wave 2 (EUR → EUR) in the simulated cloud: the trust usable, the target users there, the map uploaded through Graph.
      const DAY = 24 * 3600_000;
      cloud.setRelationship({ side: 'source', geography: 'EUR' }, 'Target', cloud.hostUrl({ side: 'target', geography: 'EUR' }));
      cloud.setRelationship({ side: 'target', geography: 'EUR' }, 'Source', cloud.hostUrl({ side: 'source', geography: 'EUR' }));
      cloud.advance(8 * DAY);
      const plan = store.valid!.plan;
      const wave2 = plan.batches!.find((b) => b.name === 'Wave 2 - EUR')!;
      const { readIdentityMapBytes } = await import('../../src/core/identity/identityMapRows');
      const { rows } = readIdentityMapBytes(await vscode.workspace.fs.readFile(store.valid!.identityMapUri));
      const targetOf = new Map(rows.filter((r) => r.kind === 'User').map((r) => [r.source.toLowerCase(), r.target]));
      for (const u of wave2.users) {
        const upn = typeof u === 'string' ? targetOf.get(u.toLowerCase())! : u.target!;
        if (!cloud.user('target', upn))
          cloud.createUser('target', { upn, mail: upn, displayName: upn, userType: 'Member', licensed: true, geography: 'EUR' });
      }
      const session = live.liveSession;
      const uploads = await session.uploadIdentityMapResults(plan, rows, { path: 'identity-map.csv', sha256: 'x' }, () => cloud.now);
      assert.equal(uploads.length, 2, 'one upload result per target geography');
      const queued = await session.queueBatchResult(
        plan,
        wave2,
        (s) => targetOf.get(s.toLowerCase()),
        false,
        () => cloud.now,
      );
      const queuedUri = workspaceUri('results', queued.name);
      written.push(queuedUri);
      await vscode.workspace.fs.writeFile(queuedUri, new TextEncoder().encode(queued.text));
      await eventually(() => store.valid?.plan.moves?.['lena.muller@contoso.com']?.state === 'Queued', 'the queued moves in the plan');
      // Time passes in the cloud, past the batch's preferred start (12 Dec); Refresh States (the Graph backend) reads each user's task.
      cloud.advance(45 * DAY);
      const files = (await vscode.commands.executeCommand<vscode.Uri[]>('onedriveMigration.live.refreshMoveStates')) ?? [];
      written.push(...files);
      await eventually(
        () => store.valid?.plan.moves?.['lena.muller@contoso.com']?.state === 'Success',
        () => `the states in the plan (${JSON.stringify(store.valid?.plan.moves?.['lena.muller@contoso.com'])})`,
      );
      const model = await tracking.refresh();
      const w2 = model!.batches.find((b) => b.name === 'Wave 2 - EUR')!;
      assert.equal(w2.counts.success, 4, JSON.stringify(w2.counts));
    } finally {
      await config().update('movesBackend', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('checks the migration licences of every batch user in both tenants; all licensed, the checklist is ticked', async () => {
    const { live, store } = await api();
    for (const side of ['source', 'target'] as const) for (const u of Object.values(cloud.tenant(side).users)) u.licensed = true;
    const result = await live.checkLicences();
    assert.deepEqual(result, { checked: 10, unlicensed: [] });
    await eventually(() => store.valid?.plan.checklist?.['pre.licences']?.done === true, 'the tick');
    assert.match(store.valid!.plan.checklist!['pre.licences']!.note!, /Checked through Microsoft Graph: all 10 moves/);
  });

  it('refuses a token from the other tenant', async () => {
    const { live } = await api();
    await live.signOut('target');
    server.identity.options.wrongTenantFor = 'target';
    try {
      await assert.rejects(
        signIn('target'),
        /signed in to tenant 7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03, but the plan's target tenant fabrikam is d1a4b7c2/,
      );
    } finally {
      delete server.identity.options.wrongTenantFor;
    }
  });

  it('signs out: the account node asks to sign in again, and no token was ever written to the log', async () => {
    const { live, tree, recordedLog } = await api();
    await live.signOut('source');
    await eventually(
      () => tree.getChildren(tree.getChildren()[0]!).find((n) => n.kind === 'account')?.contextValue === 'account:signedOut',
      'signed out',
    );
    const log = recordedLog!.join('\n');
    // Nor in the result files live mode wrote, nor in the plan.
    const files = await Promise.all(written.map((u) => readText(u).catch(() => '')));
    const plan = await readText(workspaceUri('onedrive-migration.json'));
    assert.match(log, /live: signed in to the source tenant/);
    const tokens = [...server.identity.issued.keys()];
    assert.ok(tokens.length >= 3);
    for (const token of tokens) {
      assert.ok(!log.includes(token), 'an access token in the log');
      assert.ok(!log.includes(token.split('.')[1]!), 'a token payload in the log');
      assert.ok(!files.some((f) => f.includes(token.split('.')[1]!)), 'a token in a result file');
      assert.ok(!plan.includes(token.split('.')[1]!), 'a token in the plan');
    }
  });
});
