import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../support/fixtures';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every module a file imports: static imports, re-exports, require() and dynamic import(). */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Reading the wall clock: new Date() without an argument, Date.now(). */
const WALL_CLOCK = /new Date\(\s*\)|\bDate\.now\(\s*\)/;

const FORBIDDEN_IN_CORE = [/^vscode$/, /^(node:)?(fs|fs\/promises|child_process|http|https|net|os)$/, /^axios$/, /^@azure\/msal-node$/];

describe('architecture', () => {
  it('the import scanner sees every import form (so the rule below can fail)', () => {
    const sample = "import * as v from 'vscode';\nexport { x } from 'fs';\nconst a = require('child_process');\nvoid import('axios');";
    assert.deepEqual(importsOf(sample), ['vscode', 'fs', 'child_process', 'axios']);
  });

  it('src/core imports neither vscode nor I/O modules (it is pure and runs anywhere)', () => {
    const core = tsFiles(path.join(ROOT, 'src', 'core'));
    assert.ok(core.length > 20);
    const offences: string[] = [];
    for (const file of core) {
      for (const m of importsOf(readFileSync(file, 'utf8'))) {
        if (FORBIDDEN_IN_CORE.some((re) => re.test(m))) offences.push(`${path.relative(ROOT, file)} imports ${m}`);
        if (m.startsWith('.') && !path.resolve(path.dirname(file), m).startsWith(path.join(ROOT, 'src', 'core')))
          offences.push(`${path.relative(ROOT, file)} reaches outside core: ${m}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  it('the CLI does not import vscode either', () => {
    const offences = tsFiles(path.join(ROOT, 'src', 'cli'))
      .concat(tsFiles(path.join(ROOT, 'src', 'services')))
      .filter((f) => importsOf(readFileSync(f, 'utf8')).includes('vscode'));
    assert.deepEqual(offences, []);
  });

  it('the VS Code layer and the services read the wall clock only through the injected clock', () => {
    // Domain time comes from src/services/clock.ts (fixed in tests by ODM_TEST_NOW). Allowed:
    // new Date(value) (parsing) and performance.now() (durations).
    const allowed = new Set([
      'src/services/clock.ts',
      'src/vscode/identityMapEditor.ts: Date.now()' /* epoch ms for the editor benchmark */,
    ]);
    const files = [
      path.join(ROOT, 'src', 'extension.ts'),
      ...tsFiles(path.join(ROOT, 'src', 'vscode')),
      ...tsFiles(path.join(ROOT, 'src', 'services')),
    ];
    const offences = files.flatMap((file) => {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (allowed.has(rel)) return [];
      return [...readFileSync(file, 'utf8').matchAll(new RegExp(WALL_CLOCK, 'g'))]
        .map((m) => `${rel}: ${m[0]}`)
        .filter((o) => !allowed.has(o));
    });
    assert.deepEqual(offences, []);
    assert.deepEqual(
      ['x = new Date();', 'Date.now()', 'new Date(iso)'].map((t) => WALL_CLOCK.test(t)),
      [true, true, false],
      'the pattern can fail',
    );
  });
});
