/**
 * Live mode's code (msal-node, axios, the Graph clients) is its own bundle (dist/live.js, beside the
 * extension's and the CLI's bundles), loaded the first time live mode is used; from the sources
 * (tests, tsx) the module itself.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

type LiveModule = typeof import('./liveSession');
let loaded: LiveModule | undefined;

export function liveModule(): LiveModule {
  const bundled = path.join(__dirname, 'live.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(existsSync(bundled) ? bundled : path.join(__dirname, 'liveSession')) as LiveModule;
  return loaded;
}
