// The workbench's reply form for a 依申请公开 ticket: the outcome and reason selects, a refusal
// shown beside its select with the choices kept, and a reply whose outcome is stored.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../dashboard/workbench/page-session';
import { act, createTicket, routeEverythingByHand } from '../tests/helpers';

const REPLY = '经查，您申请的信息属于国家秘密，依据《政府信息公开条例》第十四条不予公开。';
let handler: PageSession;

beforeAll(async () => {
  await routeEverythingByHand();
  handler = await signInPage('zjj.handler');
});

async function signed(type: string) {
  const { ticketNo } = await createTicket({ text: '申请公开本市人防工程的分布图及其建设档案。' });
  expect((await act(ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj', type })).status).toBe(200);
  expect((await act(ticketNo, 'sign', 'zjj.handler', {})).status).toBe(200);
  return `/workbench/tickets/${ticketNo}`;
}

describe('the reply form', () => {
  it('shows the outcome and the reasons grouped by outcome for a 依申请公开 ticket only', async () => {
    const page = (await handler.get(await signed('依申请公开'))).html;
    expect(page).toContain('<select id="reply-disclosure" name="disclosure">');
    expect(page).toContain('<option value="withheld">（三）不予公开</option>');
    expect(page).toContain('<optgroup label="不予公开"><option value="state_secret">属于国家秘密</option>');
    expect(page).toContain('<optgroup label="其他处理">');
    expect(page).not.toContain('<optgroup label="予以公开">');
    const other = (await handler.get(await signed('求助'))).html;
    expect(other).toContain('id="reply-text"');
    expect(other).not.toContain('name="disclosure"');
  });

  it('keeps the choices and names the field when the reason is missing, then stores a full answer', async () => {
    const path = await signed('依申请公开');
    const missing = await handler.post(`${path}/actions/reply`, { text: REPLY, disclosure: 'withheld' });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('<option value="withheld" selected="">（三）不予公开</option>');
    expect(html).toMatch(/id="reply-disclosure.reason"[\s\S]*?<p class="error"[^>]*>「不予公开」须选择理由<\/p>/);

    const none = await handler.post(`${path}/actions/reply`, { text: REPLY, disclosure: '' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择依申请公开的办理结果');

    const ok = await handler.post(`${path}/actions/reply`, {
      text: REPLY,
      disclosure: 'withheld',
      'disclosure.reason': 'state_secret',
      'disclosure.note': '',
    });
    expect(ok.status).toBe(303);
    const ticketNo = path.split('/').pop();
    const row = await env.DB.prepare(
      'SELECT r.disclosure FROM replies r JOIN tickets t ON t.id = r.ticket_id WHERE t.ticket_no = ?',
    )
      .bind(ticketNo)
      .first<{ disclosure: string }>();
    expect(JSON.parse(row!.disclosure)).toEqual({ outcome: 'withheld', reason: 'state_secret' });
  });
});
