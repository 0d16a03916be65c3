/**
 * A token used for many requests: kept until five minutes before it expires, then asked for again;
 * after a 401 (`refresh`), dropped and asked for at once. Spares msal-node a cache read per page.
 */
import type { AccessToken } from '../../core/live/liveTypes';

const MARGIN_MS = 5 * 60_000;

/** `get(forceRefresh)`: the token source's call for one role and audience. */
export function reusableToken(
  get: (forceRefresh: boolean) => Promise<AccessToken>,
  now: () => number = Date.now,
): (refresh?: boolean) => Promise<string> {
  let current: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  return async (refresh = false) => {
    if (refresh) current = undefined;
    if (current && Date.parse(current.expiresOn) - MARGIN_MS > now()) return current.value;
    pending ??= get(refresh).finally(() => (pending = undefined));
    current = await pending;
    return current.value;
  };
}
