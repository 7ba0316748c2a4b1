// The resident's tracking page in a real browser (Chromium), against the real hub: a resident
// with a phone-sized screen enters the ticket number and query code and reads the progress.
import { describe, expect, it } from 'vitest';
import { useHubAndBrowser } from './chromium.ts';

const running = useHubAndBrowser();

async function newTicket(text: string) {
  const res = await fetch(`${running.hub.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
    body: JSON.stringify({
      channel: 'api',
      externalId: `browser-${Date.now()}`,
      receivedAt: new Date().toISOString(),
      title: '噪音扰民',
      text,
      sender: { phone: '13800138000' },
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { ticketNo: string; queryCode: string };
}

describe('tracking page', () => {
  it('shows a resident the progress of their ticket', async () => {
    const t = await newTicket('A3区观沙岭街道某工地每晚十一点后仍在施工，噪音很大，影响休息。');
    const page = await running.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await page.goto(`${running.hub.url}/track`);
    await page.getByLabel('工单号').fill(t.ticketNo);
    await page.getByLabel('查询码').fill(t.queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/\/track\?no=/);
    const progress = page.getByRole('region', { name: '办理进度' });
    await expect.poll(() => progress.textContent()).toContain(`工单 ${t.ticketNo}`);
    expect(await progress.textContent()).toContain('已受理');
    expect(await progress.textContent()).toContain('每晚十一点后仍在施工');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/track-page.png`, fullPage: true });
    await page.close();
  });

  it('tells the resident in Chinese when the code is wrong', async () => {
    const t = await newTicket('小区楼道灯坏了。');
    const page = await running.browser.newPage();
    await page.goto(`${running.hub.url}/track`);
    await page.getByLabel('工单号').fill(t.ticketNo);
    await page.getByLabel('查询码').fill(t.queryCode === '000000' ? '999999' : '000000');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('工单号或查询码不正确');
    // What the resident typed is kept for correcting.
    expect(await page.getByLabel('工单号').inputValue()).toBe(t.ticketNo);
    await page.close();
  });
});
