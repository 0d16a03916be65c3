/**
 * Live mode's code (msal-node, axios, the Graph clients) is its own bundle (dist/live.js, next to
 * dist/extension.js), loaded the first time live mode is used: the extension bundle never carries it.
 */
import * as path from 'node:path';

type LiveModule = typeof import('../services/live/liveSession');
let loaded: LiveModule | undefined;

export function liveModule(): LiveModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'live.js')) as LiveModule;
  return loaded;
}
