// The tracking page's rating form (回访): shown only while the current answer awaits a rating,
// posted as a plain form with the number and code in hidden fields, taken once a round, and a
// 不满意 answer lands in the centre's dissatisfied queue like the API's.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, BASE, createTicket, login, request, routeEverythingByHand } from '../tests/helpers';

beforeAll(routeEverythingByHand);

const page = async (no: string, code: string) => {
  const res = await request(`${BASE}/track?no=${encodeURIComponent(no)}&code=${encodeURIComponent(code)}`);
  return { status: res.status, html: await res.text() };
};

const postRating = async (fields: Record<string, string>, origin = BASE) => {
  const res = await request(`${BASE}/track/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, html: await res.text() };
};

const hasRatingForm = (html: string) => html.includes('action="/track/rating"');

async function answeredTicket(reviewed = true) {
  const t = await createTicket();
  for (const [action, user, body] of [
    ['dispatch', 'dispatcher', { departmentCode: 'cgj' }],
    ['sign', 'cgj.handler', {}],
    ['reply', 'cgj.handler', { text: '经核查，路灯已于本周更换灯泡并恢复照明。' }],
    ...(reviewed ? ([['approve', 'cgj.reviewer', {}]] as const) : []),
  ] as const) {
    expect((await act(t.ticketNo, action, user, body)).status).toBe(200);
  }
  return t;
}

const dissatisfiedQueue = async () => {
  const res = await request(`${BASE}/api/v1/tickets?queue=dissatisfied&limit=100`, {
    headers: { authorization: `Bearer ${await login('dispatcher')}` },
  });
  return ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.map((i) => i.ticketNo);
};

describe('the rating form', () => {
  it('is not offered before the answer is approved', async () => {
    const t = await answeredTicket(false);
    const { status, html } = await page(t.ticketNo, t.queryCode);
    expect(status).toBe(200);
    expect(hasRatingForm(html)).toBe(false);
  });

  it('is offered once the answer is approved, carrying the number and code it was opened with', async () => {
    const t = await answeredTicket();
    const { html } = await page(t.ticketNo, t.queryCode);
    expect(hasRatingForm(html)).toBe(true);
    expect(html).toContain(`name="no" value="${t.ticketNo}"`);
    expect(html).toContain(`name="code" value="${t.queryCode}"`);
    for (const label of ['解决了吗', '已解决', '未解决', '满意', '基本满意', '不满意']) expect(html).toContain(label);
  });

  it('rates once: the page thanks the resident, shows the rating, and refuses a second one in Chinese', async () => {
    const t = await answeredTicket();
    const fields = { no: t.ticketNo, code: t.queryCode, resolved: 'yes', satisfaction: 'basically_satisfied' };
    const first = await postRating({ ...fields, comment: '修得挺快' });
    expect(first.status).toBe(200);
    expect(first.html).toContain('感谢您的评价');
    expect(first.html).toContain('已办结');
    expect(first.html).toContain('本次答复：已解决，基本满意。意见：修得挺快');
    expect(hasRatingForm(first.html)).toBe(false);
    const api = await request(`${BASE}/api/v1/track/${t.ticketNo}?code=${t.queryCode}`);
    expect(((await api.json()) as { rating: unknown }).rating).toEqual({
      resolved: true,
      satisfaction: 'basically_satisfied',
    });

    const second = await postRating({ ...fields, resolved: 'no', satisfaction: 'dissatisfied' });
    expect(second.status).toBe(409);
    expect(second.html).toContain('该次答复已评价');
    expect(await dissatisfiedQueue()).not.toContain(t.ticketNo);
  });

  it('puts a 不满意 answer in the centre’s dissatisfied queue', async () => {
    const t = await answeredTicket();
    const { status } = await postRating({
      no: t.ticketNo,
      code: t.queryCode,
      resolved: 'no',
      satisfaction: 'dissatisfied',
    });
    expect(status).toBe(200);
    expect(await dissatisfiedQueue()).toContain(t.ticketNo);
  });

  it('gives the form back with the choices kept and the missing one named', async () => {
    const t = await answeredTicket();
    const { status, html } = await postRating({
      no: t.ticketNo,
      code: t.queryCode,
      resolved: 'no',
      comment: '还是不亮',
    });
    expect(status).toBe(422);
    expect(html).toContain('请选择满意程度');
    expect(html).toMatch(/value="no" checked/);
    expect(html).toContain('还是不亮');
    expect(hasRatingForm((await page(t.ticketNo, t.queryCode)).html)).toBe(true);
  });

  it('answers a wrong code like an unknown ticket, and refuses a form from another site', async () => {
    const t = await answeredTicket();
    const wrong = t.queryCode === '000000' ? '111111' : '000000';
    const fields = { no: t.ticketNo, code: wrong, resolved: 'yes', satisfaction: 'satisfied' };
    const refused = await postRating(fields);
    expect(refused.status).toBe(404);
    expect(refused.html).toContain('工单号或查询码不正确');
    expect(refused.html).not.toContain(wrong);
    const forged = await postRating({ ...fields, code: t.queryCode }, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(hasRatingForm((await page(t.ticketNo, t.queryCode)).html)).toBe(true);
  });
});
