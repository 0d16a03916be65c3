import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockFromEnvironment, fixedClock, systemClock } from '../../src/services/clock';
import { FIXED_CLOCK_ENV, FIXED_NOW } from '../support/fixedClock.mjs';

describe('clock', () => {
  it('is the system clock unless ODM_TEST_NOW is set', () => {
    assert.equal(clockFromEnvironment({}), systemClock);
    assert.equal(clockFromEnvironment({ ODM_TEST_NOW: '' }), systemClock);
  });

  it('is fixed at ODM_TEST_NOW, and hands out copies', () => {
    const clock = clockFromEnvironment(FIXED_CLOCK_ENV);
    assert.equal(clock().toISOString(), '2026-11-23T12:00:00.000Z');
    clock().setFullYear(2030);
    assert.equal(clock().toISOString(), new Date(FIXED_NOW).toISOString());
    assert.equal(clockFromEnvironment({ ODM_TEST_NOW: '2026-11-23T13:00:00+01:00' })().toISOString(), '2026-11-23T12:00:00.000Z');
    assert.equal(fixedClock(new Date(0))().getTime(), 0);
  });

  it('refuses a value that is not an ISO 8601 instant with a time zone', () => {
    for (const value of ['tomorrow', '2026-11-23', '2026-11-23T12:00:00', '2026-13-40T12:00:00Z']) {
      assert.throws(() => clockFromEnvironment({ ODM_TEST_NOW: value }), /ODM_TEST_NOW must be an ISO 8601 instant/, value);
    }
  });
});
