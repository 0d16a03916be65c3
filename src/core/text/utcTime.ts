/**
 * Times in plans and result files: ISO 8601 in UTC (`2026-11-23T12:00Z`, seconds and fractions
 * optional). Checked for real: month 1–12, the day within its month (leap years included), hours
 * 0–23, minutes and seconds 0–59. `Date.parse` alone accepts 2026-02-30 (as 2 March) and 24:00.
 */
import { UTC_PATTERN } from '../plan/planSchema';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?Z$/;
const SHAPE = new RegExp(UTC_PATTERN);

/** Milliseconds since the epoch, or undefined when the text is not a real UTC time. */
export function parseUtcTime(text: string): number | undefined {
  if (!SHAPE.test(text)) return undefined;
  const m = PARTS.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return Date.parse(text);
}

export function isUtcTime(text: string): boolean {
  return parseUtcTime(text) !== undefined;
}
