/**
 * Times in words, for tooltips: "4 days ago", "in 3d 23h", "just now". The absolute time beside it
 * comes from a formatter the caller gives (the VS Code layer formats in the user's time zone).
 */
import { formatDuration } from '../trust/trustState';

export type TimeFormatter = (iso: string) => string;

export function relativeTime(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return iso;
  const abs = Math.abs(ms);
  if (abs < 60_000) return 'just now';
  if (ms > 0) return `in ${formatDuration(abs)}`;
  const days = Math.floor(abs / 86_400_000);
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'} ago`;
  const hours = Math.floor(abs / 3_600_000);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const minutes = Math.floor(abs / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
}

/** "4 days ago, 27 Nov 11:45". */
export function timeInWords(iso: string, now: Date, format: TimeFormatter): string {
  return `${relativeTime(iso, now)}, ${format(iso)}`;
}
