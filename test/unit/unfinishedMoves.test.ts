import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unfinishedMoves } from '../../src/core/plan/unfinishedMoves';
import { examplePlan } from '../support/fixtures';

describe('unfinished moves (what a trust removal would stop)', () => {
  it('counts batch users by their move: pending moves are in progress, failed and never-queued ones not moved, successes neither', () => {
    const plan = examplePlan();
    // NAM → NAM: adele Success, alex InProgress, isaiah Scheduled, diego Failed.
    assert.deepEqual(unfinishedMoves(plan, { sourceGeography: 'NAM', targetGeography: 'NAM' }), { inProgress: 2, notMoved: 1 });
    assert.deepEqual(unfinishedMoves(plan, { sourceGeography: 'EUR', targetGeography: 'EUR' }), { inProgress: 0, notMoved: 4 });
    assert.deepEqual(unfinishedMoves(plan), { inProgress: 2, notMoved: 7 });
    assert.deepEqual(unfinishedMoves(plan, { sourceGeography: 'NAM', targetGeography: 'EUR' }), { inProgress: 0, notMoved: 0 });
  });

  it('a user in two batches counts once; the case of a UPN does not matter', () => {
    const plan = examplePlan();
    plan.batches!.push({
      name: 'Again',
      sourceGeography: 'NAM',
      targetGeography: 'NAM',
      users: ['ALEX.WILBER@contoso.com', 'Adele.Vance@contoso.com'],
    });
    assert.deepEqual(unfinishedMoves(plan, { sourceGeography: 'NAM', targetGeography: 'NAM' }), { inProgress: 2, notMoved: 1 });
    for (const m of Object.values(plan.moves!)) m.state = 'Success';
    assert.deepEqual(unfinishedMoves(plan, { sourceGeography: 'NAM', targetGeography: 'NAM' }), { inProgress: 0, notMoved: 0 });
  });
});
