import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyEdit,
  canonicalText,
  decodeIdentityMap,
  deleteRowEdit,
  fieldOffsets,
  formatIdentityMap,
  insertRowsEdit,
  parseIdentityMap,
  replaceRowEdit,
} from '../../src/core/identity/identityMapFile';
import { typedRows } from '../../src/core/identity/identityMapRows';
import { describeUploadDiff, uploadDiff } from '../../src/core/identity/uploadDiff';
import { validateIdentityMap, type MapProblem } from '../../src/core/identity/validateIdentityMap';
import { examplePlan } from '../support/fixtures';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const G1 = '0b6f3c9e-1d2a-4e5f-8a7b-6c5d4e3f2a1b';
const G2 = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const user = (s: string, t = s.replace('contoso', 'fabrikam'), type = 'RegularUser') => `User,${T},${s},${t},${t},${type}`;

function codes(problems: MapProblem[]): string[] {
  return problems.map((p) => p.code);
}

describe('identity-map CSV: reading what Excel writes', () => {
  it('reads a canonical file: no problems, rows with lines and offsets', () => {
    const text = `${user('alice@contoso.com')}\r\n${user('bob@contoso.com')}\r\n`;
    const parsed = parseIdentityMap(text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.eol, '\r\n');
    assert.deepEqual(
      parsed.rows.map((r) => [r.line, r.offset, r.fields[2]]),
      [
        [1, 0, 'alice@contoso.com'],
        [2, user('alice@contoso.com').length + 2, 'bob@contoso.com'],
      ],
    );
    assert.equal(canonicalText(parsed), text);
  });

  it('accepts a BOM, LF, quoted fields, quotes inside quotes, trailing blank lines', () => {
    const text = `\uFEFF${user('alice@contoso.com')}\n"Group",${T},${G1},${G2},"Finance, ""EU""",RegularGroup\n\n\n`;
    const parsed = parseIdentityMap(text);
    assert.equal(parsed.bom, true);
    assert.equal(parsed.eol, '\n');
    assert.deepEqual(codes(parsed.problems), ['map.bom']);
    assert.equal(parsed.rows.length, 2);
    assert.deepEqual(parsed.rows[1]!.fields, ['Group', T, G1, G2, 'Finance, "EU"', 'RegularGroup']);
    assert.equal(parsed.rows[1]!.line, 2);
    assert.equal(text.slice(parsed.rows[1]!.offset, parsed.rows[1]!.offset + parsed.rows[1]!.text.length), parsed.rows[1]!.text);
    assert.equal(canonicalText(parsed), `${user('alice@contoso.com')}\r\nGroup,${T},${G1},${G2},"Finance, ""EU""",RegularGroup\r\n`);
  });

  it('warns about a header row and semicolons, and writes the canonical form without them', () => {
    const text = `Type;SourceTenantId;Source;Target;Email;UserType\r\nUser;${T};alice@contoso.com;alice@fabrikam.com;alice@fabrikam.com;RegularUser\r\n`;
    const parsed = parseIdentityMap(text);
    assert.deepEqual(codes(parsed.problems), ['map.semicolon', 'map.header']);
    assert.equal(parsed.headerIndex, 0);
    assert.equal(typedRows(parsed).length, 1);
    assert.equal(canonicalText(parsed), `${user('alice@contoso.com')}\r\n`);
  });

  it('decodes UTF-8, and warns about a legacy code page instead of failing', () => {
    const utf8 = new TextEncoder().encode(user('zoë@contoso.com'));
    assert.deepEqual(decodeIdentityMap(utf8).problems, []);
    const latin1 = Uint8Array.from([...'User,x,zo'].map((c) => c.charCodeAt(0)).concat([0xeb]));
    const decoded = decodeIdentityMap(latin1);
    assert.equal(decoded.text, 'User,x,zoë');
    assert.equal(decoded.problems[0]!.code, 'map.encoding');
  });

  it('reports an empty map', () => {
    assert.deepEqual(codes(parseIdentityMap('\r\n\r\n').problems), ['map.empty']);
  });
});

describe('identity-map edits keep untouched rows byte for byte', () => {
  const original = `\uFEFF${user('alice@contoso.com')}\n"User",${T},"bob@contoso.com",bob@fabrikam.com,bob@fabrikam.com,RegularUser\n${user('carol@contoso.com')}\n`;

  it('a parse without changes gives back the same bytes', () => {
    const parsed = parseIdentityMap(original);
    const rebuilt = (original.startsWith('\uFEFF') ? '\uFEFF' : '') + parsed.rows.map((r) => r.text).join(parsed.eol) + parsed.eol;
    assert.equal(rebuilt, original);
  });

  it('replacing, inserting and deleting rows changes only those rows', () => {
    const parsed = parseIdentityMap(original);
    const edited = applyEdit(
      original,
      replaceRowEdit(parsed, parsed.rows[2]!, [
        'User',
        T,
        'carol@contoso.com',
        'caroline@fabrikam.com',
        'caroline@fabrikam.com',
        'RegularUser',
      ]),
    );
    assert.equal(edited.split('\n')[1], original.split('\n')[1], 'the quoted row is untouched');
    assert.ok(edited.startsWith('\uFEFF'));
    const withNew = applyEdit(
      edited,
      insertRowsEdit(parseIdentityMap(edited), edited, [
        ['User', T, 'dan@contoso.com', 'dan@fabrikam.com', 'dan@fabrikam.com', 'RegularUser'],
      ]),
    );
    assert.ok(withNew.endsWith(`${user('dan@contoso.com')}\n`), "new rows use the file's own line breaks");
    const reparsed = parseIdentityMap(withNew);
    const without = applyEdit(withNew, deleteRowEdit(reparsed, reparsed.rows[0]!, withNew));
    assert.equal(
      without,
      `\uFEFF"User",${T},"bob@contoso.com",bob@fabrikam.com,bob@fabrikam.com,RegularUser\n${user('carol@contoso.com').replace(/carol@fabrikam/g, 'caroline@fabrikam')}\n${user('dan@contoso.com')}\n`,
    );
  });

  it("row edits keep a semicolon file's delimiter (quoting a value that contains one)", () => {
    const original = `User;${T};a@contoso.com;a@fabrikam.com;a@fabrikam.com;RegularUser\r\nUser;${T};b@contoso.com;b@fabrikam.com;b@fabrikam.com;RegularUser\r\n`;
    const parsed = parseIdentityMap(original);
    const edited = applyEdit(
      original,
      replaceRowEdit(parsed, parsed.rows[1]!, ['User', T, 'b@contoso.com', 'b;x@fabrikam.com', 'b@fabrikam.com', 'RegularUser']),
    );
    assert.equal(edited, original.replace(';b@fabrikam.com;b@fabrikam.com;', ';"b;x@fabrikam.com";b@fabrikam.com;'));
    const added = applyEdit(original, insertRowsEdit(parsed, original, [['User', T, 'c@contoso.com', '', '', 'RegularUser']]));
    assert.ok(added.endsWith(`User;${T};c@contoso.com;;;RegularUser\r\n`));
    assert.deepEqual(parseIdentityMap(edited).rows[1]!.fields[3], 'b;x@fabrikam.com');
  });

  it('measures field positions, quotes included', () => {
    const parsed = parseIdentityMap(original);
    const row = parsed.rows[1]!;
    const offsets = fieldOffsets(row, ',');
    assert.equal(row.text.slice(offsets[2]!, offsets[2]! + 17), '"bob@contoso.com"');
    assert.equal(row.text.slice(offsets[3]!, offsets[3]! + 16), 'bob@fabrikam.com');
  });

  it('formats a canonical file from rows', () => {
    assert.equal(
      formatIdentityMap([['User', T, ' a@b.c', 'x@y.z', 'x@y.z', 'RegularUser']]),
      `User,${T}," a@b.c",x@y.z,x@y.z,RegularUser\r\n`,
    );
    assert.equal(formatIdentityMap([]), '');
  });
});

describe('identity-map validation rules', () => {
  const validate = (lines: string[], withPlan = false) =>
    validateIdentityMap(parseIdentityMap(lines.join('\r\n') + '\r\n'), withPlan ? { plan: examplePlan() } : {});

  it('accepts valid users, guests and groups', () => {
    assert.deepEqual(
      validate([
        user('alice@contoso.com'),
        user('bob@contoso.com', 'bob_contoso.com#EXT#@fabrikam.onmicrosoft.com', 'GuestUser').replace(
          /,bob_contoso\.com#EXT#@fabrikam\.onmicrosoft\.com,GuestUser$/,
          ',bob@contoso.com,GuestUser',
        ),
        `Group,${T},${G1},${G2},${G2},RegularGroup`,
        `Group,${T},${G2},${G1},ProjectFalcon,O365Group`,
      ]),
      [],
    );
  });

  it('row type, column count, tenant ID', () => {
    const p = validate([
      'Usr,' + user('a@contoso.com').slice(5),
      'user,' + user('b@contoso.com').slice(5),
      `User,${T},c@contoso.com`,
      user('d@contoso.com').replace(T, 'not-a-guid'),
    ]);
    assert.deepEqual(codes(p), ['map.rowType', 'map.case', 'map.columns', 'map.tenantId']);
    assert.deepEqual(p[1]!.fix, { title: 'Change to User', value: 'User' });
    assert.deepEqual([p[0]!.range!.line, p[0]!.range!.column, p[0]!.row, p[0]!.column], [1, 1, 0, 0]);
    assert.deepEqual([p[3]!.range!.line, p[3]!.range!.column], [4, 6]);
  });

  it("the tenant ID must be the plan's source tenant ID", () => {
    const other = '11111111-2222-3333-4444-555555555555';
    const p = validate([user('adele.vance@contoso.com').replace(T, other)], true).filter((x) => x.code === 'map.tenantIdMismatch');
    assert.equal(p.length, 1);
    assert.equal(p[0]!.fix!.value, T);
  });

  it('UPN and e-mail syntax, apostrophes, types and their case', () => {
    const p = validate([
      user('no-at-sign', 'x@fabrikam.com'),
      user("o'brien@contoso.com"),
      `User,${T},e@contoso.com,e@fabrikam.com,not-mail,RegularUser`,
      user('f@contoso.com', 'f@fabrikam.com', 'Member'),
      user('g@contoso.com', 'g@fabrikam.com', 'regularuser'),
    ]);
    assert.deepEqual(codes(p), ['map.upn', 'map.apostrophe', 'map.apostrophe', 'map.email', 'map.userType', 'map.case']);
    assert.match(p[4]!.hint!, /RegularUser, AdminUser, GuestUser/);
  });

  it('group IDs, aliases of Microsoft 365 groups, the group name column', () => {
    const p = validate([
      `Group,${T},Finance,${G2.replace('9e8d', '1111')},${G2.replace('9e8d', '1111')},RegularGroup`,
      `Group,${T},${G1},${G2},${G2},O365Group`,
      `Group,${T},${G2},${G1},project.falcon,O365Group`,
      `Group,${T},${G2.replace('9e', 'aa')},${G1.replace('0b', 'cc')},Finance Team,SecurityGroup`,
    ]);
    assert.deepEqual(codes(p), ['map.groupId', 'map.groupAlias', 'map.groupAlias', 'map.groupType']);
  });

  it('one-to-one: no source twice, no two sources onto one target', () => {
    const p = validate([user('a@contoso.com'), user('A@Contoso.com', 'other@fabrikam.com'), user('b@contoso.com', 'a@fabrikam.com')]);
    assert.deepEqual(codes(p), ['map.duplicateSource', 'map.duplicateTarget']);
    assert.match(p[0]!.message, /already mapped on row 1/);
    assert.match(p[1]!.message, /already the target of row 1/);
  });

  it('guests: GuestUser needs a guest target, a guest target needs GuestUser', () => {
    const p = validate([
      user('a@contoso.com', 'a@fabrikam.com', 'GuestUser'),
      user('b@contoso.com', 'b_x.com#EXT#@fabrikam.onmicrosoft.com'),
    ]);
    assert.deepEqual(codes(p), ['map.guest', 'map.guest']);
    assert.deepEqual(p[1]!.fix, { title: 'Change to GuestUser', value: 'GuestUser' });
  });

  it('spaces around values get a trim fix', () => {
    const p = validate([`User,${T}, a@contoso.com ,a@fabrikam.com,a@fabrikam.com,RegularUser`]);
    assert.deepEqual(codes(p), ['map.whitespace']);
    assert.deepEqual(p[0]!.fix, { title: 'Trim spaces', value: 'a@contoso.com' });
  });

  it("every user of the plan's batches needs a row", () => {
    const p = validate([user('adele.vance@contoso.com')], true).filter((x) => x.code === 'map.missingBatchUser');
    assert.equal(p.length, 1);
    assert.match(p[0]!.message, /^9 users of the plan's batches have no row: alex\.wilber@contoso\.com \(Wave 1 - NAM pilot\)/); // Its quick fix adds their rows, source and tenant ID filled in, target left blank.
    assert.equal(p[0]!.addRows?.length, 9);
    assert.deepEqual(p[0]!.addRows?.[0], ['User', T, 'alex.wilber@contoso.com', '', '', 'RegularUser']);
  });
});

describe('upload diff', () => {
  it('says what an upload would drop or change', () => {
    const last = typedRows(parseIdentityMap([user('a@contoso.com'), user('b@contoso.com'), user('c@contoso.com')].join('\r\n')));
    const now = typedRows(
      parseIdentityMap([user('a@contoso.com'), user('c@contoso.com', 'carol@fabrikam.com'), user('d@contoso.com')].join('\r\n')),
    );
    const diff = uploadDiff(now, last);
    assert.deepEqual(
      diff.dropped.map((r) => r.source),
      ['b@contoso.com'],
    );
    assert.deepEqual(
      diff.changed.map((c) => c.after.target),
      ['carol@fabrikam.com'],
    );
    assert.deepEqual(
      diff.added.map((r) => r.source),
      ['d@contoso.com'],
    );
    assert.equal(
      describeUploadDiff(diff),
      'Uploading this map would drop 1 row uploaded before (b@contoso.com) and change 1 mapping: each upload replaces the whole map.',
    );
    assert.equal(describeUploadDiff(uploadDiff(last, last)), undefined);
  });
});
