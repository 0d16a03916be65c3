/**
 * When to try a request again and how long to wait: 429 and 503 honour Retry-After (seconds or an
 * HTTP date), others back off exponentially with full jitter, capped; a few attempts, then the
 * failure is reported with what did arrive. Pure: the random number and the clock are given.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses worth another try: throttled, unavailable, gateway trouble, a request timeout. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 502 || status === 504 || status === 408;
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or undefined when it is the last.
 * `retryAfter`: the header's value, when the response had one.
 */
export function retryDelay(
  attempt: number,
  retryAfter: string | undefined,
  policy: RetryPolicy,
  random: () => number,
  nowMs: number,
): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter.trim());
    const ms = Number.isFinite(seconds) && retryAfter.trim() !== '' ? seconds * 1000 : Date.parse(retryAfter) - nowMs;
    if (Number.isFinite(ms)) return Math.min(Math.max(0, ms), policy.maxDelayMs);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
