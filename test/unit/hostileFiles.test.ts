/** Files around the tool (issue 9): the user's README kept, odd entries in the results folder, leftovers of killed writes. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generateScripts } from '../../src/core/powershell/generateScripts';
import { writeFileAtomic, writeFilesAtomic } from '../../src/services/atomicFiles';
import { INDEX_ALTERNATIVE, writeGeneratedFiles } from '../../src/services/generatedFiles';
import { loadResults } from '../../src/services/planWorkspace';
import { ingestResults } from '../../src/core/results/ingestResults';
import { readResult } from '../../src/core/results/readResult';
import { exampleInput, examplePlan } from '../support/fixtures';

const folder = () => mkdtempSync(path.join(tmpdir(), 'odm-files-'));

describe('the output folder', () => {
  it('keeps a README.md the tool did not write, and puts its index next to it', async () => {
    const out = folder();
    writeFileSync(path.join(out, 'README.md'), '# Our change ticket CHG-1234\nDo not delete.\n');
    const files = generateScripts(exampleInput()).files;
    const first = await writeGeneratedFiles(out, files);
    assert.equal(readFileSync(path.join(out, 'README.md'), 'utf8'), '# Our change ticket CHG-1234\nDo not delete.\n');
    assert.match(readFileSync(path.join(out, INDEX_ALTERNATIVE), 'utf8'), /^# Generated migration scripts/);
    assert.match(
      first.notes[0]!,
      /README\.md was not written by this tool and was kept; the index of the scripts is README\.onedrive-migration\.md\./,
    );
    // Its own README.md is replaced as before.
    const own = folder();
    await writeGeneratedFiles(own, files);
    const again = await writeGeneratedFiles(own, files);
    assert.deepEqual(again.notes, []);
    assert.match(readFileSync(path.join(own, 'README.md'), 'utf8'), /^# Generated migration scripts/);
    assert.ok(!existsSync(path.join(own, INDEX_ALTERNATIVE)));
  });

  it('removes what a killed write left behind: staging folders and temp files', async () => {
    const out = folder();
    mkdirSync(path.join(out, '.staging-abc123', 'source'), { recursive: true });
    writeFileSync(path.join(out, '.staging-abc123', 'source', 'x.ps1'), 'half');
    await writeFilesAtomic(out, [{ path: 'a.txt', content: 'a' }]);
    assert.deepEqual(readdirSync(out).sort(), ['a.txt']);
    const plan = path.join(out, 'onedrive-migration.json');
    writeFileSync(path.join(out, '.onedrive-migration.json.0123456789ab.tmp'), '{"half":');
    writeFileSync(path.join(out, '.other.json.0123456789ab.tmp'), 'not ours');
    await writeFileAtomic(plan, '{}\n');
    assert.deepEqual(readdirSync(out).sort(), ['.other.json.0123456789ab.tmp', 'a.txt', 'onedrive-migration.json']);
  });
});

describe('the results folder', () => {
  it('a folder named *.json, a link to nothing and a link to a file elsewhere are reported, and the valid results are still read', async () => {
    const dir = folder();
    const secret = path.join(folder(), 'secret.json');
    writeFileSync(secret, '{"not":"yours"}');
    symlinkSync(secret, path.join(dir, 'borrowed.json'));
    mkdirSync(path.join(dir, 'archive.json'));
    symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'dangling.json'));
    const valid = JSON.stringify({
      schema: 'onedrive-migration-result',
      version: 1,
      kind: 'trustVerification',
      side: 'source',
      tenant: 'contoso',
      geography: 'NAM',
      adminUrl: 'https://contoso-admin.sharepoint.com',
      createdAt: '2026-11-22T08:00:00.000Z',
      data: { pairs: [] },
    });
    writeFileSync(path.join(dir, 'source-NAM-trustVerification-20261122T080000000Z.json'), valid);
    const loaded = await loadResults([dir]);
    const byName = new Map(loaded.map((l) => [path.basename(l.file), l]));
    assert.match(byName.get('archive.json')!.problems[0]!.message, /This is a folder, not a result file; it was skipped\./);
    assert.match(
      byName.get('dangling.json')!.problems[0]!.message,
      /This is a link, not a result file; it was skipped \(links are not followed\)\./,
    );
    assert.ok(byName.get('source-NAM-trustVerification-20261122T080000000Z.json')!.result);
    assert.equal(byName.get('borrowed.json')!.text, '', 'the linked file is not read');
    assert.match(byName.get('borrowed.json')!.problems[0]!.message, /links are not followed/);
  });
});

describe('journals nested too deep', () => {
  it('are reported at their line instead of crashing the import', async () => {
    const { readResult } = await import('../../src/core/results/readResult');
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const text = `{"schema":"onedrive-migration-result","version":1,"kind":"queuedMoves","data":{"entries":[]}}\n{"source":${deep}}\n`;
    const loaded = readResult('x.json.journal', text);
    assert.equal(loaded.result, undefined);
    assert.ok(loaded.problems.length > 0);
    assert.doesNotMatch(loaded.problems.map((p) => p.message).join('\n'), /Maximum call stack/);
  });
});

describe('CSV files the tool writes', () => {
  it('map match: report cells that a spreadsheet would run as formulas are neutralised; rows map validate would reject are named', async () => {
    const { runCli } = await import('../../src/cli/main');
    const dir = folder();
    writeFileSync(
      path.join(dir, 'src.csv'),
      'userPrincipalName,displayName,mail,employeeId\r\n=1+1@contoso.com,"=HYPERLINK(""http://evil.example"",""x"")",a@contoso.com,E1\r\n+alice@contoso.com,@Alice,alice@contoso.com,E2\r\n',
    );
    writeFileSync(
      path.join(dir, 'tgt.csv'),
      'userPrincipalName,displayName,mail,employeeId\r\n=1+1@fabrikam.com,-x,a@fabrikam.com,E1\r\n+alice@fabrikam.com,Alice,alice@fabrikam.com,E2\r\n',
    );
    const lines: string[] = [];
    const code = await runCli(
      [
        'map',
        'match',
        '--source-users',
        'src.csv',
        '--target-users',
        'tgt.csv',
        '--source-tenant-id',
        '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03',
        '--out',
        'map.csv',
        '--report',
        'report.csv',
      ],
      { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: dir, now: new Date('2026-11-23T12:00:00Z') },
    );
    assert.equal(code, 0, lines.join('\n'));
    const report = readFileSync(path.join(dir, 'report.csv'), 'utf8').split('\r\n').slice(1).filter(Boolean);
    assert.ok(report.length >= 2);
    for (const line of report) for (const cell of line.split(',')) assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@]/, line);
    assert.match(report.join('\n'), /'=1\+1@contoso\.com/);
    assert.match(lines.join('\n'), /map\.csv:1:\d+: error: .*is not a user principal name/);
    assert.match(lines.join('\n'), /warning: \d+ problems? in the rows written \(from the exports\)/);
  });
});

describe("paths that leave the plan's folder", () => {
  const copyExample = async (edit: (plan: Record<string, unknown>) => void): Promise<string> => {
    const { EXAMPLE_DIR } = await import('../support/fixtures');
    const dir = folder();
    const plan = JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'onedrive-migration.json'), 'utf8')) as Record<string, unknown>;
    edit(plan);
    writeFileSync(path.join(dir, 'onedrive-migration.json'), JSON.stringify(plan, null, 2));
    writeFileSync(path.join(dir, 'identity-map.csv'), readFileSync(path.join(EXAMPLE_DIR, 'identity-map.csv')));
    return dir;
  };
  const cli = async (args: string[], cwd: string) => {
    const { runCli } = await import('../../src/cli/main');
    const lines: string[] = [];
    const code = await runCli(args, { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd, now: new Date('2026-11-23T12:00:00Z') });
    return { code, out: lines.join('\n') };
  };

  it('are told apart: absolute, drive letters, UNC, home, climbing out; plain names and sub-folders stay inside', async () => {
    const { staysInside, isPlainFileName } = await import('../../src/core/plan/planPaths');
    for (const ok of ['scripts', './results', 'a/b/../c', 'identity-map.csv', 'a\\b']) assert.equal(staysInside(ok), true, ok);
    for (const bad of ['/etc', '../x', 'a/../../x', 'C:\\Windows', 'c:x', '\\\\server\\share', '~/x', ''])
      assert.equal(staysInside(bad), false, bad);
    for (const bad of ['../x.csv', 'a/b.csv', 'C:x', '..', '', 'a\u0000b']) assert.equal(isPlainFileName(bad), false, bad);
    assert.equal(isPlainFileName('identity-map-uploaded-NAM-20261124.csv'), true);
  });

  it('the plan validates with a warning, and the CLI follows such a path only with --allow-outside', async () => {
    const dir = await copyExample((p) => (p.output = { scripts: '../../elsewhere/scripts', results: 'results' }));
    const { validatePlanText } = await import('../../src/core/plan/validatePlan');
    const v = validatePlanText(readFileSync(path.join(dir, 'onedrive-migration.json'), 'utf8'), {});
    assert.ok(v.problems.some((p) => p.code === 'plan.pathOutside' && p.severity === 'warning'));
    const refused = await cli(['scripts', 'onedrive-migration.json'], dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.out,
      /error: the scripts folder \(output\.scripts\) leads outside the plan's folder, to .*elsewhere[\\/]scripts\. Give --allow-outside to use it\./,
    );
    assert.ok(!existsSync(path.join(dir, '..', '..', 'elsewhere')));
    const allowed = await cli(['scripts', 'onedrive-migration.json', '--out', path.join(dir, 'here'), '--allow-outside'], dir);
    assert.equal(allowed.code, 0, allowed.out);
  });

  it('a results folder that is a link to somewhere else is refused too', async () => {
    const dir = await copyExample(() => undefined);
    const elsewhere = folder();
    symlinkSync(elsewhere, path.join(dir, 'results'));
    const r = await cli(['import', 'onedrive-migration.json', 'results'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /the results folder \(output\.results\) leads outside the plan's folder/);
  });

  it('an upload snapshot name that is a path is not recorded', () => {
    const text = JSON.stringify({
      schema: 'onedrive-migration-result',
      version: 1,
      kind: 'identityMapUpload',
      side: 'target',
      tenant: 'fabrikam',
      geography: 'NAM',
      adminUrl: 'https://fabrikam-admin.sharepoint.com',
      createdAt: '2026-11-22T08:00:00.000Z',
      data: { path: 'x', sha256: 'ab', rows: 3, snapshot: '../../../etc/passwd', spotChecks: [] },
    });
    const o = ingestResults(examplePlan(), [readResult('u.json', text)]);
    assert.deepEqual(o.plan.identityMapUploads?.NAM, { uploadedAt: '2026-11-22T08:00:00.000Z', sha256: 'ab', rows: 3 });
    assert.match(
      o.problems.map((p) => p.problem.message).join('\n'),
      /is not a plain file name in the results folder; it was not recorded/,
    );
  });
});

describe('found in review', () => {
  it('a sub-folder of the output that is a link elsewhere is not written through, and nothing is half-written', async () => {
    const out = folder();
    const elsewhere = folder();
    symlinkSync(elsewhere, path.join(out, 'source'));
    await assert.rejects(
      writeFilesAtomic(out, [
        { path: 'README.md', content: 'x' },
        { path: 'source/a.ps1', content: 'y' },
      ]),
      /is a link that leads outside/,
    );
    assert.deepEqual(readdirSync(elsewhere), []);
    assert.ok(!existsSync(path.join(out, 'README.md')));
  });

  it('engine text with line breaks is stored as one line, so the plan stays valid after the import', async () => {
    const { ingestResults } = await import('../../src/core/results/ingestResults');
    const { readResult } = await import('../../src/core/results/readResult');
    const { validatePlanText } = await import('../../src/core/plan/validatePlan');
    const { examplePlan } = await import('../support/fixtures');
    const entry = {
      sourceUserPrincipalName: 'isaiah.langer@contoso.com',
      targetUserPrincipalName: null,
      state: 'Failed',
      moveJobId: null,
      sourceSiteUrl: null,
      targetSiteUrl: null,
      timeStamp: null,
      error: 'MnAOdbUsersAreNotLicensed: not licensed.\r\nParameter name: x  ',
      partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
    };
    const text = JSON.stringify({
      schema: 'onedrive-migration-result',
      version: 1,
      kind: 'moveState',
      side: 'source',
      tenant: 'contoso',
      geography: 'NAM',
      adminUrl: 'https://contoso-admin.sharepoint.com',
      createdAt: '2026-11-22T08:00:00.000Z',
      data: { entries: [entry] },
    });
    const plan = ingestResults(examplePlan(), [readResult('m.json', text)]).plan;
    assert.equal(plan.moves!['isaiah.langer@contoso.com']!.error, 'MnAOdbUsersAreNotLicensed: not licensed. Parameter name: x');
    const v = validatePlanText(JSON.stringify(plan, null, 2), {});
    assert.deepEqual(
      v.problems.filter((p) => p.severity === 'error'),
      [],
    );
  });

  it('a user listed twice keeps the move under way, then Success, then the newest; cmdlet time stamps are not "from the future"', async () => {
    const { ingestResults } = await import('../../src/core/results/ingestResults');
    const { readResult } = await import('../../src/core/results/readResult');
    const { examplePlan } = await import('../support/fixtures');
    const e = (state: string, timeStamp: string | null) => ({
      sourceUserPrincipalName: 'isaiah.langer@contoso.com',
      targetUserPrincipalName: null,
      state,
      moveJobId: null,
      sourceSiteUrl: null,
      targetSiteUrl: null,
      timeStamp,
      error: null,
      partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
    });
    const file = (entries: unknown[]) =>
      readResult(
        'm.json',
        JSON.stringify({
          schema: 'onedrive-migration-result',
          version: 1,
          kind: 'moveState',
          side: 'source',
          tenant: 'contoso',
          geography: 'NAM',
          adminUrl: 'https://contoso-admin.sharepoint.com',
          createdAt: '2026-11-22T08:00:00.000Z',
          data: { entries },
        }),
      );
    const state = (entries: unknown[]) =>
      ingestResults(examplePlan(), [file(entries)], { now: new Date('2026-11-23T00:00:00Z') }).plan.moves!['isaiah.langer@contoso.com']!
        .state;
    assert.equal(state([e('Success', '2026-11-20T00:00:00Z'), e('Failed', '2026-11-10T00:00:00Z')]), 'Success');
    assert.equal(state([e('InProgress', '2026-11-21T00:00:00Z'), e('Success', '2026-11-20T00:00:00Z')]), 'InProgress');
    assert.equal(state([e('Failed', '2026-11-21T00:00:00Z'), e('Failed', '2026-11-10T00:00:00Z')]), 'Failed');
    // A cmdlet's own time stamp (e.g. a preferred begin in the future) does not make the file "from the future".
    assert.equal(state([e('Scheduled', '2027-01-01T00:00:00Z')]), 'Scheduled');
  });

  it('a journal line with a key twice is reported as such', async () => {
    const { readResult } = await import('../../src/core/results/readResult');
    const head = JSON.stringify({
      schema: 'onedrive-migration-result',
      version: 1,
      kind: 'queuedMoves',
      side: 'source',
      tenant: 'contoso',
      geography: 'NAM',
      adminUrl: 'https://contoso-admin.sharepoint.com',
      createdAt: '2026-11-22T08:00:00.000Z',
      data: {
        batch: 'b',
        partnerGeography: 'NAM',
        partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
        validationOnly: false,
        refused: null,
        pendingBefore: 0,
        entries: [],
      },
    });
    const loaded = readResult(
      'q.json.journal',
      `${head}\n{"source":"a@contoso.com","source":"b@contoso.com","target":"x","status":"queued","at":"2026-11-22T08:00:01Z","error":null}\n`,
    );
    assert.equal(loaded.result, undefined);
    assert.equal(loaded.problems[0]!.code, 'json.duplicateKey');
  });

  it('the rehearsal report renders no HTML, links or images from values', async () => {
    const { rehearsalMarkdown } = await import('../../src/rehearsal/rehearsalText');
    const { examplePlan } = await import('../support/fixtures');
    const md = rehearsalMarkdown({
      outcome: 'blocked',
      summary: 's',
      runs: [],
      problems: [{ where: '<img src=https://evil.example/x.png>', what: '[click](https://evil.example) **bold** `code`' }],
      moves: { total: 0, success: 0, failed: 0, pending: 0, failures: [] },
      simulatedStart: 'a',
      simulatedEnd: 'b',
      planFile: 'p',
      workDir: 'w',
      ms: 1,
      notes: [],
      ingest: {} as never,
      mapProblems: { count: 1, first: [{ line: 1, column: 1, severity: 'error', message: '![x](https://evil.example/y.png)' }] },
      views: { trusts: [], checklist: { done: 0, total: 0, problems: 0, items: [] } },
      pair: { calls: 0, serverMs: 0 },
      plan: examplePlan(),
    } as never);
    // Only escaped brackets remain: Markdown shows them as text, never as a link or an image.
    assert.doesNotMatch(md, /<img|(?<!\\)\]\(https|(?<!\\)!\\?\[x/);
    assert.match(md, /&lt;img src=https:\/\/evil\.example\/x\.png&gt;/);
    assert.match(md, /\\\[click\\\]\(https:\/\/evil\.example\) \\\*\\\*bold\\\*\\\* \\`code\\`/);
  });
});
