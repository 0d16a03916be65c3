/**
 * Test and benchmark hooks (the identity-map editor's log of posted messages, its open stamp, the
 * webview's timings in window.__odmPerf) exist only when the extension host runs with
 * ODM_TEST_HOOKS=1: the test harness and the editor benchmark set it, normal use never does.
 */
export const TEST_HOOKS_VARIABLE = 'ODM_TEST_HOOKS';

/** Whether the hooks are on: exactly `1`, so a stray `0`, `false` or empty value keeps them off. */
export function testHooksEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[TEST_HOOKS_VARIABLE] === '1';
}
