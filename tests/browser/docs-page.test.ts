// The API documentation in a real browser (Chromium), against the real hub: Swagger UI, loaded
// from the hub alone, renders the operations and their request schemas from the hub's document.
import { describe, expect, it } from 'vitest';
import { useHubAndBrowser } from './chromium.ts';

const running = useHubAndBrowser();

describe('API documentation page', () => {
  it('renders the operations and their schemas with nothing from outside the hub', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(running.hub.url) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });
    await page.goto(`${running.hub.url}/docs`);
    const intake = page.locator('.opblock-post', { has: page.locator('[data-path="/api/v1/messages"]') });
    await intake.first().waitFor({ timeout: 30_000 });
    await intake.first().locator('.opblock-summary').click();
    // The request body's schema, field by field, as the zod validator defines it.
    await expect.poll(() => intake.first().textContent(), { timeout: 10_000 }).toContain('externalId');
    expect(await intake.first().textContent()).toContain('receivedAt');
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/docs-page.png` });
    await page.close();
  });
});
