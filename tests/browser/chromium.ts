// The browser for the page tests, driven by playwright-core: CHROMIUM_PATH when set, else the
// system's Chromium (/usr/bin/chromium) when there is one, else the headless Chromium that
// @sparticuz/chromium ships inside its npm package, so `npm install && npm test` needs nothing
// else on the machine. Headless, no sandbox (CI runs as root), background networking off so the
// browser makes no outside connections.
import { accessSync, constants, statSync } from 'node:fs';
import packagedChromium from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type HubProcess, startHub } from '../e2e/hub-process.ts';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const quietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The package's flags are made for Lambda. Two would turn off the same-origin and mixed-content
// checks a resident's browser applies, which the page tests must see; --single-process ends the
// whole browser when a test closes its page.
const unwantedFlags = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

interface ChromiumLaunch {
  executablePath: string;
  args: string[];
}

/**
 * A browser program that can run: a path that merely exists is not enough, since a machine may
 * hide its browser behind something else (`mount --bind /dev/null /usr/bin/chromium`).
 */
function isProgram(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function chooseChromium(): Promise<ChromiumLaunch> {
  const configured = process.env.CHROMIUM_PATH ?? (isProgram(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  if (configured) return { executablePath: configured, args: quietFlags };
  // Unpacks the brotli-compressed binary (and its fonts) into the temp folder on first use;
  // later launches find it there.
  const executablePath = await packagedChromium.executablePath();
  const args = packagedChromium.args.filter((flag) => !unwantedFlags.has(flag));
  return { executablePath, args: [...new Set([...args, ...quietFlags])] };
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await chooseChromium();
  return chromium.launch({ executablePath, headless: true, args });
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
