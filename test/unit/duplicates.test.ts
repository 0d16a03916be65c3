import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { firstOccurrences, fnv1a } from '../../src/core/text/duplicates';

/** The obvious implementation, to compare with. */
function reference(keys: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((k, i) => {
    const f = seen.get(k);
    if (f === undefined) {
      seen.set(k, i);
      return -1;
    }
    return f;
  });
}

describe('firstOccurrences (duplicate keys without hash maps)', () => {
  it('agrees with a Map for random key lists, with FNV-1a and with every key colliding', () => {
    const keys = fc.array(fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'é', '@', '.') }), { maxLength: 60 });
    fc.assert(
      fc.property(keys, (list) => {
        assert.deepEqual([...firstOccurrences(list)], reference(list));
        assert.deepEqual([...firstOccurrences(list, () => 7)], reference(list), 'all keys in one hash bucket');
        assert.deepEqual([...firstOccurrences(list, (k) => k.length)], reference(list), 'many collisions');
      }),
      { numRuns: 2000 },
    );
  });

  it('handles large lists and reports every repeat against the first occurrence', () => {
    const list = Array.from({ length: 50_000 }, (_, i) => `user${i % 40_000}@contoso.com`);
    const first = firstOccurrences(list);
    assert.equal([...first].filter((f) => f !== -1).length, 10_000);
    assert.equal(first[45_000], 5_000);
    assert.equal(first[39_999], -1);
  });

  it('FNV-1a is the standard 32-bit hash', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
  });
});
