import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathsLeavingPlanFolder, type OutsidePath } from '../../src/services/pathConsent';
import { allowanceKey, allowanceRecord, describeOutside, isAllowed, questionId, roleOf } from '../../src/vscode/pathAllowance';
import { examplePlan } from '../support/fixtures';

const results: OutsidePath = { label: 'the results folder (output.results)', path: ['output', 'results'], resolved: '/srv/shared/results' };
const map: OutsidePath = { label: 'the identity map (identityMap)', path: ['identityMap'], resolved: '/home/admin/map.csv' };
const scripts: OutsidePath = { label: 'the scripts folder (output.scripts)', path: ['output', 'scripts'], resolved: '/srv/shared/scripts' };

describe("allowing a plan's paths outside its folder (VS Code)", () => {
  it('names the part of the plan each path is', () => {
    assert.deepEqual([results, map, scripts].map(roleOf), ['results', 'identityMap', 'scripts']);
  });

  it('remembers exactly the places allowed, sorted and without duplicates', () => {
    assert.deepEqual(allowanceRecord([results, map, results]), [
      { at: 'identityMap', resolved: '/home/admin/map.csv' },
      { at: 'output.results', resolved: '/srv/shared/results' },
    ]);
    assert.equal(allowanceKey('file:///w/onedrive-migration.json'), 'outsidePaths:file:///w/onedrive-migration.json');
  });

  it('an allowance covers the same paths (or fewer of them), never another path', () => {
    const stored = allowanceRecord([results, map]);
    assert.equal(isAllowed(stored, [results, map]), true);
    assert.equal(isAllowed(stored, [map]), true, 'one path less: each was allowed');
    assert.equal(isAllowed(stored, [results, map, scripts]), false, 'a new path asks again');
    assert.equal(
      isAllowed(stored, [{ ...results, resolved: '/srv/other' }]),
      false,
      'the same setting leading elsewhere (a new link) asks again',
    );
    assert.equal(
      isAllowed(stored, [{ ...scripts, resolved: results.resolved }]),
      false,
      'the results folder allowed is not allowed as the scripts folder',
    );
  });

  it('nothing outside needs no allowance; anything else read back from workspace state allows nothing', () => {
    assert.equal(isAllowed(undefined, []), true);
    for (const stored of [
      undefined,
      null,
      true,
      'output.results',
      {},
      [{ at: 'output.results' }],
      [{ at: 1, resolved: '/srv/shared/results' }],
      [['output.results', '/srv/shared/results']],
    ]) {
      assert.equal(isAllowed(stored, [results]), false, JSON.stringify(stored));
    }
    assert.equal(
      isAllowed([{ at: 'output.results', resolved: '/srv/shared/results', extra: 1 }], [results]),
      true,
      'extra properties are ignored',
    );
  });

  it('one question per plan and set of paths, whatever their order', () => {
    assert.equal(questionId('file:///a', [results, map]), questionId('file:///a', [map, results]));
    assert.notEqual(questionId('file:///a', [results]), questionId('file:///b', [results]));
    assert.notEqual(questionId('file:///a', [results]), questionId('file:///a', [results, map]));
  });

  it('describes each path and where it leads, control characters escaped and long paths cut', () => {
    assert.equal(
      describeOutside([results, map]),
      'the results folder (output.results) → /srv/shared/results; the identity map (identityMap) → /home/admin/map.csv',
    );
    const hostile = describeOutside([{ ...results, resolved: `/x\n\u001b[31m\u202e${'y'.repeat(400)}` }]);
    assert.doesNotMatch(hostile, /[\n\u001b\u202e]/);
    assert.match(hostile, /\\u000a\\u001b\[31m\\u202e/);
    assert.ok(hostile.length < 400 && hostile.endsWith('…'));
  });

  it('the paths it is given come with where the plan names them (written with .., or through a link)', async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odm-allow-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const planDir = path.join(dir, 'plan');
    mkdirSync(path.join(dir, 'elsewhere'), { recursive: true });
    mkdirSync(planDir);
    symlinkSync(path.join(dir, 'elsewhere'), path.join(planDir, 'linked'));
    const plan = { ...examplePlan(), output: { scripts: 'linked/scripts', results: '../outside-results' } };
    const outside = await pathsLeavingPlanFolder(path.join(planDir, 'onedrive-migration.json'), plan);
    assert.deepEqual(
      outside.map((o) => [roleOf(o), o.path, path.relative(dir, o.resolved)]),
      [
        ['scripts', ['output', 'scripts'], path.join('elsewhere', 'scripts')],
        ['results', ['output', 'results'], 'outside-results'],
      ],
    );
  });
});
