/**
 * The CLI's output under hostile files (issue 9, "Files the tool writes or reads"): control
 * characters from result files and plans never reach the terminal raw and cannot forge lines, a
 * reader that goes away is not a crash, JSON nested thousands deep is a located error, and a
 * folder given as a file is named as such.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runCli } from '../../src/cli/main';
import { escapeControls, oneLine, shown } from '../../src/cli/cliSupport';
import { EXAMPLE_DIR, ROOT } from '../support/fixtures';

const PLAN = 'onedrive-migration.json';
const NOW = new Date('2026-11-28T00:00:00Z'); // after the results' createdAt (a result from the future is refused)

/** Every character the CLI must never print raw (the line feed is allowed only between lines). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, now: NOW });
  const lines = [...out, ...err].flatMap((l) => l.split('\n'));
  return { code, out: out.join('\n'), err: err.join('\n'), lines };
}

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'odm-hostile-cli-'));
  cpSync(EXAMPLE_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}scripts`) });
  return dir;
}

/** A failed trust request from the source's NAM admin whose error text is `error`. */
function trustRequestResult(error: string): string {
  return JSON.stringify(
    {
      schema: 'onedrive-migration-result',
      version: 1,
      kind: 'trustRequest',
      side: 'source',
      tenant: 'contoso',
      geography: 'NAM',
      adminUrl: 'https://contoso-admin.sharepoint.com',
      createdAt: '2026-11-24T08:00:00Z',
      data: {
        pairs: [
          {
            partnerGeography: 'NAM',
            partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
            requestedAt: '2026-11-24T08:00:00Z',
            ok: false,
            error,
          },
        ],
      },
    },
    null,
    2,
  );
}

function assertNoRawControls(lines: readonly string[]): void {
  for (const line of lines) assert.doesNotMatch(line, RAW_CONTROL, `raw control character in ${JSON.stringify(line)}`);
}

const HOSTILE = '\u001b[2J\u001b[H\r\nGoodToProceed\u0007\b\u0000\u0085\u2028\u2029\u202eevil\u2066x\u2069';

describe('control characters from files are printed as visible escapes', () => {
  it('import: escape sequences in a result error text never reach the output raw', async () => {
    const dir = workspace();
    const before = readFileSync(path.join(dir, PLAN), 'utf8');
    writeFileSync(path.join(dir, 'r.json'), trustRequestResult(HOSTILE));
    const r = await run(['import', PLAN, 'r.json'], dir);
    assert.equal(r.code, 0, r.err);
    assertNoRawControls(r.lines);
    assert.ok(
      r.err.includes('failed: \\x1b[2J\\x1b[H\\x0d\\x0aGoodToProceed\\x07\\x08\\x00\\x85\\u2028\\u2029\\u202eevil\\u2066x\\u2069'),
      r.err,
    );
    assert.equal(readFileSync(path.join(dir, PLAN), 'utf8'), before, 'a failed request changes nothing');
  });

  it('CR/LF in values cannot forge a line: not in an error text, a file name or a JSON key', async () => {
    const dir = workspace();
    const forged = 'onedrive-migration.json:1:1: error: forged';
    writeFileSync(path.join(dir, 'r.json'), trustRequestResult(`x\r\n${forged}\rGoodToProceed`));
    mkdirSync(path.join(dir, 'results-in'));
    writeFileSync(path.join(dir, 'results-in', `evil\nGoodToProceed.json`), trustRequestResult('boom'));
    const imported = await run(['import', PLAN, 'r.json', 'results-in'], dir);
    assertNoRawControls(imported.lines);
    assert.ok(!imported.lines.some((l) => l.startsWith(forged) || l.startsWith('GoodToProceed')), imported.lines.join('\n'));
    assert.match(imported.err, /failed: x\\x0d\\x0aonedrive-migration\.json:1:1: error: forged\\x0dGoodToProceed/);
    assert.match(imported.err, /evil\\x0aGoodToProceed\.json:\d+:\d+: info: Trust request to NAM failed: boom/);

    // A key with a line break in the plan (a near-typo of "trusts": a warning that echoes it).
    const text = readFileSync(path.join(dir, PLAN), 'utf8').replace('"version": 1,', '"version": 1,\n  "trust\\ns\\r": [],');
    writeFileSync(path.join(dir, PLAN), text);
    const validated = await run(['validate', PLAN], dir);
    assertNoRawControls(validated.lines);
    assert.match(validated.err, /Unknown property 'trust\\x0as\\x0d'/);
    assert.ok(!validated.lines.some((l) => /^s\\?r?'/.test(l)), validated.err);
  });

  it('arguments are escaped too, and long values are cut with their length', async () => {
    const dir = workspace();
    const r = await run(['explain', `\u001b]0;pwned\u0007${'A'.repeat(5000)}`], dir);
    assert.equal(r.code, 1);
    assertNoRawControls(r.lines);
    assert.match(r.err, /unknown error code '\\x1b\]0;pwned\\x07A+… \(5,010 characters\)'/);
    assert.ok(r.err.split('\n')[0]!.length < 400, 'the 5,000-character value is not echoed whole');

    writeFileSync(path.join(dir, 'r.json'), trustRequestResult(`${'word '.repeat(2000)}end`));
    const imported = await run(['import', PLAN, 'r.json'], dir);
    const line = imported.lines.find((l) => l.includes('Trust request to NAM failed'))!;
    assert.ok(line.length < 1000, `${line.length} characters`);
    assert.match(line, /… \([\d,]+ characters\)/);
  });

  it('the helpers: one readable format, cut values keep surrogate pairs whole', () => {
    assert.equal(escapeControls('a\u001bb\nc\u2028'), 'a\\x1bb\\x0ac\\u2028');
    assert.equal(escapeControls('a\u001bb\nc', true), 'a\\x1bb\nc');
    assert.equal(shown('é'.repeat(300)), `${'é'.repeat(200)}… (300 characters)`);
    assert.equal(shown(`${'a'.repeat(199)}😀tail`), `${'a'.repeat(199)}… (205 characters)`);
    assert.equal(oneLine(`'${'q'.repeat(300)}' is not valid.\nnext`), `'${'q'.repeat(200)}… (300 characters)' is not valid.\\x0anext`);
  });

  it('property: whatever control characters a result error text holds, no output line carries one raw', async () => {
    const dir = workspace();
    const before = readFileSync(path.join(dir, PLAN), 'utf8');
    const control = fc.constantFrom(
      ...'\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0080\u0085\u009b\u009f\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'.split(
        '',
      ),
    );
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      control,
      fc.constantFrom('\u001b[2J', '\u001b[1A\u001b[K', '\r\nGoodToProceed', '\u001b]8;;file:///etc\u0007'),
    );
    const errorText = fc.tuple(control, fc.array(piece, { maxLength: 12 })).map(([c, rest]) => [c, ...rest].join(''));
    await fc.assert(
      fc.asyncProperty(errorText, async (error) => {
        writeFileSync(path.join(dir, 'r.json'), trustRequestResult(error));
        const r = await run(['import', PLAN, 'r.json'], dir);
        assert.equal(r.code, 0, r.err);
        assert.ok(
          r.lines.some((l) => l.includes('Trust request to NAM failed')),
          'the error text is reported',
        );
        assertNoRawControls(r.lines);
        assert.ok(!r.lines.some((l) => l.startsWith('GoodToProceed')));
      }),
      { numRuns: 60 },
    );
    assert.equal(readFileSync(path.join(dir, PLAN), 'utf8'), before);
  });
});

/** Runs the CLI binary from sources; `reader` decides when to stop reading its stdout. */
function spawnCli(
  args: string[],
  reader: 'first line' | 'never',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (reader === 'never')
      child.stdout.destroy(); // closed before the CLI has even started: its first write meets EPIPE
    else
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) child.stdout.destroy(); // like `| head -1`
      });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('a reader that goes away (validate … | head -1)', () => {
  const args = ['validate', 'examples/contoso-to-fabrikam/onedrive-migration.json'];

  it("a reader that closes after the first line: the line arrives, no stack trace, the command's own exit code", async () => {
    const r = await spawnCli(args, 'first line');
    assert.match(r.stdout, /^examples\/contoso-to-fabrikam\/onedrive-migration\.json: valid/);
    assert.doesNotMatch(r.stderr, /Error|EPIPE|\n\s+at /, r.stderr);
    assert.equal(r.code, 0, r.stderr);
  });

  it("a reader that is gone before the first write: EPIPE is quiet and the exit code is still the command's", async () => {
    const r = await spawnCli(args, 'never');
    assert.doesNotMatch(r.stderr, /Error|EPIPE|\n\s+at /, r.stderr);
    assert.equal(r.signal, null);
    assert.equal(r.code, 0, r.stderr);
    const failing = await spawnCli(['validate', 'examples/contoso-to-fabrikam/no-such-plan.json'], 'never');
    assert.doesNotMatch(failing.stderr, /Error|\n\s+at /, failing.stderr);
    assert.match(failing.stderr, /no-such-plan\.json: error: file not found/);
    assert.equal(failing.code, 1);
  });
});

describe('JSON nested thousands deep', () => {
  const DEPTH = 6000;
  /** Line and column of the bracket that opens level 101 (1-based). */
  function positionOf(text: string, offset: number): string {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before.at(-1)!.length + 1}`;
  }
  function offsetOfLevel(text: string, level: number): number {
    let depth = 0;
    for (let i = 0; i < text.length; i++) if ((text[i] === '[' || text[i] === '{') && ++depth === level) return i;
    return -1;
  }

  it('as a plan (objects, arrays, and deep inside an unknown property): a located error, exit 1', async () => {
    const dir = workspace();
    const plans = {
      'objects.json': `{\n  "version": 1,\n  "name": ${'{"a": '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n}`,
      'arrays.json': '['.repeat(DEPTH) + ']'.repeat(DEPTH),
      'unknown.json': readFileSync(path.join(dir, PLAN), 'utf8').replace(
        '"version": 1,',
        `"version": 1,\n  "x": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)},`,
      ),
      'broken.json': `{"version": 1, "x": ${'['.repeat(DEPTH)}`, // not even valid JSON: still located, no crash
    };
    for (const [name, text] of Object.entries(plans)) {
      writeFileSync(path.join(dir, name), text);
      const r = await run(['validate', name], dir);
      assert.equal(r.code, 1, name);
      assert.doesNotMatch(r.err, /Maximum call stack/, name);
      const where = positionOf(text, offsetOfLevel(text, 101));
      assert.ok(r.err.includes(`${name}:${where}: error: Arrays and objects are nested deeper than 100 levels here.`), `${name}: ${r.err}`);
    }
  });

  it('as a result file: a located error, exit 1, the other results still imported', async () => {
    const dir = workspace();
    const deep = trustRequestResult('x').replace(
      '"ok": false',
      `"ok": false,\n      "extra": ${'{"v": ['.repeat(DEPTH / 2)}0${']}'.repeat(DEPTH / 2)}`,
    );
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'deep.json'), deep);
    writeFileSync(path.join(dir, 'in', 'fine.json'), trustRequestResult('the good one'));
    const r = await run(['import', PLAN, 'in'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, /Maximum call stack/);
    const where = positionOf(deep, offsetOfLevel(deep, 101));
    assert.ok(
      r.err.includes(`${path.join('in', 'deep.json')}:${where}: error: Arrays and objects are nested deeper than 100 levels here.`),
      r.err,
    );
    assert.match(r.err, /fine\.json:\d+:\d+: info: Trust request to NAM failed: the good one/);
  });

  it('as a scenario file for rehearse: a located error before anything runs', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'scenario.json'), `{"cmdletFaults": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);
    const r = await run(['rehearse', PLAN, '--scenario', 'scenario.json'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, /Maximum call stack/);
    assert.match(r.err, /^scenario\.json:1:117: error: Arrays and objects are nested deeper than 100 levels here\./m);
  });
});

describe('a folder where a file is read', () => {
  it('as the plan, the map, a CSV export or the scenario: "<path>: error: is a folder, not …", exit 1', async () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'a-folder.json'));
    mkdirSync(path.join(dir, 'results'), { recursive: true }); // the example has one (its redirect-site inventory)
    const cases: Array<[string[], RegExp]> = [
      [['validate', 'a-folder.json'], /^a-folder\.json: error: is a folder, not a plan file\.$/m],
      [['import', 'a-folder.json', 'results'], /^a-folder\.json: error: is a folder, not a plan file\.$/m],
      [['scripts', 'results'], /^results: error: is a folder, not a plan file\.$/m],
      [['map', 'validate', 'a-folder.json'], /^a-folder\.json: error: is a folder, not an identity map \(CSV file\)\.$/m],
      [['map', 'validate', 'identity-map.csv', '--plan', 'a-folder.json'], /^a-folder\.json: error: is a folder, not a plan file\.$/m],
      [
        [
          'map',
          'match',
          '--source-users',
          'a-folder.json',
          '--target-users',
          'a-folder.json',
          '--source-tenant-id',
          '11111111-2222-3333-4444-555555555555',
          '--out',
          'out.csv',
        ],
        /^a-folder\.json: error: is a folder, not a CSV file\.$/m,
      ],
      [['rehearse', PLAN, '--scenario', 'a-folder.json'], /^a-folder\.json: error: is a folder, not a scenario file\.$/m],
    ];
    for (const [args, expected] of cases) {
      const r = await run(args, dir);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.err, expected, `${args.join(' ')}: ${r.err}`);
      assert.doesNotMatch(r.err, /EISDIR/);
    }
  });
});
