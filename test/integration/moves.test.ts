import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, readText, restorePlan, reviewTabs, workspaceUri, writeText } from './support';
import { FIXED_NOW } from '../support/fixedClock.mjs';
import type { MovesHostMessage } from '../../webview/movesProtocol';
import { moveStateEntry, resultFileText } from '../support/resultFiles';

const LATER = new Date(Date.parse(FIXED_NOW) - 3_600_000).toISOString();

function moveStateFile(states: Record<string, string>, geography = 'NAM'): string {
  const partnerHostUrl = geography === 'EUR' ? 'https://fabrikameur-my.sharepoint.com' : 'https://fabrikam-my.sharepoint.com';
  const entries = Object.entries(states).map(([user, state]) =>
    moveStateEntry(user, state, {
      targetUserPrincipalName: user.replace('contoso', 'fabrikam'),
      error: state === 'Failed' ? 'MnASiteMoveTargetUrlHasWriteConflict: the target tenant has a conflict' : null,
      partnerHostUrl,
    }),
  );
  return resultFileText('moveState', { entries }, { geography, createdAt: LATER });
}

describe('the Moves view', () => {
  const written: vscode.Uri[] = [];
  let originalPlan: string;
  before(async () => {
    originalPlan = await readText(workspaceUri('onedrive-migration.json'));
  });
  after(async () => {
    for (const uri of written) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    await restorePlan(originalPlan);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const lastOf = <T extends MovesHostMessage['type']>(posted: MovesHostMessage[], type: T) =>
    [...posted].reverse().find((m): m is Extract<MovesHostMessage, { type: T }> => m.type === type);

  it('shows the batches, the history of the result files, and follows a new result file', async () => {
    const { moves } = await api();
    await vscode.commands.executeCommand('onedriveMigration.showMoves');
    const first = await eventually(() => lastOf(moves.posted!, 'summary'), 'the summary');
    assert.deepEqual(
      first.summary.batches.map((b) => [b.name, b.counts.success, b.counts.failed]),
      [
        ['Wave 1 - NAM pilot', 1, 1],
        ['Wave 2 - EUR', 0, 0],
        ['Wave 3 - APC to NAM', 0, 0],
      ],
    );
    assert.equal(first.summary.history.length, 3, 'the queue run and two exports of the example');
    // The webview asked for its rows: every user.
    const view = await eventually(() => lastOf(moves.posted!, 'view'), 'the first view');
    assert.equal(view.total, 10);

    const file = workspaceUri('results', 'source-NAM-moveState-test.json');
    written.push(file);
    await writeText(file, moveStateFile({ 'alex.wilber@contoso.com': 'Success', 'isaiah.langer@contoso.com': 'Failed' }));
    const next = await eventually(() => {
      const s = lastOf(moves.posted!, 'summary');
      return s && s.summary.history.length === 4 ? s : undefined;
    }, 'a summary with the new result');
    const wave1 = next.summary.batches[0]!;
    assert.deepEqual([wave1.counts.success, wave1.counts.failed], [2, 2]);
    assert.deepEqual(
      next.summary.failures.map((f) => [f.errorCode, f.count]),
      [
        ['MnAOdbUsersAreNotLicensed', 1],
        ['MnASiteMoveTargetUrlHasWriteConflict', 1],
      ],
    );
  });

  it('answers the filters of its webview, and ignores a message it does not accept', async () => {
    const { moves } = await api();
    assert.equal(await moves.handle({ type: 'query', version: 9001, filter: { categories: ['failed'] }, sort: { column: 'user' } }), true);
    // The webview may ask for its own rows meanwhile: the answer to this query is the one with its version.
    const view = await eventually(
      () => moves.posted!.find((m): m is Extract<MovesHostMessage, { type: 'view' }> => m.type === 'view' && m.version === 9001),
      'the answer',
    );
    assert.deepEqual(
      view.rows.map((r) => r.user),
      ['diego.siciliani@contoso.com', 'isaiah.langer@contoso.com'],
    );
    assert.equal(await moves.handle({ type: 'query', version: 9002, filter: { categories: ['bogus'] }, sort: { column: 'user' } }), false);
    assert.equal(await moves.handle({ type: 'action', action: 'runEverything' }), false);
  });

  it('the Activity view lists every result file, newest first', async () => {
    const { tracking } = await api();
    const model = await tracking.refresh();
    assert.deepEqual(
      model!.activity.map((e) => e.kind),
      ['moveState', 'redirectSites', 'moveState', 'moveState', 'queuedMoves'],
    );
  });

  it('tells once that a move failed', async () => {
    const { notifications } = await api();
    await eventually(
      () => notifications.shown.some((t) => /isaiah\.langer@contoso\.com: MnASiteMoveTargetUrlHasWriteConflict/.test(t)),
      () => notifications.shown.join(' | '),
    );
    const told = notifications.shown.length;
    await notifications.check();
    assert.equal(notifications.shown.length, told, 'not told twice');
  });

  it('a batch node stops its waiting moves: its stop script and their list, for review', async () => {
    const { tree, store } = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Lena is waiting in wave 2 (queued, not started).
    const file = workspaceUri('results', 'source-EUR-moveState-test.json');
    written.push(file);
    await writeText(file, moveStateFile({ 'lena.muller@contoso.com': 'Scheduled' }, 'EUR'));
    await eventually(() => store.valid?.plan.moves?.['lena.muller@contoso.com']?.state === 'Scheduled', 'the import');
    const eur = tree.getChildren(tree.getChildren()[0]!).find((n) => n.geography === 'EUR')!;
    const folder = tree.getChildren(eur).find((n) => n.kind === 'batchFolder')!;
    const wave2 = tree.getChildren(folder).find((n) => n.kind === 'batch')!;
    assert.match(wave2.contextValue, /^batch.*:waiting/);
    await vscode.commands.executeCommand('onedriveMigration.batch.stopWaiting', wave2);
    // One script (with its list as data beside it): it opens on its own, without an index.
    const tabs = await eventually(
      () => (reviewTabs().length ? reviewTabs() : undefined),
      () => `the review (${wave2.contextValue})`,
    );
    assert.deepEqual(tabs, ['source · 06-stop-move-wave-2-eur.ps1']);
    const script = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('source · 06-stop-move-wave-2-eur.ps1'))!.getText();
    assert.match(script, /Stops the 1 move\(s\) of batch 'Wave 2 - EUR'/);
    assert.match(script, /06-stop-wave-2-eur\.csv/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports the report and the CSV', async () => {
    await api();
    const target = workspaceUri('out', 'report.html');
    written.push(target, workspaceUri('out', 'report.csv'), workspaceUri('out'));
    await vscode.commands.executeCommand('onedriveMigration.exportReport', target);
    const html = await readText(target);
    assert.match(html, /<h2>Batches<\/h2>/);
    assert.match(html, /Wave 1 - NAM pilot/);
    assert.doesNotMatch(html, /<script/i);
    const csv = await readText(workspaceUri('out', 'report.csv'));
    assert.equal(csv.trim().split(/\r\n/).length, 11);
  });
});
