import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChecklist, checklistProgress, rollUp, withManualTick, type ChecklistItem } from '../../src/core/checklist/checklist';
import { validatePlanRules } from '../../src/core/plan/validatePlan';
import { examplePlan } from '../support/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');
const find = (items: readonly ChecklistItem[], id: string): ChecklistItem => {
  for (const i of items) {
    if (i.id === id) return i;
    const inner =
      i.children &&
      (() => {
        try {
          return find(i.children, id);
        } catch {
          return undefined;
        }
      })();
    if (inner) return inner;
  }
  throw new Error(`no item ${id}`);
};

describe('checklist derived from the example plan', () => {
  const items = buildChecklist({ plan: examplePlan(), targetOneDriveChecks: [], now: NOW });

  it('has the prerequisites and the seven steps, each linked to its command', () => {
    assert.deepEqual(
      items.map((i) => i.title),
      [
        'Prerequisites',
        '1. Connect to the tenants',
        '2. Establish trust',
        '3. Verify trust',
        '4. Pre-create users and groups',
        '5. Identity map and compatibility',
        '6. Queue and monitor the moves',
        '7. Post-migration cleanup',
      ],
    );
    assert.equal(find(items, 'step6').command, 'onedriveMigration.step6Moves');
  });

  it('derives statuses: host URLs done, trusts per pair and side, dormant countdown, batches', () => {
    assert.equal(find(items, 'step1').status, 'done');
    assert.equal(find(items, 's2.source.APC>NAM').status, 'todo');
    assert.equal(find(items, 's2.target.EUR>EUR').status, 'done');
    assert.equal(find(items, 'step2').status, 'inProgress');
    assert.equal(find(items, 's3.NAM>NAM').status, 'done');
    const eur = find(items, 's3.EUR>EUR');
    assert.equal(eur.status, 'inProgress');
    assert.equal(eur.detail, 'Dormant: usable in 3d 23h');
    assert.equal(find(items, 's5.compat.NAM>NAM').status, 'done');
    assert.equal(find(items, 's5.upload.NAM').status, 'todo');
    const wave1 = find(items, 's6.Wave 1 - NAM pilot');
    assert.equal(wave1.status, 'problem');
    assert.equal(wave1.detail, '1/4 moved, 1 failed, 1 scheduled, 1 in progress');
    // The counts open to the users behind them: who failed and why first, who moved last.
    assert.deepEqual(
      wave1.people!.map((p) => [p.user, p.state, p.errorCode]),
      [
        ['diego.siciliani@contoso.com', 'Failed', 'MnAOdbUsersAreNotLicensed'],
        ['alex.wilber@contoso.com', 'InProgress', undefined],
        ['isaiah.langer@contoso.com', 'Scheduled', undefined],
        ['adele.vance@contoso.com', 'Success', undefined],
      ],
    );
    assert.deepEqual(
      find(items, 's6.Wave 2 - EUR').people!.map((p) => p.state),
      ['NotQueued', 'NotQueued', 'NotQueued', 'NotQueued'],
    );
    assert.equal(wave1.morePeople, undefined);
    // A big batch sends the users the view lists, failed first, and counts the rest.
    const big = examplePlan();
    big.batches![0]!.users.push(...Array.from({ length: 500 }, (_, i) => `extra${i}@contoso.com`));
    const bigWave = find(buildChecklist({ plan: big, targetOneDriveChecks: [], now: NOW }), 's6.Wave 1 - NAM pilot');
    assert.deepEqual([bigWave.people!.length, bigWave.morePeople, bigWave.people![0]!.state], [200, 304, 'Failed']);
    assert.equal(find(items, 'pre.licences').status, 'problem', 'a move failed for licensing');
    assert.equal(find(items, 'pre.apostrophes').status, 'done');
    assert.equal(find(items, 'pre.noTargetOneDrive').status, 'todo');
  });

  it('uses the no-target-OneDrive checks from the results', () => {
    const ok = buildChecklist({
      plan: examplePlan(),
      targetOneDriveChecks: [
        { geography: 'NAM', createdAt: '', checkedUsers: 12, conflicts: 0 },
        { geography: 'EUR', createdAt: '', checkedUsers: 12, conflicts: 0 },
      ],
      now: NOW,
    });
    assert.equal(find(ok, 'pre.noTargetOneDrive').status, 'done');
    const bad = buildChecklist({
      plan: examplePlan(),
      targetOneDriveChecks: [{ geography: 'NAM', createdAt: '', checkedUsers: 12, conflicts: 2 }],
      now: NOW,
    });
    assert.equal(find(bad, 'pre.noTargetOneDrive').status, 'problem');
  });

  it('manual items take a tick that is stored in the plan; derived ones refuse it', () => {
    const plan = withManualTick(examplePlan(), items, 'pre.holds', true, '2026-11-23T12:00:00Z');
    assert.deepEqual(plan.checklist, { 'pre.holds': { done: true, at: '2026-11-23T12:00:00Z' } });
    assert.deepEqual(validatePlanRules(plan), []);
    assert.equal(find(buildChecklist({ plan, targetOneDriveChecks: [], now: NOW }), 'pre.holds').status, 'done');
    assert.throws(() => withManualTick(plan, items, 's3.NAM>NAM', true, '2026-11-23T12:00:00Z'), /cannot be ticked by hand/);
    assert.throws(() => withManualTick(plan, items, 'nope', true, '2026-11-23T12:00:00Z'), /No checklist item/);
  });

  it('summarises progress over the leaves', () => {
    const p = checklistProgress(items);
    assert.ok(p.total > 25);
    assert.ok(p.done > 5 && p.done < p.total);
    assert.ok(p.problems >= 2);
  });

  it('rolls up: a problem wins, all done is done, anything started is in progress', () => {
    const leaf = (status: ChecklistItem['status']): ChecklistItem => ({ id: status, title: status, status, manual: false });
    assert.equal(rollUp([leaf('done'), leaf('problem')]), 'problem');
    assert.equal(rollUp([leaf('done'), leaf('done')]), 'done');
    assert.equal(rollUp([leaf('done'), leaf('todo')]), 'inProgress');
    assert.equal(rollUp([leaf('todo')]), 'todo');
    assert.equal(rollUp([]), 'todo');
  });
});
