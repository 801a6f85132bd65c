// Debian's Chromium for the browser suites: where it is, the flags this machine's closed network needs,
// and the rule for a missing browser (outside CI the suite is skipped with the reason; in CI it fails).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';
import { inCI } from '../redis/redis-server.js';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(executablePath);
export const MISSING = `no Chromium at ${executablePath}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`;
// Without the background-networking flags, Chromium's connections are refused by the closed network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with those flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ARGS, timeout: 20_000 });
}

/** Without a browser: says so on stderr outside CI (the suite skips), and adds a failing test in CI. */
export function requireBrowser(file: string, suite: string): void {
  if (hasBrowser) return;
  if (!inCI) {
    process.stderr.write(`${file}: skipped, ${MISSING}\n`);
    return;
  }
  describe(suite, () => {
    it('has a browser to run in', () => {
      throw new Error(`${MISSING}. In CI a missing browser is a failure, not a skip.`);
    });
  });
}
