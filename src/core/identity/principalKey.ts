/** A source principal as a set key: kind and value, trimmed and lower-cased (how the map compares them). */
export function principalKey(kind: 'user' | 'group', value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}
