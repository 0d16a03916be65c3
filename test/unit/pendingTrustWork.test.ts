import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePendingTrustWork, pendingTrustWork } from '../../src/core/views/pendingTrustWork';
import { examplePlan } from '../support/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('pending trust work (what steps 2 and 3 offer first)', () => {
  it('step 2: the pairs and sides that have not requested the trust', () => {
    const plan = examplePlan();
    assert.equal(describePendingTrustWork(pendingTrustWork(plan, 2, NOW)), 'APC→NAM (source, target)');
    plan.trusts![2]!.target = { requestedAt: '2026-11-22T00:00:00Z' };
    assert.deepEqual(pendingTrustWork(plan, 2, NOW), [{ pair: { sourceGeography: 'APC', targetGeography: 'NAM' }, sides: ['source'] }]);
  });

  it('step 3: what can be verified now (dormant period over, or the last try could not contact the partner)', () => {
    const plan = examplePlan();
    assert.deepEqual(pendingTrustWork(plan, 3, NOW), [], 'EUR → EUR is still dormant on the 23rd');
    assert.equal(describePendingTrustWork(pendingTrustWork(plan, 3, new Date('2026-11-28T00:00:00Z'))), 'EUR→EUR (source, target)');
    plan.trusts![0]!.target = { ...plan.trusts![0]!.target, lastVerifiedAt: '2026-11-23T11:00:00Z', lastResult: 'CouldNotContactPartner' };
    assert.equal(describePendingTrustWork(pendingTrustWork(plan, 3, NOW)), 'NAM→NAM (target)');
  });
});
