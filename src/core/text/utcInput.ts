import { isUtcTime } from './utcTime';

/** Accepts 2026-12-05T22:00Z, "2026-12-05 22:00" (read as UTC) or a full ISO time in UTC; returns the canonical form. */
export function parseUtcInput(value: string): string | undefined {
  const v = value.trim().replace(' ', 'T');
  if (!v) return undefined;
  const withZ = /Z$/i.test(v) ? v.slice(0, -1) + 'Z' : `${v}Z`;
  const normal = /T\d{2}:\d{2}Z$/.test(withZ) ? withZ.replace(/Z$/, ':00Z') : withZ;
  return isUtcTime(normal) ? normal : undefined;
}
