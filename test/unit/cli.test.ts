import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/main';
import { EXAMPLE_DIR, ROOT } from '../support/fixtures';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, now: new Date('2026-11-28T00:00:00Z') }); // after the fixtures' results (a result from the future is refused)
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'odm-cli-'));
  cpSync(EXAMPLE_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}scripts`) });
  return dir;
}

const PLAN = 'onedrive-migration.json';

describe('onedrive-migration validate', () => {
  it('exits 0 on the example', async () => {
    const r = await run(['validate', PLAN], workspace());
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /onedrive-migration\.json: valid\./);
    assert.match(r.out, /identity-map\.csv: 15 rows/);
  });

  it('exits 1 and prints file:line:col: error: … for an invalid plan', async () => {
    const dir = workspace();
    const text = readFileSync(path.join(dir, PLAN), 'utf8').replace('"code": "APC"', '"code": "ASIA"');
    writeFileSync(path.join(dir, PLAN), text);
    const r = await run(['validate', PLAN], dir);
    assert.equal(r.code, 1);
    const line = text.split('\n').findIndex((l) => l.includes('"ASIA"')) + 1;
    assert.match(r.err, new RegExp(`^onedrive-migration\\.json:${line}:\\d+: error: 'ASIA' is not an accepted value\\.`, 'm'));
    assert.match(r.err, /hint: Accepted values: APC, ARE/);
    assert.match(r.err, /1 error; fix the plan first/);
  });

  it('exits 1 for a missing file and 64 for bad usage', async () => {
    const dir = workspace();
    const missing = await run(['validate', 'nope.json'], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.json: error: file not found/);
    assert.equal((await run(['validate'], dir)).code, 64);
    assert.equal((await run([], dir)).code, 64);
    const unknown = await run(['deploy'], dir);
    assert.equal(unknown.code, 64);
    assert.match(unknown.err, /Unknown command 'deploy'/);
  });
});

describe('onedrive-migration scripts', () => {
  it("writes every script into the plan's scripts folder and says where", async () => {
    const dir = workspace();
    const r = await run(['scripts', PLAN], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Wrote 70 files to scripts\//m);
    assert.match(r.out, /source\/ \(source admin\): 45 files/);
    assert.ok(existsSync(path.join(dir, 'scripts', 'target', '05-upload-identity-map-EUR.ps1')));
    const script = readFileSync(path.join(dir, 'scripts', 'source', '01-connect-NAM.ps1'));
    assert.deepEqual([...script.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'scripts carry a UTF-8 BOM');
    assert.deepEqual(
      readdirSync(path.join(dir, 'scripts')).filter((n) => n.startsWith('.')),
      [],
      'no staging folder left',
    );
  });

  it('--step, --side and --out choose what and where', async () => {
    const dir = workspace();
    const r = await run(['scripts', PLAN, '--step', '2', '--side', 'target', '--out', 'handoff'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(path.join(dir, 'handoff', 'target')).sort(), ['02-request-trust-EUR.ps1', '02-request-trust-NAM.ps1']);
    assert.ok(!existsSync(path.join(dir, 'handoff', 'source')));
    const script = readFileSync(path.join(dir, 'handoff', 'target', '02-request-trust-NAM.ps1'), 'utf8');
    assert.match(script, /'\.\.\/\.\.\/results'/, 'results path relative to the chosen folder');
    assert.equal((await run(['scripts', PLAN, '--step', '9'], dir)).code, 64);
    assert.equal((await run(['scripts', PLAN, '--side', 'both'], dir)).code, 64);
  });

  it('--batch, --action and --geography narrow the selection; unknown ones are bad usage', async () => {
    const dir = workspace();
    const r = await run(
      [
        'scripts',
        PLAN,
        '--step',
        '6',
        '--batch',
        'Wave 2 - EUR',
        '--action',
        'queueBatch,exportMoveStates',
        '--geography',
        'eur',
        '--out',
        'w2',
      ],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(path.join(dir, 'w2', 'source')).sort(), [
      '06-export-move-state-EUR.ps1',
      '06-queue-wave-2-eur.csv',
      '06-queue-wave-2-eur.ps1',
    ]);
    assert.deepEqual(readdirSync(path.join(dir, 'w2', 'target')).sort(), ['06-export-move-state-EUR.ps1']);
    const unknownBatch = await run(['scripts', PLAN, '--batch', 'Wave 9'], dir);
    assert.equal(unknownBatch.code, 64);
    assert.match(
      unknownBatch.err,
      /--batch 'Wave 9' is not a batch of the plan \('Wave 1 - NAM pilot', 'Wave 2 - EUR', 'Wave 3 - APC to NAM'\)/,
    );
    const unknownAction = await run(['scripts', PLAN, '--action', 'queue'], dir);
    assert.equal(unknownAction.code, 64);
    assert.match(unknownAction.err, /--action must be one of connect, requestTrust, .* not 'queue'/);
  });

  it('writes nothing for an invalid plan', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, PLAN), '{ "version": 2 }');
    const r = await run(['scripts', PLAN], dir);
    assert.equal(r.code, 1);
    assert.ok(!existsSync(path.join(dir, 'scripts')));
  });

  it('a failed write leaves the previous scripts exactly as they were', async () => {
    const dir = workspace();
    const out = path.join(dir, 'scripts');
    mkdirSync(path.join(out, 'source'), { recursive: true });
    writeFileSync(path.join(out, 'source', '01-connect-NAM.ps1'), 'old');
    mkdirSync(path.join(out, 'source', '02-request-trust-NAM.ps1')); // a folder where a file must go
    const r = await run(['scripts', PLAN], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^error: /m);
    assert.equal(readFileSync(path.join(out, 'source', '01-connect-NAM.ps1'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(path.join(out, 'source')).sort(), ['01-connect-NAM.ps1', '02-request-trust-NAM.ps1']);
    assert.deepEqual(
      readdirSync(out).filter((n) => n.startsWith('.')),
      [],
    );
  });

  it('rolls back files already replaced when a later one cannot be written', async () => {
    const dir = workspace();
    const out = path.join(dir, 'scripts');
    mkdirSync(path.join(out, 'source'), { recursive: true });
    writeFileSync(path.join(out, 'source', '01-connect-NAM.ps1'), 'old');
    writeFileSync(path.join(out, 'target'), 'a file where the target folder must go');
    const r = await run(['scripts', PLAN], dir);
    assert.equal(r.code, 1);
    assert.equal(readFileSync(path.join(out, 'source', '01-connect-NAM.ps1'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(path.join(out, 'source')), ['01-connect-NAM.ps1']);
    assert.deepEqual(readdirSync(out).sort(), ['source', 'target']);
  });

  it('reports scripts it cannot generate yet', async () => {
    const dir = workspace();
    const text = readFileSync(path.join(dir, PLAN), 'utf8').replace(', "hostUrl": "https://fabrikameur-my.sharepoint.com"', '');
    writeFileSync(path.join(dir, PLAN), text);
    const r = await run(['scripts', PLAN], dir);
    assert.equal(r.code, 0);
    assert.match(r.err, /warning: not generated: step 2 source EUR: Host URL of target geography EUR \(fabrikam\) is not in the plan yet/);
  });
});

describe('onedrive-migration import', () => {
  it('folds results into the plan atomically, keeping unknown fields', async () => {
    const dir = workspace();
    const text = readFileSync(path.join(dir, PLAN), 'utf8').replace('"version": 1,', '"version": 1,\n  "changeTicket": "CHG-1234",');
    writeFileSync(path.join(dir, PLAN), text);
    const fixture = path.join(ROOT, 'test/fixtures/results/target-EUR-trustVerification-20261127T120001123Z.json');
    const r = await run(['import', PLAN, fixture], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /trust EUR → EUR, target side: verified GoodToProceed/);
    const plan = JSON.parse(readFileSync(path.join(dir, PLAN), 'utf8'));
    assert.equal(plan.trusts[1].target.lastResult, 'GoodToProceed');
    assert.equal(plan.changeTicket, 'CHG-1234');
    const again = await run(['import', PLAN, fixture], dir);
    assert.match(again.out, /is up to date/);
  });

  it('exits 2 on a conflict and leaves the plan unchanged', async () => {
    const dir = workspace();
    const before = readFileSync(path.join(dir, PLAN), 'utf8');
    const r = await run(['import', PLAN, path.join(ROOT, 'test/fixtures/results/source-NAM-hostUrl-conflict.json')], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /source-NAM-hostUrl-conflict\.json:11:\d+: warning: Host URL https:\/\/contosonew-my\.sharepoint\.com differs/);
    assert.equal(readFileSync(path.join(dir, PLAN), 'utf8'), before);
  });

  it('exits 1 on a malformed result, and imports whole folders', async () => {
    const dir = workspace();
    const r = await run(['import', PLAN, path.join(ROOT, 'test/fixtures/results')], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /malformed\.json:12:\d+: error: Missing required property 'partnerHostUrl'/);
    assert.match(r.out, /verified GoodToProceed/, 'the valid files are still imported');
  });
});

describe('onedrive-migration explain', () => {
  it('explains a code, case-insensitively, with the step to go back to', async () => {
    const r = await run(['explain', 'mnaodbusersarenotlicensed'], ROOT);
    assert.equal(r.code, 0);
    assert.match(r.out, /^MnAOdbUsersAreNotLicensed\n {2}What it means: .*licence/);
    assert.match(r.out, /Go back to: {4}step 6 \(Queue and monitor the moves\)/);
  });

  it('finds the code inside a pasted error message', async () => {
    const r = await run(['explain', 'Start-SPOCrossTenantUserContentMove : The target tenant has a conflict for the site provided'], ROOT);
    assert.equal(r.code, 0);
    assert.match(r.out, /^MnASiteMoveTargetUrlHasWriteConflict/);
  });

  it('exits 1 for an unknown code, suggesting near ones', async () => {
    const r = await run(['explain', 'MnAOdbUsersAreNot'], ROOT);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown error code 'MnAOdbUsersAreNot'\. Did you mean MnAOdbUsersAreNotLicensed\?/);
  });
});

describe('the binary', () => {
  it('runs as a process: exit code and stderr', () => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/index.ts'), 'explain', 'nothing-like-this'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(p.status, 1);
    assert.match(p.stderr, /unknown error code 'nothing-like-this'/);
  });
});

describe('the CLI in a terminal and a pipeline: --help, --version, --json', () => {
  it('every command answers --help with its options and an example, exit 0', async () => {
    const dir = workspace();
    for (const [args, usage] of [
      [['validate', '--help'], 'onedrive-migration validate <plan>'],
      [['scripts', '-h'], 'onedrive-migration scripts <plan>'],
      [['import', '--help'], 'onedrive-migration import <plan>'],
      [['explain', '--help'], 'onedrive-migration explain'],
      [['rehearse', '--help'], 'onedrive-migration rehearse <plan>'],
      [['status', '--help'], 'onedrive-migration status <plan>'],
      [['map', 'validate', '--help'], 'onedrive-migration map validate <identity-map.csv>'],
      [['map', 'match', '--help'], 'onedrive-migration map match --source-users'],
    ] as const) {
      const r = await run([...args], dir);
      assert.equal(r.code, 0, args.join(' '));
      assert.ok(r.out.startsWith(`Usage: ${usage}`), `${args.join(' ')}: ${r.out.slice(0, 80)}`);
      assert.match(r.out, /\nExample:\n {2}onedrive-migration /, args.join(' '));
    }
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await run(['--version'], workspace());
    assert.deepEqual([r.code, r.out], [0, `onedrive-migration ${version}`]);
  });

  it('validate --json: one JSON document on stdout, the same exit codes', async () => {
    const dir = workspace();
    const ok = await run(['validate', PLAN, '--json'], dir);
    assert.equal(ok.code, 0);
    const good = JSON.parse(ok.out) as { valid: boolean; problems: unknown[]; identityMap: { rows: number } };
    assert.deepEqual([good.valid, good.problems, good.identityMap.rows], [true, [], 15]);
    writeFileSync(path.join(dir, PLAN), readFileSync(path.join(dir, PLAN), 'utf8').replace('"code": "APC"', '"code": "ASIA"'));
    const bad = await run(['validate', PLAN, '--json'], dir);
    assert.equal(bad.code, 1);
    const report = JSON.parse(bad.out) as {
      valid: boolean;
      problems: Array<{ severity: string; code: string; line: number; path: string }>;
    };
    assert.equal(report.valid, false);
    assert.deepEqual(
      report.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.path]),
      [['schema.enum', '$.source.geographies[2].code']],
    );
    assert.ok(report.problems[0]!.line > 1);
    assert.match(bad.err, /1 error; fix the plan first/, 'the human lines go to stderr');
  });

  it('import --json: the changes and problems; a conflict still exits 2', async () => {
    const dir = workspace();
    const file = path.join(ROOT, 'test/fixtures/results/target-EUR-trustVerification-20261127T120001123Z.json');
    const r = await run(['import', PLAN, file, '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as { updated: boolean; changes: Array<{ description: string }> };
    assert.equal(report.updated, true);
    assert.match(report.changes[0]!.description, /verified GoodToProceed/);
    const conflicting = path.join(dir, 'conflict.json');
    writeFileSync(
      conflicting,
      JSON.stringify({
        schema: 'onedrive-migration-result',
        version: 1,
        kind: 'hostUrl',
        side: 'source',
        tenant: 'contoso',
        geography: 'NAM',
        adminUrl: 'https://contoso-admin.sharepoint.com',
        createdAt: '2026-11-22T08:00:00.000Z',
        data: { hostUrl: 'https://other-my.sharepoint.com' },
      }),
    );
    const conflict = await run(['import', PLAN, conflicting, '--json'], dir);
    const doc = JSON.parse(conflict.out) as { updated: boolean; problems: Array<{ code: string; file: string }> };
    assert.equal(conflict.code, 2, conflict.err);
    assert.deepEqual([doc.updated, doc.problems.map((p) => [p.code, p.file])], [false, [['results.conflict', 'conflict.json']]]);
  });

  it('map validate --json, and values from files come out as exact, ASCII-only JSON', async () => {
    const dir = workspace();
    const map = path.join(dir, 'identity-map.csv');
    writeFileSync(
      map,
      readFileSync(map, 'utf8') +
        'User,7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03,evil\u001b[2J\u2028@contoso.com,x@fabrikam.com,x@fabrikam.com,RegularUser\r\n',
    );
    const r = await run(['map', 'validate', 'identity-map.csv', '--json'], dir);
    assert.match(r.out, /^[\x20-\x7e\n]*$/, 'only printable ASCII reaches the terminal');
    const doc = JSON.parse(r.out) as { rows: number; errors: number; problems: Array<{ message: string }> };
    assert.equal(doc.rows, 16);
    assert.ok(doc.errors >= 1);
    assert.ok(
      doc.problems.some((p) => p.message.includes('evil\u001b[2J\u2028@contoso.com')),
      'the value is exact once parsed',
    );
  });
});

describe('onedrive-migration status', () => {
  it('per batch: counts, start, last change, pace and the failed users with the fix; exit 1 with failures', async () => {
    const r = await run(['status', PLAN], workspace());
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /^onedrive-migration\.json: 3 batches, 10 users: 1\/10 moved, 1 failed, 1 scheduled, 1 in progress, 6 not queued\.$/m,
    );
    assert.match(r.out, /^Wave 1 - NAM pilot \(NAM → NAM\): 1\/4 moved, 1 failed, 1 scheduled, 1 in progress$/m);
    assert.match(
      r.out,
      /^ {2}started 16 Nov 21:00 UTC · last change 18 Nov 07:40 UTC · 0\.03 moves\/hour · queued moves done about \d+ \w+ \d\d:\d\d UTC$/m,
    );
    assert.match(r.out, /^Wave 2 - EUR \(EUR → EUR\): 0\/4 moved\n {2}not started$/m);
    assert.match(r.out, /diego\.siciliani@contoso\.com \(Wave 1 - NAM pilot\): MnAOdbUsersAreNotLicensed: Assign the licence/);
  });

  it('exit 3 while moves are still to do, 0 when every one is done; --json has the same numbers', async () => {
    const dir = workspace();
    const file = path.join(dir, PLAN);
    const plan = JSON.parse(readFileSync(file, 'utf8')) as {
      moves: Record<string, { state: string }>;
      batches: Array<{ users: unknown[] }>;
    };
    plan.moves['diego.siciliani@contoso.com']!.state = 'Success';
    writeFileSync(file, JSON.stringify(plan, null, 2));
    const running = await run(['status', PLAN, '--json'], dir);
    assert.equal(running.code, 3);
    const doc = JSON.parse(running.out) as { exitCode: number; total: { moved: number; failed: number }; batches: Array<{ name: string }> };
    assert.deepEqual([doc.exitCode, doc.total.moved, doc.total.failed, doc.batches.length], [3, 2, 0, 3]);
    for (const m of Object.values(plan.moves)) m.state = 'Success';
    plan.batches = [plan.batches[0]!];
    writeFileSync(file, JSON.stringify(plan, null, 2));
    const done = await run(['status', PLAN], dir);
    assert.equal(done.code, 0, done.out);
    assert.match(done.out, /Every move is done\./);
  });
});

describe('onedrive-migration report', () => {
  it('writes the HTML page and the CSV from the plan and its results folder, without changing the plan', async () => {
    const dir = workspace();
    const before = readFileSync(path.join(dir, PLAN), 'utf8');
    const r = await run(['report', PLAN, '--html', 'out/report.html', '--csv', 'out/moves.csv'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^Wrote out\/report\.html \(\d+ KB\) and out\/moves\.csv: 3 batches, 10 users, 1 moved, 1 failed, from 4 result files\.$/,
    );
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    assert.match(html, /<h2>Over time<\/h2><figure><svg/);
    assert.match(html, /0\.03/, 'the pace as status prints it');
    assert.doesNotMatch(html, /<script/i);
    const csv = readFileSync(path.join(dir, 'out', 'moves.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFFUser,'), 'a BOM for Excel');
    assert.equal(csv.trimEnd().split('\r\n').length, 11);
    assert.equal(readFileSync(path.join(dir, PLAN), 'utf8'), before);
  });

  it('asks for an output, and refuses a threshold that is not a number of hours', async () => {
    assert.equal((await run(['report', PLAN], workspace())).code, 64);
    const bad = await run(['report', PLAN, '--html', 'r.html', '--stuck-after', 'soon'], workspace());
    assert.equal(bad.code, 64);
    assert.match(bad.err, /--stuck-after takes a number of hours above 0, not 'soon'/);
  });
});
