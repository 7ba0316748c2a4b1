// The portal (GET /): the way in for residents, with the newest published replies and the
// month's city figures read in the same batch.
import { describe, expect, it } from 'vitest';
import { BASE, createTicket, request, routeEverythingByHand } from '../../tests/helpers';
import { publishedTicket } from '../../tests/publish-steps';

const bump = async () => {
  const { env } = await import('cloudflare:test');
  await env.DB.prepare('UPDATE public_cache SET generation = generation + 1').run();
};

describe('the portal', () => {
  it('leads to the mailbox, tracking, the public replies, the figures and staff sign-in', async () => {
    const res = await request(`${BASE}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const href of ['/mailbox', '/track', '/public', '/login', '/public/feed.atom']) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toMatch(/href="\/public\/monthly\/\d{4}-\d{2}"/);
    expect(html).toContain('<form method="get" action="/track"');
  });

  it('shows the newest published replies and this month’s received and replied', async () => {
    await routeEverythingByHand();
    const published = await publishedTicket({ title: '青年路井盖缺失', text: '青年路口的井盖丢了，很危险。' });
    await createTicket({ title: '未公开的来信', consentToPublish: false });
    await bump();
    const html = await (await request(`${BASE}/`)).text();
    expect(html).toContain(`<a href="/public/${published.ticketNo}">青年路井盖缺失</a>`);
    expect(html).not.toContain('未公开的来信');
    // Two tickets came in this month (both today); one was answered, within its deadline and
    // nothing overdue: on time 1 ÷ (1 + 0); nothing rated yet.
    expect(html).toMatch(/<dt>受理<\/dt><dd>2<\/dd>/);
    expect(html).toMatch(/<dt>答复<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/<dt>按时办结率<\/dt><dd>100\.0%<\/dd>/);
    expect(html).toMatch(/<dt>满意率<\/dt><dd>—<\/dd>/);
  });
});
