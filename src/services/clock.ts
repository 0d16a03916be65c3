/**
 * Domain time (trust countdowns, plan validation, checklist ticks, result stamps) comes from one
 * injected clock, built by the composition root, so that tests can fix it. Measuring durations
 * for logs and benchmarks (performance.now()) does not go through it.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that always says `at`. */
export function fixedClock(at: Date): Clock {
  const ms = at.getTime();
  return () => new Date(ms);
}

/** Test-only: the variable that fixes the extension's clock at an ISO 8601 instant (docs/testing.md). */
export const TEST_NOW_VARIABLE = 'ODM_TEST_NOW';

/** The system clock, or a fixed one when ODM_TEST_NOW is set (a malformed value is an error, not ignored). */
export function clockFromEnvironment(env: Readonly<Record<string, string | undefined>>): Clock {
  const value = env[TEST_NOW_VARIABLE];
  if (value === undefined || value === '') return systemClock;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime()))
    throw new Error(`${TEST_NOW_VARIABLE} must be an ISO 8601 instant with a time zone (e.g. 2026-11-23T12:00:00Z), not '${value}'.`);
  return fixedClock(at);
}
