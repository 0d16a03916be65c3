import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchProgress, describeBatchProgress } from '../../src/core/plan/batchProgress';
import { utcShort } from '../../src/core/text/utcShort';
import { batchSummary, migrationStatus } from '../../src/core/moves/batchSummary';
import { examplePlan } from '../support/fixtures';

describe('batch progress', () => {
  it('tells scheduled from in progress, and counts failures and users not queued yet', () => {
    const plan = examplePlan();
    const [wave1, wave2] = plan.batches!;
    assert.deepEqual(batchProgress(plan, wave1!), { users: 4, moved: 1, failed: 1, scheduled: 1, inProgress: 1, notQueued: 0 });
    assert.equal(describeBatchProgress(batchProgress(plan, wave1!)), '1/4 moved, 1 failed, 1 scheduled, 1 in progress');
    assert.equal(describeBatchProgress(batchProgress(plan, wave2!)), '0/4 moved', 'nothing queued: no "4 not queued"');
    plan.moves!['lena.muller@contoso.com'] = { state: 'Queued', updatedAt: '2026-11-22T00:00:00Z' };
    assert.equal(describeBatchProgress(batchProgress(plan, wave2!)), '0/4 moved, 1 scheduled, 3 not queued');
  });
});

describe('utcShort', () => {
  it('day, month and time in UTC; the year only when it is not the current one', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    assert.equal(utcShort('2026-12-05T22:00Z', now), '5 Dec 22:00');
    assert.equal(utcShort('2027-01-02T03:04:00Z', now), '2 Jan 2027 03:04');
    assert.equal(utcShort('not a time'), 'not a time');
  });
});

describe('batch summary (status, the Moves view)', () => {
  const NOW = new Date('2026-11-23T12:00:00Z');
  it('start, last change, pace and the projected finish of what is queued, from the move records', () => {
    const plan = examplePlan();
    const s = batchSummary(plan, plan.batches![0]!, NOW);
    assert.deepEqual([s.startedAt, s.lastChangeAt], ['2026-11-16T21:00:00Z', '2026-11-18T07:40:00Z']);
    // One success 34h 40m after the start: 1 / 34.67 moves per hour; two queued left → 69h 20m from now.
    assert.ok(Math.abs(s.movesPerHour! - 1 / (34 + 40 / 60)) < 1e-9);
    assert.equal(s.projectedFinish, '2026-11-26T09:20:00Z');
    assert.deepEqual(s.failures, [
      {
        user: 'diego.siciliani@contoso.com',
        errorCode: 'MnAOdbUsersAreNotLicensed',
        fix: 'Assign the licence to the source or the target user (either is enough), then queue the move again.',
      },
    ]);
    const untouched = batchSummary(plan, plan.batches![1]!, NOW);
    assert.deepEqual([untouched.startedAt, untouched.movesPerHour, untouched.projectedFinish], [undefined, undefined, undefined]);
  });

  it('the exit code: 1 with failures, 3 while moves are still to do, 0 when all are done', () => {
    const plan = examplePlan();
    assert.equal(migrationStatus(plan, NOW).exitCode, 1);
    plan.moves!['diego.siciliani@contoso.com']!.state = 'Success';
    assert.equal(migrationStatus(plan, NOW).exitCode, 3);
    plan.batches = [plan.batches![0]!];
    for (const m of Object.values(plan.moves!)) m.state = 'Success';
    assert.deepEqual([migrationStatus(plan, NOW).exitCode, migrationStatus(plan, NOW).total.moved], [0, 4]);
  });
});
