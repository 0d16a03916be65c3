import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counted } from '../../src/core/text/plural';

describe('counted', () => {
  it('uses the singular for one and the plural otherwise, with thousands separators', () => {
    assert.deepEqual(
      [counted(1, 'move'), counted(0, 'move'), counted(2, 'batch', 'batches'), counted(20_000, 'user')],
      ['1 move', '0 moves', '2 batches', '20,000 users'],
    );
  });
});
