import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_HOOKS_VARIABLE, testHooksEnabled } from '../../src/services/testHooks';

describe('test hooks', () => {
  it('are on only when ODM_TEST_HOOKS is 1', () => {
    assert.equal(TEST_HOOKS_VARIABLE, 'ODM_TEST_HOOKS');
    assert.equal(testHooksEnabled({ ODM_TEST_HOOKS: '1' }), true);
    assert.equal(testHooksEnabled({ ODM_TEST_HOOKS: '1', ODM_TEST_RUN: '1' }), true);
  });

  it('are off without the variable and for any other value', () => {
    assert.equal(testHooksEnabled({}), false);
    assert.equal(testHooksEnabled({ ODM_TEST_RUN: '1', ODM_TEST_NOW: '2026-11-23T12:00:00Z' }), false);
    for (const value of [undefined, '', '0', 'true', 'yes', ' 1', '1 ', '01']) {
      assert.equal(testHooksEnabled({ ODM_TEST_HOOKS: value }), false, JSON.stringify(value));
    }
  });
});
