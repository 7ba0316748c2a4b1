// The leaders' dashboard in a real browser (Chromium) against the real hub, on data brought in
// the real way: a few dozen letters of history through POST /api/v1/import, three live letters
// worked through the API, and the cron run once so the unanswered ones turn red. A leader signs
// in on the page; every chart draws (canvas with script, SVG without), the numbers on the cards
// are the stats API's (or, before that API exists, the ones worked out from the seeded letters),
// a figure's link opens exactly its tickets, and the 通报 lays out on A4. Screenshots and the PDF
// go to SCREENSHOT_DIR, else test-results/dashboard/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../e2e/hub-process.ts';
import { useHubAndBrowser } from './chromium.ts';
import { dashboardHistory } from './dashboard-seed.ts';

const running = useHubAndBrowser();
const shots = process.env.SCREENSHOT_DIR ?? path.join(root, 'test-results', 'dashboard');
mkdirSync(shots, { recursive: true });

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const period = `from=2026-10-01&to=${today}`;
const LIVE = 3;

async function call(pathname: string, body: unknown, token: string) {
  const res = await fetch(`${running.hub.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, `${pathname}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

const tokenOf = async (username: string) =>
  (await call('/api/v1/auth/login', { username, password: 'hub-demo-12345' }, '')).token as string;

/** Three live letters: one answered and approved, one only dispatched, one not yet dispatched. */
async function liveLetters() {
  const dispatcher = await tokenOf('dispatcher');
  const handler = await tokenOf('cgj.handler');
  const reviewer = await tokenOf('cgj.reviewer');
  const numbers: string[] = [];
  for (let i = 0; i < LIVE; i++) {
    const t = await call(
      '/api/v1/messages',
      {
        channel: 'api',
        externalId: `dashboard-live-${i}-${Date.now()}`,
        receivedAt: new Date().toISOString(),
        title: `人行道地砖松动（${i}）`,
        text: `解放路人行道第${i + 1}处地砖松动，行人容易绊倒。`,
        sender: { phone: `1380013800${i}` },
      },
      'dev-integration-token',
    );
    numbers.push(t.ticketNo as string);
  }
  const [answered, dispatched] = numbers as [string, string];
  const act = (no: string, action: string, token: string, body: unknown = {}) =>
    call(`/api/v1/tickets/${no}/actions/${action}`, body, token);
  for (const no of [answered, dispatched])
    await act(no, 'dispatch', dispatcher, { departmentCode: 'cgj', type: '求助' });
  await act(answered, 'sign', handler);
  await act(answered, 'reply', handler, { text: '已安排维修人员更换松动地砖。' });
  await act(answered, 'approve', reviewer);
}

beforeAll(async () => {
  const imported = await call('/api/v1/import', dashboardHistory, 'dev-integration-token');
  expect((imported.results as unknown[]).length).toBe(dashboardHistory.length);
  await liveLetters();
  const cron = await fetch(`${running.hub.url}/__scheduled`, { signal: AbortSignal.timeout(30_000) });
  expect(cron.status).toBe(200);
}, 180_000);

/**
 * The overview the page must show: the stats API's answer for the same query when the hub has
 * that route; otherwise what the seeded letters add up to (received; replied once approved).
 */
async function expectedOverview(): Promise<Record<string, number | null>> {
  const res = await fetch(`${running.hub.url}/api/v1/stats/overview?${period}`, {
    headers: { authorization: `Bearer ${await tokenOf('leader')}` },
  });
  if (res.status === 200) return (await res.json()) as Record<string, number | null>;
  const replied = dashboardHistory.filter((r) => r.replies?.length).length + 1;
  return { received: dashboardHistory.length + LIVE, replied };
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${running.hub.url}/dashboard?${period}`);
  await page.waitForURL(/\/login\?next=%2Fdashboard/);
  await page.getByLabel('用户名').fill('leader');
  await page.getByLabel('密码').fill('hub-demo-12345');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

const screens: Record<string, BrowserContextOptions> = {
  wall: { viewport: { width: 1920, height: 1080 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

const figureText = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();

describe('with JavaScript', () => {
  let page: Page;
  beforeAll(async () => {
    const context = await running.browser.newContext({ ...screens.wall, locale: 'zh-CN' });
    page = await signIn(context);
    await page.goto(`${running.hub.url}/dashboard?${period}`);
  });

  it('draws every chart interactive, over the server’s drawing', async () => {
    const charts = page.locator('figure[data-chart]');
    expect(await charts.count()).toBe(6);
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('figure[data-chart] .chart-box')].map((box) => {
            const canvas = box.querySelector('canvas');
            return canvas ? canvas.width > 100 && canvas.height > 100 && !box.querySelector('svg') : false;
          }),
        ),
      )
      .toEqual([true, true, true, true, true, true]);
    await page.screenshot({ path: path.join(shots, 'wall-1920x1080.png') });
    await page.screenshot({ path: path.join(shots, 'wall-full.png'), fullPage: true });
  });

  it('shows the stats API’s figures on its cards', async () => {
    const expected = await expectedOverview();
    for (const key of ['received', 'dispatched', 'signed', 'replied', 'closed', 'overdue', 'dueSoon']) {
      if (expected[key] === undefined) continue;
      expect(await figureText(page, key), key).toBe(String(expected[key]));
    }
    const percent = (rate: number | null | undefined) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);
    for (const key of ['responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate']) {
      if (expected[key] === undefined) continue;
      expect(await figureText(page, key), key).toBe(percent(expected[key]));
    }
  });

  it('opens exactly the tickets behind a figure from its link', async () => {
    const received = Number(await figureText(page, 'received'));
    expect(received).toBe(dashboardHistory.length + LIVE);
    await page.locator('[data-figure="received"]').click();
    await page.waitForURL(/\/dashboard\/tickets\?metric=received/);
    expect(await page.locator('[data-figure="total"]').textContent()).toBe(String(received));
    expect(await page.locator('table.drill tbody tr').count()).toBe(Math.min(received, 50));
    await page.screenshot({ path: path.join(shots, 'drill-down.png'), fullPage: true });
    await page.goBack();
    const overdue = Number(await figureText(page, 'overdue'));
    // The five letters never answered are past their deadline by now.
    expect(overdue).toBeGreaterThanOrEqual(5);
    await page.locator('[data-figure="overdue"]').click();
    await page.waitForURL(/metric=overdue/);
    expect(await page.locator('table.drill tbody tr').count()).toBe(overdue);
    await page.goBack();
  });

  it('ranks the departments with enough ratings and lists the others apart', async () => {
    const ranked = await page.locator('#ranking table[data-sortable] tbody th').allTextContents();
    expect(ranked).toEqual(expect.arrayContaining(['市城市管理局', '市住房和城乡建设局']));
    const unranked = page.locator('#unranked tbody tr', { hasText: '市生态环境局' });
    expect(await unranked.textContent()).toContain('评价样本不足 10 件（4 件）');
  });
});

describe('on a phone, and without JavaScript', () => {
  it('fits a 390-pixel phone', async () => {
    const context = await running.browser.newContext({ ...screens.phone, locale: 'zh-CN' });
    const page = await signIn(context);
    await page.goto(`${running.hub.url}/dashboard?${period}`);
    await page.waitForSelector('figure[data-chart] canvas');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
    await page.screenshot({ path: path.join(shots, 'phone-390.png') });
    await page.locator('#ranking').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'phone-390-ranking.png') });
    await page.locator('#breakdown-channel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'phone-390-breakdown.png') });
    await page.screenshot({ path: path.join(shots, 'phone-390-full.png'), fullPage: true });
    await context.close();
  });

  it('shows the cards and the server’s SVG charts with no script', async () => {
    const context = await running.browser.newContext({ ...screens.wall, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await signIn(context);
    await page.goto(`${running.hub.url}/dashboard?${period}`);
    expect(await figureText(page, 'received')).toBe(String(dashboardHistory.length + LIVE));
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll('figure[data-chart] .chart-box')].map(
        (box) => box.querySelectorAll('svg path, svg rect').length > 3,
      ),
    );
    expect(drawn).toEqual([true, true, true, true, true, true]);
    await page.screenshot({ path: path.join(shots, 'wall-no-script.png') });
    await context.close();
  });
});

describe('the monthly 通报', () => {
  it('lays out on A4 and prints to PDF', async () => {
    // A4 at 96 dpi: 210 mm is 794 px.
    const context = await running.browser.newContext({ viewport: { width: 794, height: 1123 }, locale: 'zh-CN' });
    const page = await signIn(context);
    await page.goto(`${running.hub.url}/dashboard/report/2026-11`);
    expect(await page.locator('h1').textContent()).toBe('A市12345政务服务便民热线 2026年11月 工单办理情况通报');
    const received = dashboardHistory.filter((r) => r.receivedAt.startsWith('2026-11')).length;
    expect(await page.locator('tr', { hasText: '受理量' }).locator('td').first().textContent()).toBe(String(received));
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
    await page.screenshot({ path: path.join(shots, 'report-a4.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.pdf({ path: path.join(shots, 'report-2026-11.pdf'), format: 'A4', preferCSSPageSize: true });
    await context.close();
  });
});
