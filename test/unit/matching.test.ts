import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/main';
import { csvDirectory, readGroupsCsv, readUsersCsv, type DirectoryUser } from '../../src/core/identity/directory';
import { matchGroups, matchUsers, summarize } from '../../src/core/identity/matchIdentities';
import { EXAMPLE_DIR } from '../support/fixtures';

const T = '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03';
const u = (upn: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({ userPrincipalName: upn, ...extra });

describe('matching users: the cascade', () => {
  it('tries employeeId, immutableId, mail/proxies, UPN local part, then display name (a suggestion)', () => {
    const sources = [
      u('a@contoso.com', { employeeId: 'E1', displayName: 'Ann' }),
      u('b@contoso.com', { onPremisesImmutableId: 'imm-b' }),
      u('c@contoso.com', { mail: 'c@contoso.com' }),
      u('d.d@contoso.com'),
      u('e@contoso.com', { displayName: 'Émile Zola' }),
      u('nobody@contoso.com'),
    ];
    const targets = [
      u('ann.x@fabrikam.com', { employeeId: 'e1 ' }),
      u('bee@fabrikam.com', { onPremisesImmutableId: 'imm-b' }),
      u('cee@fabrikam.com', { mail: 'cee@fabrikam.com', proxyAddresses: ['SMTP:cee@fabrikam.com', 'smtp:C@contoso.com'] }),
      u('d.d@fabrikam.com', { mail: 'd.d@fabrikam.com' }),
      u('ez@fabrikam.com', { displayName: 'emile  zola' }),
    ];
    const p = matchUsers(sources, targets, { sourceTenantId: T });
    assert.deepEqual(
      p.map((x) => [x.status, x.rule, x.target?.userPrincipalName]),
      [
        ['matched', 'employeeId', 'ann.x@fabrikam.com'],
        ['matched', 'immutableId', 'bee@fabrikam.com'],
        ['matched', 'mail', 'cee@fabrikam.com'],
        ['matched', 'upnLocalPart', 'd.d@fabrikam.com'],
        ['suggested', 'displayName', 'ez@fabrikam.com'],
        ['unmatched', undefined, undefined],
      ],
    );
    assert.deepEqual(p[2]!.row, ['User', T, 'c@contoso.com', 'cee@fabrikam.com', 'cee@fabrikam.com', 'RegularUser']);
    assert.deepEqual(summarize(p).byStatus, { matched: 4, suggested: 1, ambiguous: 0, conflict: 0, unmatched: 1 });
  });

  it('never guesses: several candidates at a rule flag the user as ambiguous and stop the cascade', () => {
    const p = matchUsers(
      [u('sam@contoso.com', { employeeId: '42' })],
      [u('sam@fabrikam.com', { employeeId: '42' }), u('samuel@fabrikam.com', { employeeId: '42' })],
      { sourceTenantId: T },
    );
    assert.equal(p[0]!.status, 'ambiguous');
    assert.equal(p[0]!.rule, 'employeeId');
    assert.deepEqual(
      p[0]!.candidates!.map((c) => c.userPrincipalName),
      ['sam@fabrikam.com', 'samuel@fabrikam.com'],
    );
    assert.equal(p[0]!.row, undefined);
  });

  it('UPN local parts are ambiguous across target domains, unless a domain map says where they go', () => {
    const targets = [u('kim@fabrikam.com'), u('kim@fabrikam.eu')];
    assert.equal(matchUsers([u('kim@contoso.com')], targets, { sourceTenantId: T })[0]!.status, 'ambiguous');
    const mapped = matchUsers([u('kim@contoso.com')], targets, { sourceTenantId: T, domainMap: { 'contoso.com': 'fabrikam.eu' } });
    assert.equal(mapped[0]!.target!.userPrincipalName, 'kim@fabrikam.eu');
  });

  it('two sources onto one target: both flagged as conflicts', () => {
    const p = matchUsers(
      [u('pat@contoso.com', { mail: 'pat@x.com' }), u('patricia@contoso.com', { displayName: 'Pat' })],
      [u('pat@fabrikam.com', { proxyAddresses: ['pat@x.com'], displayName: 'Pat' })],
      { sourceTenantId: T },
    );
    assert.deepEqual(
      p.map((x) => x.status),
      ['conflict', 'conflict'],
    );
  });

  it('the cascade is configurable', () => {
    const p = matchUsers(
      [u('a@contoso.com', { employeeId: '1', displayName: 'A' })],
      [u('x@fabrikam.com', { employeeId: '1' }), u('a@fabrikam.com', { displayName: 'A' })],
      { sourceTenantId: T, cascade: ['upnLocalPart', 'employeeId'] },
    );
    assert.equal(p[0]!.target!.userPrincipalName, 'a@fabrikam.com');
  });

  it('guest targets become GuestUser rows', () => {
    const p = matchUsers(
      [u('g@contoso.com', { mail: 'g@partner.com' })],
      [u('g_partner.com#EXT#@fabrikam.onmicrosoft.com', { mail: 'g@partner.com', userType: 'Guest' })],
      { sourceTenantId: T },
    );
    assert.deepEqual(p[0]!.row, ['User', T, 'g@contoso.com', 'g_partner.com#EXT#@fabrikam.onmicrosoft.com', 'g@partner.com', 'GuestUser']);
  });
});

describe('matching groups', () => {
  it('by alias, then display name; Microsoft 365 groups become O365Group rows with their alias', () => {
    const src = [
      { id: 's1', mailNickname: 'falcon', displayName: 'Falcon' },
      { id: 's2', displayName: 'Finance' },
      { id: 's3', displayName: 'Twin' },
      { id: 's4', displayName: 'Lonely' },
    ];
    const tgt = [
      { id: 't1', mailNickname: 'Falcon', groupTypes: ['Unified'] },
      { id: 't2', displayName: 'finance', securityEnabled: true },
      { id: 't3', displayName: 'Twin' },
      { id: 't4', displayName: 'Twin' },
    ];
    const p = matchGroups(src, tgt, { sourceTenantId: T });
    assert.deepEqual(
      p.map((x) => [x.status, x.rule]),
      [
        ['matched', 'mailNickname'],
        ['matched', 'groupDisplayName'],
        ['ambiguous', 'groupDisplayName'],
        ['unmatched', undefined],
      ],
    );
    assert.deepEqual(p[0]!.row, ['Group', T, 's1', 't1', 'Falcon', 'O365Group']);
    assert.deepEqual(p[1]!.row, ['Group', T, 's2', 't2', 't2', 'RegularGroup']);
  });
});

describe('directory exports', () => {
  it('reads the Entra admin center user export (any header spelling) and Graph-style columns', () => {
    const entra =
      '\uFEFFuserPrincipalName,displayName,mail,objectId,userType,employeeId\r\nalice@contoso.com,Alice,alice@contoso.com,id-1,Member,E7\r\n,Nobody,,,,\r\n';
    const { users, problems } = readUsersCsv(entra);
    assert.deepEqual(problems, []);
    assert.deepEqual(users, [
      {
        userPrincipalName: 'alice@contoso.com',
        line: 2,
        id: 'id-1',
        mail: 'alice@contoso.com',
        displayName: 'Alice',
        userType: 'Member',
        employeeId: 'E7',
      },
    ]);
    const graph =
      'User Principal Name,Proxy Addresses,On Premises Immutable Id\nbob@contoso.com,SMTP:bob@contoso.com;smtp:robert@contoso.com,abc==\n';
    assert.deepEqual(readUsersCsv(graph).users[0]!.proxyAddresses, ['bob@contoso.com', 'robert@contoso.com']);
    assert.equal(readUsersCsv(graph).users[0]!.onPremisesImmutableId, 'abc==');
    assert.match(readUsersCsv('name,email\nx,y\n', 'x.csv').problems[0]!.message, /x\.csv has no userPrincipalName column/);
  });

  it('reads group exports, recognising Microsoft 365 groups both ways', () => {
    const { groups } = readGroupsCsv('objectId,displayName,groupType,mailNickname\ng1,Falcon,Microsoft 365,falcon\ng2,Finance,Security,\n');
    assert.deepEqual(
      groups.map((g) => g.groupTypes),
      [['Unified'], []],
    );
    assert.deepEqual(readGroupsCsv('id,displayName,groupTypes\ng3,X,Unified\n').groups[0]!.groupTypes, ['Unified']);
    assert.equal(csvDirectory({ users: 'nope\n' }).problems[0]!.code, 'directory.columns');
  });
});

describe('onedrive-migration map …', () => {
  const io = (cwd: string) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd, now: new Date('2026-11-23T00:00:00Z') },
      out,
      err,
    };
  };

  it('map validate: exit 1 with file:line:col: severity: message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odm-map-'));
    writeFileSync(
      path.join(dir, 'map.csv'),
      `User,${T},a@contoso.com,a@fabrikam.com,a@fabrikam.com,RegularUser\r\nUser,${T},a@contoso.com,b@fabrikam.com,b@fabrikam.com,Regular\r\n`,
    );
    const { io: i, out, err } = io(dir);
    assert.equal(await runCli(['map', 'validate', 'map.csv'], i), 1);
    assert.deepEqual(err, [
      `map.csv:2:87: error: Row 2, user / group type: 'Regular' is not a user type.\n    hint: Use one of RegularUser, AdminUser, GuestUser.`,
      `map.csv:2:43: error: Row 2, source: a@contoso.com is already mapped on row 1.\n    hint: Mapping is one-to-one: keep one row per source principal (engine error MnAIdentityMapEntryTooManyForSourceUPN).`,
    ]);
    assert.match(out[0]!, /map\.csv: 2 rows \(2 users, 0 groups\): 2 errors, 0 warnings\./);
  });

  it('map validate with --plan: the example map is valid', async () => {
    const { io: i, out } = io(EXAMPLE_DIR);
    assert.equal(await runCli(['map', 'validate', 'identity-map.csv', '--plan', 'onedrive-migration.json'], i), 0);
    assert.match(out[0]!, /15 rows \(12 users, 3 groups\): 0 errors, 0 warnings/);
  });

  it('map match: writes the matched rows and reports the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odm-match-'));
    writeFileSync(
      path.join(dir, 'src.csv'),
      'userPrincipalName,displayName,mail\nalice@contoso.com,Alice,alice@contoso.com\nbob@contoso.com,Bob,\nsam@contoso.com,Sam,\ncarl@contoso.com,Carl Xu,\n',
    );
    writeFileSync(
      path.join(dir, 'tgt.csv'),
      'userPrincipalName,displayName,mail\nalice@fabrikam.com,Alice,alice@fabrikam.com\nbob@fabrikam.com,Bob,\nsam@fabrikam.com,Sam,\nsam@fabrikam.eu,Sam 2,\ncxu@fabrikam.com,Carl Xu,\n',
    );
    writeFileSync(path.join(dir, 'sg.csv'), 'id,displayName,mailNickname\ng-s,Finance,finance\n');
    writeFileSync(path.join(dir, 'tg.csv'), 'id,displayName,mailNickname,groupTypes\ng-t,Finance EU,finance,Unified\n');
    const { io: i, out } = io(dir);
    const code = await runCli(
      [
        'map',
        'match',
        '--source-users',
        'src.csv',
        '--target-users',
        'tgt.csv',
        '--source-groups',
        'sg.csv',
        '--target-groups',
        'tg.csv',
        '--domain',
        'contoso.com=fabrikam.com',
        '--source-tenant-id',
        T,
        '--out',
        'map.csv',
        '--report',
        'report.csv',
      ],
      i,
    );
    assert.equal(code, 0);
    assert.match(out[0]!, /^Matched 4 \(upnLocalPart 3, mailNickname 1\), suggested 1 .* ambiguous 0, conflicts 0, unmatched 0 — of 5/);
    assert.equal(
      readFileSync(path.join(dir, 'map.csv'), 'utf8'),
      [
        `User,${T},alice@contoso.com,alice@fabrikam.com,alice@fabrikam.com,RegularUser`,
        `User,${T},bob@contoso.com,bob@fabrikam.com,bob@fabrikam.com,RegularUser`,
        `User,${T},sam@contoso.com,sam@fabrikam.com,sam@fabrikam.com,RegularUser`,
        `Group,${T},g-s,g-t,finance,O365Group`,
        '',
      ].join('\r\n'),
    );
    assert.match(readFileSync(path.join(dir, 'report.csv'), 'utf8'), /User,carl@contoso\.com,suggested,displayName,cxu@fabrikam\.com,/);
  });

  it('map match needs the source tenant ID and both directories', async () => {
    const { io: i, err } = io(EXAMPLE_DIR);
    assert.equal(await runCli(['map', 'match', '--source-users', 'a.csv', '--target-users', 'b.csv', '--out', 'x.csv'], i), 64);
    assert.match(err.join('\n'), /source tenant ID is needed/);
    assert.equal(await runCli(['map', 'match', '--source-users', 'a.csv', '--out', 'x.csv'], i), 64);
    assert.equal(await runCli(['map', 'frobnicate'], i), 64);
  });
});
