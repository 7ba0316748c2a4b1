// 回访 on WeChat: the approved answer invites 1 满意 / 2 基本满意 / 3 不满意; a bare digit from
// the resident is thanked at once, and its follow-up rates the answered ticket as the resident's
// and closes the digit's own ticket. With nothing awaiting a rating, or once it is rated, a digit
// is an ordinary message.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { BASE, fakeQueue, login, request, routeEverythingByHand } from '../../tests/helpers';
import { followUpTicket } from '../../tickets/follow-up';
import type { Actor } from '../../tickets/lifecycle/actor';
import { applyAction } from '../../tickets/lifecycle/apply-action';
import { wechatSignature } from './crypto';
import { nowSeconds, token, wechatTestEnv } from './test-helpers';

beforeAll(routeEverythingByHand);

const jobs = fakeQueue();
const testEnv = wechatTestEnv({ PUBLIC_BASE_URL: 'https://hub.example.gov.cn', JOBS: jobs.queue });
const lifecycle = { db: openDb(env.DB), env: testEnv };
const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };
const reviewer: Actor = { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' };

let msgSeq = 7_400_000_000_000_000_000n;

/** Sends a text message as the resident; returns the passive reply's Content and the new ticket. */
async function send(openId: string, content: string) {
  const timestamp = nowSeconds();
  const nonce = String(Math.floor(Math.random() * 1e9));
  const xml =
    `<xml><ToUserName><![CDATA[gh_12345hotline]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgSeq++}</MsgId></xml>`;
  const res = await request(
    `/channels/wechat?signature=${wechatSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
    { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } },
    testEnv,
  );
  expect(res.status).toBe(200);
  const reply = /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(await res.text())![1]!;
  const ticket = await env.DB.prepare(
    `SELECT t.id, t.ticket_no AS ticketNo, t.status FROM tickets t JOIN contacts c ON c.id = t.contact_id
     WHERE c.open_id = ? ORDER BY t.created_at DESC, t.rowid DESC LIMIT 1`,
  )
    .bind(openId)
    .first<{ id: string; ticketNo: string; status: string }>();
  return { reply, ticket: ticket! };
}

/** A resident's WeChat ticket answered by 城管局 and approved; returns it with the reply notice. */
async function answeredTicket(openId: string) {
  const { ticket } = await send(openId, '幸福路12号小区门口的路灯坏了一个星期，晚上很黑，请尽快修理。');
  for (const [action, actor, input] of [
    ['dispatch', dispatcher, { departmentCode: 'cgj' }],
    ['sign', handler, {}],
    ['reply', handler, { text: '经核查，该路灯线路老化，已更换线路并恢复照明。' }],
    ['approve', reviewer, {}],
  ] as const) {
    await applyAction(lifecycle, ticket.ticketNo, action, actor, input);
  }
  const notice = await env.DB.prepare(
    "SELECT channel, recipient, body FROM outbox WHERE ticket_id = ? AND kind = 'reply'",
  )
    .bind(ticket.id)
    .first<{ channel: string; recipient: string; body: string }>();
  return { ticket, notice: notice! };
}

const ratingsOf = async (ticketId: string) =>
  (
    await env.DB.prepare('SELECT round, satisfaction, resolved, source FROM ratings WHERE ticket_id = ?')
      .bind(ticketId)
      .all()
  ).results;

const statusOf = async (ticketId: string) =>
  (await env.DB.prepare('SELECT status FROM tickets WHERE id = ?').bind(ticketId).first<{ status: string }>())!.status;

async function dissatisfiedQueue() {
  const res = await request(`${BASE}/api/v1/tickets?queue=dissatisfied&limit=100`, {
    headers: { authorization: `Bearer ${await login('dispatcher')}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.map((i) => i.ticketNo);
}

const queuedFollowUps = (ticketId: string) =>
  jobs.sent.filter((m) => JSON.stringify(m.body) === JSON.stringify({ kind: 'follow_up', ticketId })).length;

describe('回访 by a digit on WeChat', () => {
  it('invites 1/2/3 with the answer, thanks the resident for a 3 and rates the answer 不满意, unresolved', async () => {
    const openId = 'oRateByDigit0001';
    const { ticket, notice } = await answeredTicket(openId);
    expect(notice.channel).toBe('wechat');
    expect(notice.recipient).toBe(openId);
    expect(notice.body).toContain('经核查，该路灯线路老化，已更换线路并恢复照明。');
    expect(notice.body).toContain('回复 1 满意，2 基本满意，3 不满意');

    const { reply, ticket: digit } = await send(openId, '3');
    expect(reply).toBe('感谢您的评价！');
    expect(digit.id).not.toBe(ticket.id);
    expect(queuedFollowUps(digit.id)).toBe(1);
    const raw = await env.DB.prepare('SELECT raw FROM inbox WHERE ticket_id = ?')
      .bind(digit.id)
      .first<{ raw: string }>();
    expect(raw!.raw).toContain('<Content><![CDATA[3]]></Content>');

    const outcome = await followUpTicket(lifecycle, digit.id);
    expect(outcome.ratedTicketNo).toBe(ticket.ticketNo);
    expect(await ratingsOf(ticket.id)).toEqual([
      { round: 0, satisfaction: 'dissatisfied', resolved: 0, source: 'resident' },
    ]);
    expect(await statusOf(ticket.id)).toBe('closed');
    expect(await dissatisfiedQueue()).toContain(ticket.ticketNo);
    // The digit's own ticket is closed as 回访, quietly: no notice to the resident about it.
    expect(await statusOf(digit.id)).toBe('closed');
    const closing = await env.DB.prepare("SELECT reason FROM ticket_events WHERE ticket_id = ? AND action = 'close'")
      .bind(digit.id)
      .first<{ reason: string }>();
    expect(closing!.reason).toBe(`回访评价（已记入工单 ${ticket.ticketNo}）`);
    const notices = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?')
      .bind(digit.id)
      .first<{ n: number }>();
    expect(notices!.n).toBe(0);

    // A second digit finds the answer rated: an ordinary message, acknowledged with its ticket.
    const again = await send(openId, '2');
    expect(again.reply).toContain(`工单号：${again.ticket.ticketNo}`);
    expect(again.ticket.id).not.toBe(digit.id);
    const second = await followUpTicket(lifecycle, again.ticket.id);
    expect(second.ratedTicketNo).toBeUndefined();
    expect(await ratingsOf(ticket.id)).toHaveLength(1);
    expect(await statusOf(again.ticket.id)).toBe('received');
  });

  it('takes a 1 from a resident with nothing to rate as an ordinary message', async () => {
    const openId = 'oRateByDigit0002';
    const { reply, ticket } = await send(openId, '1');
    expect(reply).toContain(`工单号：${ticket.ticketNo}`);
    expect(reply).toContain('您的诉求已受理');
    expect((await followUpTicket(lifecycle, ticket.id)).ratedTicketNo).toBeUndefined();
    expect(await statusOf(ticket.id)).toBe('received');
  });

  it('rates 1 as 满意 and resolved', async () => {
    const openId = 'oRateByDigit0003';
    const { ticket } = await answeredTicket(openId);
    const { reply, ticket: digit } = await send(openId, ' 1 ');
    expect(reply).toBe('感谢您的评价！');
    await followUpTicket(lifecycle, digit.id);
    expect(await ratingsOf(ticket.id)).toEqual([
      { round: 0, satisfaction: 'satisfied', resolved: 1, source: 'resident' },
    ]);
    expect(await dissatisfiedQueue()).not.toContain(ticket.ticketNo);
  });
});
