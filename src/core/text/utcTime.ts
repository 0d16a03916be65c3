/**
 * Times in plans and result files: ISO 8601 in UTC (`2026-11-23T12:00Z`, seconds and fractions
 * optional). Checked for real: month 1–12, the day within its month (leap years included), hours
 * 0–23, minutes and seconds 0–59. `Date.parse` alone accepts 2026-02-30 (as 2 March) and 24:00.
 */
const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds since the epoch, or undefined when the text is not a real UTC time. */
export function parseUtcTime(text: string): number | undefined {
  const m = PARTS.exec(text);
  if (!m) return undefined;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  if (month < 1 || month > 12 || day < 1 || +m[4]! > 23 || +m[5]! > 59 || (m[6] !== undefined && +m[6] > 59)) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > DAYS[month - 1]! + (month === 2 && leap ? 1 : 0)) return undefined;
  return Date.parse(text);
}

export function isUtcTime(text: string): boolean {
  return parseUtcTime(text) !== undefined;
}
