import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { MapHostMessage } from '../../webview/identityMapProtocol';
import { api, eventually, readText, workspaceUri, writeText } from './support';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const row = (source: string, target: string, mail = target) => `User,${T},${source},${target},${mail},RegularUser`;
// Row 2's target has a dot where the @ belongs.
const MAP = [
  row('adele.vance@contoso.com', 'adele.vance@fabrikam.com'),
  row('alex.wilber@contoso.com', 'alex.wilber.fabrikam.com', 'alex.wilber@fabrikam.com'),
  row('lee.gu@contoso.com', 'lee.gu@fabrikam.com'),
  '',
].join('\r\n');

// The session keeps its posted messages only under test (ODM_TEST_HOOKS=1, set by the harness).
const lastOf = <K extends MapHostMessage['type']>(posted: readonly MapHostMessage[] | undefined, type: K) => {
  assert.ok(posted, 'the log of posted messages needs ODM_TEST_HOOKS=1 in the extension host');
  return [...posted].reverse().find((m): m is Extract<MapHostMessage, { type: K }> => m.type === type);
};

describe('identity-map editor (custom text editor)', () => {
  const folder = workspaceUri('editor-test');
  const file = vscode.Uri.joinPath(folder, 'identity-map.csv');
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
  });

  it('opens the map, applies an edit from the webview to the document, undoes it, and saves', async () => {
    const { mapEditor } = await api();
    await writeText(file, MAP);
    await vscode.commands.executeCommand('onedriveMigration.openIdentityMap', file);
    const session = await eventually(() => mapEditor.sessionFor(file), 'the editor session');
    // The webview loads, says it is ready and gets the view with the summary.
    const view = await eventually(() => lastOf(session.posted, 'view'), 'the first view');
    assert.equal(view.total, 3);
    // One bad cell, and (file level) the plan's batch users this small map has no row for.
    assert.equal(view.summary.errorRows, 1);
    assert.ok(view.summary.fileProblems.some((p) => /of the plan's batches/.test(p.message)));

    // The window of rows the webview asks for carries the problem on the right cell.
    assert.ok(await session.handle({ type: 'rows', version: view.version, start: 0, count: 100 }));
    const rows = lastOf(session.posted, 'rows')!.rows;
    assert.equal(rows[1]!.severity, 'error');
    assert.match(rows[1]!.cells[3]![0]!.message, /not a user principal name/);

    // An edit from the webview (validated) becomes a document edit that touches only that row.
    assert.ok(
      await session.handle({ type: 'edit', ref: { row: 1, fields: rows[1]!.fields }, column: 3, value: 'alex.wilber@fabrikam.com' }),
    );
    const doc = session.document;
    assert.equal(doc.getText(), MAP.replace(',alex.wilber.fabrikam.com,', ',alex.wilber@fabrikam.com,'));
    assert.ok(doc.isDirty);
    const fixed = await eventually(
      () => (lastOf(session.posted, 'view')!.summary.errorRows === 0 ? lastOf(session.posted, 'view') : undefined),
      () => `the error to clear (last view: ${JSON.stringify(lastOf(session.posted, 'view'))})`,
    );
    assert.equal(fixed.version, doc.version);

    // A stale reference (the row's fields changed since the webview saw them) changes nothing.
    assert.equal(
      await session.handle({ type: 'edit', ref: { row: 1, fields: rows[1]!.fields }, column: 3, value: 'someone@else.com' }),
      false,
    );
    assert.equal(lastOf(session.posted, 'notice')?.severity, 'warning');

    // Undo goes through the document: the custom editor is the active one.
    await vscode.commands.executeCommand('undo');
    await eventually(() => doc.getText() === MAP || undefined, 'undo to restore the text');
    await vscode.commands.executeCommand('redo');
    await eventually(() => doc.getText() !== MAP || undefined, 'redo');
    assert.ok(await doc.save());
    assert.equal(await readText(file), MAP.replace(',alex.wilber.fabrikam.com,', ',alex.wilber@fabrikam.com,'));
  });

  it('adds, duplicates and deletes rows; filters and sorts on the host', async () => {
    const { mapEditor } = await api();
    const session = mapEditor.sessionFor(file)!;
    const doc = session.document;
    const before = doc.getText();
    const first = { row: 0, fields: doc.getText().split('\r\n')[0]!.split(',') };
    assert.ok(await session.handle({ type: 'insert', after: first }));
    const lines = doc.getText().split('\r\n');
    assert.equal(lines[1], `User,${T},,,,RegularUser`, 'a blank row with the plan tenant ID below row 1');
    const reveal = await eventually(() => lastOf(session.posted, 'reveal'), 'the new row to be revealed for editing');
    assert.deepEqual(reveal, { type: 'reveal', row: 1, column: 2, edit: true });
    assert.ok(await session.handle({ type: 'insert', copies: [{ row: 2, fields: lines[2]!.split(',') }] }));
    assert.equal(doc.getText().split('\r\n')[3], lines[2]);
    await eventually(() => (lastOf(session.posted, 'view')!.summary.errorRows >= 1 ? true : undefined), 'the duplicate to be flagged');
    const after = doc.getText().split('\r\n');
    assert.ok(await session.handle({ type: 'delete', refs: [1, 3].map((i) => ({ row: i, fields: after[i]!.split(',') })) }));
    assert.equal(doc.getText(), before);

    assert.ok(await session.handle({ type: 'query', query: { text: 'LEE.GU', status: 'all', sort: { column: -1, descending: false } } }));
    assert.equal(lastOf(session.posted, 'view')!.total, 1);
    assert.ok(await session.handle({ type: 'query', query: { text: '', status: 'users', sort: { column: 2, descending: true } } }));
    const sorted = lastOf(session.posted, 'view')!;
    assert.ok(await session.handle({ type: 'rows', version: sorted.version, start: 0, count: 10 }));
    assert.deepEqual(
      lastOf(session.posted, 'rows')!.rows.map((r) => r.fields[2]),
      ['lee.gu@contoso.com', 'alex.wilber@contoso.com', 'adele.vance@contoso.com'],
    );
  });

  it('follows edits made outside the grid (another editor, an extension, a file change)', async () => {
    const { mapEditor } = await api();
    const session = mapEditor.sessionFor(file)!;
    const doc = session.document;
    const edit = new vscode.WorkspaceEdit();
    const lines = doc.getText().split('\r\n');
    edit.replace(
      doc.uri,
      new vscode.Range(2, 0, 2, lines[2]!.length),
      lines[2]!.replace('lee.gu@fabrikam.com,lee.gu@fabrikam.com', 'lee.gu@fabrikam.com,not an address'),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const view = await eventually(() => {
      const v = lastOf(session.posted, 'view');
      return v?.version === doc.version ? v : undefined;
    }, 'a view of the new version');
    assert.equal(view.summary.errorRows, 1);
    await vscode.commands.executeCommand('undo');
    await eventually(() => (lastOf(session.posted, 'view')!.summary.errorRows === 0 ? true : undefined), 'the undo to show');
  });

  it('applies quick fixes from the grid: a cell, and the header row', async () => {
    const { mapEditor } = await api();
    const session = mapEditor.sessionFor(file)!;
    const doc = session.document;
    const before = doc.getText();
    // A lower-case row type on the first row, then a header row above it.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, 0, 4), 'user');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const header = new vscode.WorkspaceEdit();
    header.insert(doc.uri, new vscode.Position(0, 0), 'Type,SourceTenantId,Source,Target,Email,UserType\r\n');
    assert.ok(await vscode.workspace.applyEdit(header));
    await eventually(() => (lastOf(session.posted, 'view')?.version === doc.version ? true : undefined), 'the new view');
    const fields = doc.getText().split('\r\n')[1]!.split(',');
    assert.ok(await session.handle({ type: 'fix', code: 'map.case', ref: { row: 1, fields }, column: 0 }));
    assert.ok(await session.handle({ type: 'fix', code: 'map.header' }));
    assert.equal(doc.getText(), before);
    assert.equal(await session.handle({ type: 'fix', code: 'map.header' }), false, 'nothing left to fix');
  });

  it('ignores messages that do not follow the protocol', async () => {
    const { mapEditor } = await api();
    const session = mapEditor.sessionFor(file)!;
    const text = session.document.getText();
    for (const bad of [
      null,
      'edit',
      { type: 'edit', ref: { row: 0, fields: [] }, column: 9, value: 'x' },
      { type: 'edit', ref: { row: -1, fields: [] }, column: 0, value: 'x' },
      { type: 'rows', version: 1, start: 0, count: 10_000 },
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'delete', refs: [] },
    ]) {
      assert.equal(await session.handle(bad), false, JSON.stringify(bad));
    }
    assert.equal(session.document.getText(), text);
  });

  it('matches directory exports and adds accepted proposals as rows', async () => {
    const { mapEditor } = await api();
    const session = mapEditor.sessionFor(file)!;
    const sourceUsers = vscode.Uri.joinPath(folder, 'source-users.csv');
    const targetUsers = vscode.Uri.joinPath(folder, 'target-users.csv');
    await writeText(
      sourceUsers,
      'userPrincipalName,displayName,mail,employeeId\r\nlee.gu@contoso.com,Lee Gu,lee.gu@contoso.com,E3\r\nnew.person@contoso.com,New Person,new.person@contoso.com,E9\r\nsam.twin@contoso.com,Sam Twin,,\r\n',
    );
    await writeText(
      targetUsers,
      'userPrincipalName,displayName,mail,employeeId\r\nlee.gu@fabrikam.com,Lee Gu,lee.gu@fabrikam.com,E3\r\nnp@fabrikam.com,New Person,np@fabrikam.com,E9\r\nsam.twin@fabrikam.com,Sam Twin,,\r\nsam.twin@fabrikam.onmicrosoft.com,Sam Twin,,\r\n',
    );
    assert.ok(await session.match({ sourceUsers, targetUsers }));
    const proposals = lastOf(session.posted, 'proposals')!;
    assert.deepEqual(proposals.counts?.pending, { matched: 2, suggested: 0, ambiguous: 1, conflict: 0, unmatched: 0 });
    assert.ok(await session.handle({ type: 'proposalRows', version: proposals.version, start: 0, count: 10 }));
    const views = lastOf(session.posted, 'proposalRows')!.rows;
    assert.deepEqual(
      views.map((v) => [v.source, v.status, v.rule ?? '', v.mapped]),
      [
        ['lee.gu@contoso.com', 'matched', 'employeeId', true],
        ['new.person@contoso.com', 'matched', 'employeeId', false],
        ['sam.twin@contoso.com', 'ambiguous', 'upnLocalPart', false],
      ],
    );
    const before = session.document.getText();
    assert.ok(await session.handle({ type: 'accept', ids: 'shown' }));
    assert.equal(session.document.getText(), `${before}User,${T},new.person@contoso.com,np@fabrikam.com,np@fabrikam.com,RegularUser\r\n`);
    assert.match(lastOf(session.posted, 'notice')!.message, /Added 1 row.*1 already in the map.*1 ambiguous/);
    // The ambiguous one: the admin picks a candidate.
    assert.ok(await session.chooseCandidate(2, 1));
    assert.ok(
      session.document
        .getText()
        .endsWith(`User,${T},sam.twin@contoso.com,sam.twin@fabrikam.onmicrosoft.com,sam.twin@fabrikam.onmicrosoft.com,RegularUser\r\n`),
    );
    assert.equal(lastOf(session.posted, 'proposals')!.counts?.accepted, 2);
    assert.ok(await session.handle({ type: 'reject', ids: [0] }));
    // A later session (reload, reopened editor) matches the same exports again and restores the review.
    mapEditor.reviews.delete(file.toString());
    assert.ok(await session.restoreReview());
    assert.deepEqual(lastOf(session.posted, 'proposals')!.counts, {
      pending: { matched: 0, suggested: 0, ambiguous: 0, conflict: 0, unmatched: 0 },
      accepted: 2,
      rejected: 1,
      total: 3,
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it("with the plan (or a script under review) active, opens the plan's map, never the active file", async () => {
    const { mapEditor, store } = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(workspaceUri('onedrive-migration.json'));
    await vscode.commands.executeCommand('onedriveMigration.openIdentityMap');
    const planMap = store.snapshot!.identityMapUri;
    await eventually(() => mapEditor.sessionFor(planMap), "the session of the plan's map");
    assert.equal(mapEditor.sessionFor(workspaceUri('onedrive-migration.json')), undefined, 'the plan never opens in the grid');
    // Given explicitly (a stray explorer context), the plan is refused (the command reports it instead of opening).
    await vscode.commands.executeCommand('onedriveMigration.openIdentityMap', workspaceUri('onedrive-migration.json'));
    assert.equal(mapEditor.sessionFor(workspaceUri('onedrive-migration.json')), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
