// The workbench in a real browser (Chromium, JavaScript off: the pages must work without it),
// against the real hub: a department's handler signs in, finds the ticket the centre sent them
// in 新工单, signs for it and replies from its page, on a laptop and on a 390-pixel phone.
// Screenshots go to SCREENSHOT_DIR, else test-results/workbench/ (ignored by git), as artifacts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root } from '../e2e/hub-process.ts';
import { useHubAndBrowser } from './chromium.ts';

const running = useHubAndBrowser();
const shots = process.env.SCREENSHOT_DIR ?? path.join(root, 'test-results', 'workbench');
mkdirSync(shots, { recursive: true });

async function api(pathname: string, body: unknown, token: string) {
  const res = await fetch(`${running.hub.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, `${pathname}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** A ticket the centre has sent to the city's housing bureau (zjj), as the API does it. */
async function ticketForZjj(text: string): Promise<string> {
  const { ticketNo } = (await api(
    '/api/v1/messages',
    {
      channel: 'api',
      externalId: `workbench-${Date.now()}-${Math.random()}`,
      receivedAt: new Date().toISOString(),
      title: '楼顶漏水',
      text,
      sender: { phone: '13800138000' },
    },
    'dev-integration-token',
  )) as { ticketNo: string };
  const { token } = (await api('/api/v1/auth/login', { username: 'dispatcher', password: 'hub-demo-12345' }, '')) as {
    token: string;
  };
  await api(`/api/v1/tickets/${ticketNo}/actions/dispatch`, { departmentCode: 'zjj' }, token);
  return ticketNo;
}

async function signInAsHandler(page: Page) {
  await page.goto(`${running.hub.url}/workbench`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('用户名').fill('zjj.handler');
  await page.getByLabel('密码').fill('hub-demo-12345');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/workbench$/);
}

async function signAndReply(page: Page, ticketNo: string, name: string, width: number) {
  await signInAsHandler(page);
  await expect.poll(() => page.getByRole('link', { name: /新工单/ }).getAttribute('aria-current')).toBe('page');
  const row = page.getByRole('link', { name: ticketNo, exact: true });
  await expect.poll(() => row.count()).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: path.join(shots, `${name}-queue.png`), fullPage: true });

  await row.click();
  await page.waitForURL(new RegExp(`/workbench/tickets/${ticketNo}$`));
  await page.getByRole('button', { name: '签收', exact: true }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('已完成「签收」');
  await page.screenshot({ path: path.join(shots, `${name}-signed.png`), fullPage: true });

  // Too short first: the page says why beside the field and keeps the text.
  await page.getByLabel('答复内容').fill('已处理');
  await page.getByRole('button', { name: '答复', exact: true }).click();
  await expect.poll(() => page.locator('#reply-text-error').textContent()).toContain('答复内容至少10个字');
  expect(await page.getByLabel('答复内容').inputValue()).toBe('已处理');

  const reply = '经现场核查，已安排物业于本周内修复楼顶防水层，并对受损天花板进行修补。';
  await page.getByLabel('答复内容').fill(reply);
  await page.getByRole('button', { name: '答复', exact: true }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('已完成「答复」');
  const facts = page.getByRole('region', { name: '工单信息' });
  expect(await facts.textContent()).toContain('已答复');
  expect(await page.getByRole('region', { name: '办理情况' }).textContent()).toContain(reply);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: path.join(shots, `${name}-ticket.png`), fullPage: true });
}

describe('workbench', () => {
  it('a handler signs for a ticket and replies to it on a laptop', async () => {
    const ticketNo = await ticketForZjj('幸福小区5栋楼顶防水层破损，连续下雨后顶楼住户家中天花板漏水。');
    const page = await running.browser.newPage({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      javaScriptEnabled: false,
    });
    await signAndReply(page, ticketNo, 'desktop', 1280);
    await page.close();
  });

  it('a handler signs for a ticket and replies to it on a 390-pixel phone', async () => {
    const ticketNo = await ticketForZjj('幸福小区6栋楼顶防水层破损，连续下雨后顶楼住户家中天花板漏水。');
    const page = await running.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      javaScriptEnabled: false,
      isMobile: true,
      hasTouch: true,
    });
    await signAndReply(page, ticketNo, 'phone', 390);
    await page.close();
  });
});
