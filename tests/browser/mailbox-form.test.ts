// The mayor's mailbox in a real browser (Chromium) on a phone-sized screen, against the real
// hub: a resident who forgets a way to be answered is told so in Chinese next to the field,
// with what they wrote kept; once corrected, the letter becomes a ticket they can follow.
import { describe, expect, it } from 'vitest';
import { useHubAndBrowser } from './chromium.ts';

const running = useHubAndBrowser();

describe('mayor’s mailbox form', () => {
  it('validates in Chinese, keeps the input, then files the letter and links to tracking', async () => {
    const page = await running.browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      javaScriptEnabled: false,
    });
    await page.goto(`${running.hub.url}/mailbox`);
    await page.getByLabel('来信类型').selectOption('投诉');
    await page.getByLabel('标题').fill('夜间施工噪音扰民');
    const content =
      'A3区观沙岭街道某工地连续一周每晚十一点后仍在施工，噪音很大，严重影响周边居民休息，希望有关部门尽快处理。';
    await page.locator('#content').fill(content);
    await page.getByRole('button', { name: '提交' }).click();

    const phoneError = page.locator('#phone-error');
    await expect.poll(() => phoneError.textContent()).toContain('请至少填写手机号码或电子邮箱中的一项');
    expect(await page.locator('#content').inputValue()).toBe(content);
    expect(await page.getByLabel('标题').inputValue()).toBe('夜间施工噪音扰民');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.locator('#phone').fill('13800138000');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('h2').first().textContent()).toContain('您的来信已受理');
    const receipt = await page.locator('.receipt').textContent();
    expect(receipt).toMatch(/工单号\s*A\d{13}/);
    expect(receipt).toMatch(/查询码\s*\d{6}/);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/mailbox-receipt.png`, fullPage: true });

    await page.getByRole('link', { name: '查询办理进度' }).click();
    const progress = page.getByRole('region', { name: '办理进度' });
    await expect.poll(() => progress.textContent()).toContain('夜间施工噪音扰民');
    expect(await progress.textContent()).toMatch(/已受理|已派单/);
    await page.close();
  });
});
