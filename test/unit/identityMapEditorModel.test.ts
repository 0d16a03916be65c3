import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_QUERY, IdentityMapGrid, type GridQuery } from '../../src/core/identity/identityMapGrid';
import { parseIdentityMap } from '../../src/core/identity/identityMapFile';
import { matchGroups, matchUsers } from '../../src/core/identity/matchIdentities';
import { MatchReview } from '../../src/core/identity/matchReview';
import { applyEdit } from '../../src/core/identity/identityMapFile';
import { mapFix } from '../../src/core/identity/mapFixes';
import { validateIdentityMap } from '../../src/core/identity/validateIdentityMap';
import type { Plan } from '../../src/core/plan/planSchema';
import { parseMapViewMessage } from '../../webview/identityMapProtocol';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const G1 = '0b6f3c9e-1d2a-4e5f-8a7b-6c5d4e3f2a1b';
const G2 = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const MAP = [
  'Type,SourceTenantId,Source,Target,Email,UserType',
  `User,${T},carol@contoso.com,carol@fabrikam.com,carol@fabrikam.com,RegularUser`,
  `User,${T},adam@contoso.com,,,RegularUser`,
  `User,${T},bob@contoso.com,bob.fabrikam.com,bob@fabrikam.com,regularuser`,
  `Group,${T},${G1},${G2},${G2},RegularGroup`,
  '',
].join('\r\n');

function grid(text = MAP): IdentityMapGrid {
  const parsed = parseIdentityMap(text);
  return new IdentityMapGrid(parsed, validateIdentityMap(parsed));
}
const q = (over: Partial<GridQuery>): GridQuery => ({ ...DEFAULT_QUERY, ...over });
const sources = (g: IdentityMapGrid, view: Int32Array) => g.window(view, 0, 100).map((r) => r.fields[2]);

describe('identity-map editor model (host side of the grid)', () => {
  it('summarises rows, kinds, problems and unmatched rows; file-level problems separately', () => {
    const s = grid().summary();
    assert.deepEqual([s.rows, s.users, s.groups, s.unmatched], [4, 3, 1, 1]);
    assert.equal(s.errorRows, 2, 'adam (blank target) and bob (bad target)');
    assert.ok(s.warnings >= 2, 'header row and the lower-case type');
    assert.ok(s.fileProblems.some((p) => /header/.test(p.message) && p.line === 1));
  });

  it('places a CSV syntax error at its line in the file-level list', () => {
    const s = grid(
      `User,${T},a@contoso.com,a@fabrikam.com,a@fabrikam.com,RegularUser\r\nUser,${T},"b@contoso.com,b@fabrikam.com,b@fabrikam.com,RegularUser\r\n`,
    ).summary();
    const csv = s.fileProblems.find((p) => /CSV error/.test(p.message));
    assert.equal(csv?.line, 2);
    assert.equal(csv?.severity, 'error');
  });

  it('gives each row its problems per cell, and marks the header row', () => {
    const g = grid();
    const [header, , adam, bob] = g.window(g.query(DEFAULT_QUERY), 0, 4);
    assert.equal(header!.header, true);
    assert.equal(header!.severity, 'warning');
    assert.equal(adam!.severity, 'error');
    assert.match(adam!.cells[3]![0]!.message, /not a user principal name/);
    assert.deepEqual(
      bob!.cells.map((c) => c?.map((p) => p.severity).join() ?? ''),
      ['', '', '', 'error', '', 'warning'],
    );
    assert.equal(bob!.line, 4);
  });

  it('filters by text (any column, case-insensitive) and by status', () => {
    const g = grid();
    assert.deepEqual(sources(g, g.query(q({ text: 'BOB' }))), ['bob@contoso.com']);
    assert.deepEqual(sources(g, g.query(q({ status: 'errors' }))), ['adam@contoso.com', 'bob@contoso.com']);
    assert.deepEqual(sources(g, g.query(q({ status: 'warnings' }))), ['Source', 'bob@contoso.com']);
    assert.deepEqual(sources(g, g.query(q({ status: 'unmatched' }))), ['adam@contoso.com']);
    assert.deepEqual(sources(g, g.query(q({ status: 'users' }))), ['carol@contoso.com', 'adam@contoso.com', 'bob@contoso.com']);
    assert.deepEqual(sources(g, g.query(q({ status: 'groups' }))), [G1]);
    assert.deepEqual(sources(g, g.query(q({ status: 'users', text: 'fabrikam.com,carol' }))), ['carol@contoso.com']);
  });

  it('sorts by a column either way (ties keep file order), or by file order reversed', () => {
    const g = grid();
    assert.deepEqual(sources(g, g.query(q({ status: 'users', sort: { column: 2, descending: false } }))), [
      'adam@contoso.com',
      'bob@contoso.com',
      'carol@contoso.com',
    ]);
    assert.deepEqual(sources(g, g.query(q({ status: 'users', sort: { column: 2, descending: true } }))), [
      'carol@contoso.com',
      'bob@contoso.com',
      'adam@contoso.com',
    ]);
    assert.deepEqual(sources(g, g.query(q({ status: 'users', sort: { column: 0, descending: false } }))), [
      'carol@contoso.com',
      'adam@contoso.com',
      'bob@contoso.com',
    ]);
    assert.deepEqual(sources(g, g.query(q({ status: 'users', sort: { column: -1, descending: true } }))), [
      'bob@contoso.com',
      'adam@contoso.com',
      'carol@contoso.com',
    ]);
  });

  it('pads short rows to six cells and reports the column count on the row', () => {
    const g = grid(`User,${T},x@contoso.com\r\n`);
    const [row] = g.window(g.query(DEFAULT_QUERY), 0, 1);
    assert.equal(row!.fields.length, 6);
    assert.match(row!.rowProblems[0]!.message, /has 3 columns/);
  });

  it('windows clamp to the view', () => {
    const g = grid();
    const view = g.query(DEFAULT_QUERY);
    assert.equal(g.window(view, 3, 100).length, 2);
    assert.equal(g.window(view, 10, 5).length, 0);
  });

  it('knows which sources are mapped already, per kind', () => {
    const mapped = grid().mappedSources();
    assert.ok(mapped.has('user:carol@contoso.com'));
    assert.ok(mapped.has(`group:${G1}`));
    assert.ok(!mapped.has('user:source'), 'the header row is not a mapping');
  });
});

describe('quick fixes for identity-map problems (Problems panel and grid)', () => {
  const fixed = (text: string, code: string, row?: number, column?: number) => {
    const parsed = parseIdentityMap(text);
    const g = new IdentityMapGrid(parsed, validateIdentityMap(parsed));
    const p = g.findProblem(code, row, column);
    assert.ok(p, `a ${code} problem`);
    const fix = mapFix(parsed, text, p);
    assert.ok(fix);
    return { title: fix.title, text: applyEdit(text, fix.edit) };
  };

  it('fixes a cell: only that cell changes', () => {
    const r = fixed(MAP, 'map.case', 3, 5);
    assert.equal(r.title, 'Change to RegularUser');
    assert.equal(r.text, MAP.replace('bob@fabrikam.com,regularuser', 'bob@fabrikam.com,RegularUser'));
  });

  it('removes the header row, and rewrites a semicolon file in the canonical form', () => {
    assert.equal(fixed(MAP, 'map.header').text, MAP.slice(MAP.indexOf('\r\n') + 2));
    const semi = `User;${T};a@contoso.com;a@fabrikam.com;a@fabrikam.com;RegularUser\n`;
    const r = fixed(semi, 'map.semicolon');
    assert.equal(r.text, `User,${T},a@contoso.com,a@fabrikam.com,a@fabrikam.com,RegularUser\r\n`);
  });

  it('adds rows for batch users without one, after the last row', () => {
    const text = `User,${T},a@contoso.com,a@fabrikam.com,a@fabrikam.com,RegularUser\r\n`;
    const parsed = parseIdentityMap(text);
    const plan = { source: { tenantId: T }, batches: [{ name: 'W1', users: ['a@contoso.com', 'b@contoso.com'] }] } as unknown as Plan;
    const p = validateIdentityMap(parsed, { plan }).find((x) => x.code === 'map.missingBatchUser')!;
    const fix = mapFix(parsed, text, p)!;
    assert.equal(fix.title, 'Add a row with the target left blank');
    assert.equal(applyEdit(text, fix.edit), `${text}User,${T},b@contoso.com,,,RegularUser\r\n`);
  });

  it('offers the fix title on the grid cell, none where there is no fix', () => {
    const g = grid();
    const [header, , adam, bob] = g.window(g.query(DEFAULT_QUERY), 0, 4);
    assert.equal(bob!.cells[5]![0]!.fix, 'Change to RegularUser');
    assert.equal(adam!.cells[3]![0]!.fix, undefined);
    assert.equal(g.summary().fileProblems.find((p) => p.code === 'map.header')?.fix, 'Remove the header row');
    assert.ok(header);
  });
});

describe('reviewing matching proposals', () => {
  const users = matchUsers(
    [
      { userPrincipalName: 'carol@contoso.com', employeeId: 'E1' },
      { userPrincipalName: 'dan@contoso.com', employeeId: 'E2' },
      { userPrincipalName: 'eve@contoso.com' },
      { userPrincipalName: 'sam@contoso.com' },
      { userPrincipalName: 'guest_x.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest' },
    ],
    [
      { userPrincipalName: 'carol@fabrikam.com', employeeId: 'E1' },
      { userPrincipalName: 'dan@fabrikam.com', employeeId: 'E2' },
      { userPrincipalName: 'sam@fabrikam.com' },
      { userPrincipalName: 'sam@fabrikam.onmicrosoft.com' },
    ],
    { sourceTenantId: T },
  );
  const groups = matchGroups([{ id: G1, mailNickname: 'sales', groupTypes: ['Unified'] }], [], { sourceTenantId: T });

  it('counts pending proposals per status and lists them by filter', () => {
    const review = new MatchReview([...users, ...groups], T);
    assert.deepEqual(review.counts().pending, { matched: 2, suggested: 0, ambiguous: 1, conflict: 0, unmatched: 3 });
    assert.deepEqual([...review.query('ambiguous')], [3]);
    const [sam] = review.window(review.query('ambiguous'), 0, 10, new Set());
    assert.deepEqual(sam, {
      id: 3,
      kind: 'User',
      status: 'ambiguous',
      rule: 'upnLocalPart',
      source: 'sam@contoso.com',
      candidates: ['sam@fabrikam.com', 'sam@fabrikam.onmicrosoft.com'],
      mapped: false,
    });
  });

  it('accepts matched rows, skips sources already mapped, leaves ambiguous ones for a choice, adds unmatched with a blank target', () => {
    const review = new MatchReview([...users, ...groups], T);
    const result = review.accept([...review.query('all')], new Set(['user:carol@contoso.com']));
    assert.equal(result.skipped, 1);
    assert.equal(result.needChoice, 1);
    assert.deepEqual(result.rows, [
      ['User', T, 'dan@contoso.com', 'dan@fabrikam.com', 'dan@fabrikam.com', 'RegularUser'],
      ['User', T, 'eve@contoso.com', '', '', 'RegularUser'],
      ['User', T, 'guest_x.com#EXT#@contoso.onmicrosoft.com', '', '', 'GuestUser'],
      ['Group', T, G1, '', '', 'O365Group'],
    ]);
    review.mark(result.accepted, 'accepted');
    assert.deepEqual(review.counts(), {
      pending: { matched: 1, suggested: 0, ambiguous: 1, conflict: 0, unmatched: 0 },
      accepted: 4,
      rejected: 0,
      total: 6,
    });
    assert.deepEqual(review.accept(result.accepted, new Set()).rows, [], 'nothing is accepted twice');
  });

  it('restores a review: rejected sources stay rejected, sources already mapped count as accepted', () => {
    const first = new MatchReview(users, T);
    first.mark([1], 'rejected');
    assert.deepEqual(first.rejectedSources(), ['user:dan@contoso.com']);
    const again = new MatchReview(users, T);
    again.restore(first.rejectedSources(), new Set(['user:carol@contoso.com']));
    assert.deepEqual([again.decision(0), again.decision(1), again.decision(2)], ['accepted', 'rejected', 'pending']);
  });

  it('builds the row for a chosen candidate, and rejects', () => {
    const review = new MatchReview(users, T);
    assert.deepEqual(review.choose(3, 1), [
      'User',
      T,
      'sam@contoso.com',
      'sam@fabrikam.onmicrosoft.com',
      'sam@fabrikam.onmicrosoft.com',
      'RegularUser',
    ]);
    assert.equal(review.choose(3, 7), undefined);
    assert.equal(review.choose(0, 0), undefined, 'a matched proposal has no candidates to choose from');
    review.mark([3], 'rejected');
    assert.equal(review.decision(3), 'rejected');
    assert.deepEqual([...review.query('ambiguous')], []);
  });
});

describe('identity-map editor messages are untrusted input', () => {
  const ref = { row: 2, fields: ['User', T, 'a@contoso.com', '', '', 'RegularUser'] };
  it('accepts well-formed messages', () => {
    for (const good of [
      { type: 'ready', query: DEFAULT_QUERY, filter: 'all' },
      { type: 'query', query: { text: 'x', status: 'errors', sort: { column: 3, descending: true } } },
      { type: 'rows', version: 4, start: 100, count: 100 },
      { type: 'edit', ref, column: 3, value: 'a@fabrikam.com' },
      { type: 'insert' },
      { type: 'insert', after: ref },
      { type: 'insert', copies: [ref] },
      { type: 'delete', refs: [ref] },
      { type: 'match' },
      { type: 'proposalQuery', filter: 'ambiguous' },
      { type: 'proposalRows', version: 1, start: 0, count: 50 },
      { type: 'accept', ids: 'shown' },
      { type: 'reject', ids: [1, 2] },
      { type: 'choose', id: 3 },
      { type: 'fix', code: 'map.header' },
      { type: 'fix', code: 'map.whitespace', ref, column: 2 },
    ]) {
      assert.deepEqual(parseMapViewMessage(good), good, JSON.stringify(good));
    }
  });

  it('rejects unknown types, extra fields, out-of-range numbers, oversized values', () => {
    for (const bad of [
      null,
      [],
      'edit',
      { type: 'run', command: 'x' },
      { type: 'match', extra: true },
      { type: 'query', query: { text: 'x', status: 'everything', sort: { column: 0, descending: false } } },
      { type: 'query', query: { text: 'x', status: 'all', sort: { column: 6, descending: false } } },
      { type: 'query', query: { text: 'x'.repeat(201), status: 'all', sort: { column: 0, descending: false } } },
      { type: 'rows', version: 1, start: -1, count: 10 },
      { type: 'rows', version: 1, start: 0, count: 501 },
      { type: 'rows', version: 1.5, start: 0, count: 10 },
      { type: 'edit', ref, column: 6, value: 'x' },
      { type: 'edit', ref, column: 0, value: 'x'.repeat(1025) },
      { type: 'edit', ref: { row: 1, fields: [1, 2] }, column: 0, value: 'x' },
      { type: 'edit', ref: { row: 1, fields: [], extra: 1 }, column: 0, value: 'x' },
      { type: 'insert', after: 'row 1' },
      { type: 'delete', refs: [] },
      { type: 'accept', ids: [] },
      { type: 'accept', ids: ['1'] },
      { type: 'accept', ids: 'all' },
      { type: 'choose', id: -2 },
      { type: 'proposalQuery', filter: 'pending' },
      { type: 'fix', code: 'workbench.action.terminal.new' },
      { type: 'fix', code: 'map.whitespace', ref },
      { type: 'fix', code: 'map.whitespace', column: 2 },
    ]) {
      assert.equal(parseMapViewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('identity-map grid at the default editor width', () => {
  it('notes (information-level problems) are counted and can be filtered', async () => {
    const { readFileSync } = await import('node:fs');
    const { EXAMPLE_DIR } = await import('../support/fixtures');
    const g = grid(readFileSync(`${EXAMPLE_DIR}/identity-map.csv`, 'utf8'));
    const s = g.summary();
    assert.ok(s.notes >= 1, `the example map has notes (${s.notes})`);
    const noted = g.query(q({ status: 'notes' }));
    assert.ok(noted.length >= 1 && noted.length < s.rows, 'the notes filter keeps only the rows with notes');
    assert.ok(
      g.window(noted, 0, 100).every((r) => [...r.rowProblems, ...r.cells.flatMap((c) => c ?? [])].some((p) => p.severity === 'info')),
    );
  });

  it('the default columns fit the editor: Source, Target and E-mail give way, in proportion, never below 150 px', async () => {
    const { DEFAULT_WIDTHS, fitToWidth } = await import('../../webview/identityMap/columnWidths');
    const total = (w: number[]) => w.reduce((a, b) => a + b, 0);
    assert.deepEqual(fitToWidth(DEFAULT_WIDTHS, 2000), [...DEFAULT_WIDTHS], 'room enough: unchanged');
    const fitted = fitToWidth(DEFAULT_WIDTHS, 1000);
    assert.ok(total(fitted) <= 1000, `fits 1,000 px (${total(fitted)})`);
    assert.deepEqual(fitted.slice(0, 3), DEFAULT_WIDTHS.slice(0, 3), '#, Type and the tenant ID keep their width');
    const narrow = fitToWidth(DEFAULT_WIDTHS, 400);
    assert.deepEqual(narrow.slice(3, 6), [150, 150, 150], 'never below 150 px: the grid scrolls sideways instead');
  });
});
