// Debian's Chromium through playwright-core, with the flags this offline machine needs.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './tools.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: process.env.HEADED !== '1' });
}
