// Debian's Chromium driven by playwright-core (a browser download from npm is not possible
// here): headless, no sandbox (CI runs as root), background networking off so it makes no
// outside connections.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type HubProcess, startHub } from '../e2e/hub-process.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A test file's hub and browser, started before its tests and stopped after them. */
export function useHubAndBrowser(): { hub: HubProcess; browser: Browser } {
  const ctx = {} as { hub: HubProcess; browser: Browser };
  beforeAll(async () => {
    [ctx.hub, ctx.browser] = await Promise.all([startHub(), launchChromium()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.hub?.stop();
  });
  return ctx;
}
