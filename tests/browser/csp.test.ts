// Every kind of page in Chromium (scripts on) under the hub's content policy: the browser reports
// each thing the policy refuses as a `securitypolicyviolation` event and a console error, and
// there must be none, on the resident's pages, the 政务公开 pages, the API viewer, the workbench
// and the leaders' dashboard (its charts drawn, a tooltip shown). The hub runs as a deployment
// that is not local development (HUB_ENV=staging), so its cookies are Secure: signing in over
// http://127.0.0.1 also shows whether Chromium keeps them there. A screenshot of the dashboard
// goes to SCREENSHOT_DIR, else test-results/csp/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, root, startHub } from '../e2e/hub-process.ts';
import { launchChromium } from './chromium.ts';

const shots = process.env.SCREENSHOT_DIR ?? path.join(root, 'test-results', 'csp');
mkdirSync(shots, { recursive: true });

let hub: HubProcess;
let browser: Browser;
let track = '';

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub({ vars: { HUB_ENV: 'staging' } }), launchChromium()]);
  const res = await fetch(`${hub.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
    body: JSON.stringify({
      channel: 'api',
      externalId: `csp-${Date.now()}`,
      receivedAt: new Date().toISOString(),
      title: '路灯不亮',
      text: '幸福小区3栋门口的路灯坏了两个星期，晚上出行很不方便。',
      sender: { phone: '13800138000' },
    }),
  });
  expect(res.status).toBe(201);
  const t = (await res.json()) as { ticketNo: string; queryCode: string };
  track = `/track?no=${t.ticketNo}&code=${t.queryCode}`;
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** A page that records what the policy refused, as events in the page and errors on the console. */
async function watchedPage(): Promise<{ page: Page; refusals: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const refusals: string[] = [];
  await page.exposeFunction('reportRefusal', (text: string) => refusals.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportRefusal(t: string): void }).reportRefusal;
      report(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refusals.push(m.text());
  });
  return { page, refusals };
}

async function visit(page: Page, pathname: string) {
  const res = await page.goto(`${hub.url}${pathname}`);
  expect(res?.status(), pathname).toBe(200);
  expect(await res?.headerValue('content-security-policy'), pathname).toContain("script-src 'self'");
  await page.waitForLoadState('networkidle');
}

describe('the content policy in Chromium', () => {
  it('refuses nothing on the public and resident pages, and the API viewer renders', async () => {
    const { page, refusals } = await watchedPage();
    for (const pathname of ['/', '/public', '/public/monthly/2026-10', '/mailbox', track]) {
      await visit(page, pathname);
    }
    // Styles from the stylesheet files are applied: the header's red bar.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).backgroundColor)).toBe(
      'rgb(183, 28, 28)',
    );
    await visit(page, '/docs');
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(refusals).toEqual([]);
    await page.context().close();
  });

  it('refuses nothing on the workbench and dashboard, signed in with Secure cookies on http://127.0.0.1', async () => {
    const { page, refusals } = await watchedPage();
    await visit(page, '/login?next=/dashboard');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('hub-demo-12345');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/dashboard$/);
    const session = (await page.context().cookies()).find((c) => c.name === 'hub_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });

    // The charts drawn again on canvas by the page's script, and a tooltip on one of them.
    await page.locator('figure[data-chart] canvas').first().waitFor({ timeout: 30_000 });
    const box = await page.locator('figure[data-chart] canvas').first().boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });
    for (const pathname of ['/dashboard/report/2026-10', '/workbench', '/workbench/admin/departments']) {
      await visit(page, pathname);
    }
    expect(refusals).toEqual([]);
    await page.context().close();
  });
});
