// The public pages (政务公开) in a real browser (Chromium, JavaScript off: they must work without
// it), against the real hub, on a 390-pixel phone and on a 1920-pixel wall screen. The data comes
// the real way: the history import script brings the demo archive online, and one live ticket is
// answered, approved and published by its department through the API. A resident searches, opens
// a reply and pages through the list; no page shows the contacts planted in the letters, and none
// scrolls sideways on the phone. Screenshots go to SCREENSHOT_DIR, else test-results/public-pages/.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../e2e/hub-process.ts';
import { useHubAndBrowser } from './chromium.ts';

const running = useHubAndBrowser();
const shots = process.env.SCREENSHOT_DIR ?? path.join(root, 'test-results', 'public-pages');
mkdirSync(shots, { recursive: true });

interface HistoryRecord {
  title: string;
  type: string;
  text: string;
  receivedAt: string;
  department: string;
  replies: [{ text: string }, ...Array<{ text: string }>];
  contact?: { name?: string; phone?: string };
}

const historyFile = 'db/seed/demo-history.jsonl';
const history: HistoryRecord[] = readFileSync(path.join(root, historyFile), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

const live = {
  title: '公园健身器材损坏',
  text: '我是刘德明，电话13655556666。人民公园东门的健身器材有两台断裂，孩子玩耍时容易受伤，请尽快维修。',
  reply: '经现场核查，已于本周更换人民公园东门损坏的健身器材并加装防护垫，感谢您的监督。',
  contact: { name: '刘德明', phone: '13655556666' },
};

// Every contact in the letters, and a room number: a surname with 先生/女士 may stay (the rule).
const planted = [
  ...[...history.map((r) => r.contact ?? {}), live.contact].flatMap((c) => [c.phone, c.name]),
  '502室',
].filter((v): v is string => !!v && !/(先生|女士)$/.test(v));

const shanghaiMonth = (at: string | number) =>
  new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

async function api(pathname: string, body: unknown, token: string) {
  const res = await fetch(`${running.hub.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, `${pathname}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

const tokens = new Map<string, string>();
async function login(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const { token } = await api('/api/v1/auth/login', { username, password: 'hub-demo-12345' }, '');
    tokens.set(username, token as string);
  }
  return tokens.get(username) as string;
}

const act = async (ticketNo: string, action: string, username: string, body: unknown = {}) =>
  api(`/api/v1/tickets/${ticketNo}/actions/${action}`, body, await login(username));

/** A live letter the housing bureau answers and its reviewer approves and publishes. */
async function publishLiveTicket() {
  const t = (await api(
    '/api/v1/messages',
    {
      channel: 'api',
      externalId: `public-pages-${Date.now()}`,
      receivedAt: new Date().toISOString(),
      title: live.title,
      text: live.text,
      sender: live.contact,
      consentToPublish: true,
    },
    'dev-integration-token',
  )) as { ticketNo: string; queryCode: string };
  await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj' });
  await act(t.ticketNo, 'sign', 'zjj.handler');
  await act(t.ticketNo, 'reply', 'zjj.handler', { text: live.reply });
  await act(t.ticketNo, 'approve', 'zjj.reviewer');
  await api(`/api/v1/tickets/${t.ticketNo}/publication/publish`, {}, await login('zjj.reviewer'));
  return t;
}

/** The archive, brought online as a city would: the import script against the hub (exit code 0). */
async function importHistory() {
  await promisify(execFile)(
    process.execPath,
    ['scripts/import-history.mjs', '--file', historyFile, '--url', running.hub.url],
    {
      cwd: root,
      timeout: 60_000,
    },
  ).catch((err: { code?: number; stderr?: string }) => {
    throw new Error(`the import exited with ${err.code}: ${err.stderr}`);
  });
}

const data = {} as { ticketNo: string; queryCode: string };
beforeAll(async () => {
  await importHistory();
  Object.assign(data, await publishLiveTicket());
});

const screens: Array<[string, BrowserContextOptions]> = [
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ['wall', { viewport: { width: 1920, height: 1080 } }],
];

describe.each(screens)('the public pages on the %s screen', (screen, options) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await running.browser.newContext({ ...options, locale: 'zh-CN', javaScriptEnabled: false });
  });
  afterAll(() => context?.close());

  /**
   * Nothing wider than the screen (a table box may scroll inside, its caption still in view), the
   * frame's rules in force (its line height), the header's links inside the red bar, no planted
   * contact; then a screenshot.
   */
  async function checkAndShoot(page: Page, name: string) {
    const layout = await page.evaluate(() => {
      const header = document.querySelector('header')?.getBoundingClientRect();
      const links = [...document.querySelectorAll('header a')].map((a) => a.getBoundingClientRect());
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        lineHeight: getComputedStyle(document.body).lineHeight,
        linksOutside: links.filter((r) => !header || r.bottom > header.bottom || r.top < header.top).length,
        captionsCut: [...document.querySelectorAll('.table-scroll')].filter((box) => {
          const caption = box.querySelector('caption')?.getBoundingClientRect();
          return caption && caption.right > box.getBoundingClientRect().right + 1;
        }).length,
      };
    });
    expect(layout.scrollWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(layout.innerWidth + 1);
    expect(layout.lineHeight, `${name}: the frame's line-height 1.6 of 16px`).toBe('25.6px');
    expect(layout.linksOutside, `${name}: header links outside the header`).toBe(0);
    expect(layout.captionsCut, `${name}: table captions cut off by their scrolling box`).toBe(0);
    const html = await page.content();
    for (const value of planted) expect(html, `${name} shows ${value}`).not.toContain(value);
    await page.screenshot({ path: path.join(shots, `${screen}-${name}.png`), fullPage: true });
  }

  async function open(pathname: string) {
    const page = await context.newPage();
    const res = await page.goto(`${running.hub.url}${pathname}`);
    expect(res?.status(), pathname).toBe(200);
    return page;
  }

  it('the portal links its four entries, lists the newest replies and this month, and tracks a ticket', async () => {
    const page = await open('/');
    const entries = page.getByRole('navigation', { name: '办事入口' });
    for (const [name, href] of [
      ['我要写信', '/mailbox'],
      ['办件查询', '/track'],
      ['公开答复', '/public'],
      ['办理情况', /^\/public\/monthly\/\d{4}-\d{2}$/],
    ] as const) {
      expect(await entries.getByRole('link', { name }).getAttribute('href')).toMatch(href);
    }
    const latest = page.getByRole('region', { name: '最新公开答复' });
    expect(await latest.getByRole('link', { name: live.title }).getAttribute('href')).toBe(`/public/${data.ticketNo}`);
    // The live letter was received this month, and any archive letter received in it.
    const month = shanghaiMonth(Date.now());
    const received = history.filter((r) => shanghaiMonth(r.receivedAt) === month).length + 1;
    const figures = page.getByRole('region', { name: /办理情况$/ });
    const receivedFigure = figures.locator('div', { has: page.locator('dt', { hasText: /^受理$/ }) }).locator('dd');
    expect(await receivedFigure.textContent()).toBe(String(received));
    await checkAndShoot(page, 'portal');

    const tracking = page.getByRole('form', { name: '办件查询' });
    await tracking.getByLabel('工单号').fill(data.ticketNo);
    await tracking.getByLabel('查询码').fill(data.queryCode);
    await tracking.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/\/track\?no=/);
    expect(await page.getByRole('region', { name: '办理进度' }).textContent()).toContain(`工单 ${data.ticketNo}`);
    await page.close();
  });

  it('a search of two characters and of one finds the letter, whose page shows the redacted texts', async () => {
    const noise = history.find((r) => r.title.includes('噪音')) as HistoryRecord;
    const page = await open('/public');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toContain(live.title);
    await checkAndShoot(page, 'public');

    await page.getByLabel('搜索标题、来信与答复').fill('噪音');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(/\/public\?q=/);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toContain(noise.title);
    await checkAndShoot(page, 'public-search');

    const parking = history.find((r) => r.text.includes('堵')) as HistoryRecord;
    await page.getByLabel('搜索标题、来信与答复').fill('堵');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).allTextContents()).toContain(parking.title);

    await page.getByLabel('搜索标题、来信与答复').fill('噪音');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('link', { name: noise.title }).click();
    await page.waitForURL(/\/public\/[A-Za-z]+\d+$/);
    const text = (await page.locator('article').textContent()) ?? '';
    expect(text).toContain('打桩声音很大');
    expect(text).toContain(noise.replies[0].text.slice(0, 30));
    expect(text).not.toContain('王建国');
    expect(text).not.toContain('13912345678');
    await checkAndShoot(page, 'reply');
    await page.close();
  });

  it('下一页 visits every published reply once, and the department filter keeps to its letters', async () => {
    const page = await open('/public?limit=4');
    const seen: string[] = [];
    for (let pageNo = 1; ; pageNo++) {
      seen.push(...(await page.locator('article.result h2').allTextContents()));
      if (pageNo === 2) await checkAndShoot(page, 'public-page-2');
      const next = page.getByRole('link', { name: '下一页' });
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForURL(/cursor=/);
    }
    // The import publishes what needs no reviewer's mark; a 依申请公开 or 举报 waits for one.
    const published = history.filter((r) => r.type !== '依申请公开' && r.type !== '举报');
    const titles = [...published.map((r) => r.title), live.title];
    expect(seen.sort()).toEqual(titles.sort());

    await page.goto(`${running.hub.url}/public`);
    // The filters are folded until used (no script: <details>).
    await page.locator('details summary', { hasText: '筛选' }).click();
    await page.getByLabel('承办单位').selectOption('zjj');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(/department=zjj/);
    const housing = [...history.filter((r) => r.department === 'zjj').map((r) => r.title), live.title];
    expect((await page.locator('article.result h2').allTextContents()).sort()).toEqual(housing.sort());
    await checkAndShoot(page, 'public-department');
    await page.close();
  });

  it('the month of the archive has its chart and its table by department; the year renders', async () => {
    const november = history.filter((r) => shanghaiMonth(r.receivedAt) === '2026-11');
    const page = await open('/public/monthly/2026-11');
    expect(await page.locator('figure svg').count()).toBe(1);
    expect(await page.locator('figure svg rect, figure svg path').count()).toBeGreaterThan(0);
    const byDepartment = page.getByRole('region', { name: '二、各单位办理情况' });
    const housing = byDepartment.getByRole('row', { name: /^市住房和城乡建设局/ });
    const housingReceived = november.filter((r) => r.department === 'zjj').length;
    expect(await housing.locator('td').first().textContent()).toBe(String(housingReceived));
    const total = byDepartment.locator('tr.total td').first();
    expect(await total.textContent()).toBe(String(november.length));
    await checkAndShoot(page, 'monthly');

    const year = await open('/public/annual/2026');
    expect(await year.getByRole('heading', { level: 1 }).textContent()).toContain('2026年度办理情况');
    const yearTotal = year.getByRole('region', { name: '二、各单位办理情况' }).locator('tr.total td').first();
    expect(await yearTotal.textContent()).toBe(String(history.length + 1));
    await checkAndShoot(year, 'annual');
    await year.close();
    await page.close();
  });
});

describe('the feed', () => {
  it('answers as Atom with the published replies', async () => {
    const res = await fetch(`${running.hub.url}/public/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await res.text();
    expect(xml).toContain('<feed');
    expect(xml).toContain(live.title);
    for (const value of planted) expect(xml, `the feed shows ${value}`).not.toContain(value);
  });
});
