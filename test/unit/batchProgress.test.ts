import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchProgress, describeBatchProgress } from '../../src/core/plan/batchProgress';
import { utcShort } from '../../src/core/text/utcShort';
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
