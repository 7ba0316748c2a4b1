// 公开意愿 on WeChat: the acknowledgement asks whether the matter may be published; a bare
// 同意公开 or 不公开 is thanked at once, taken in as a ticket of its own (even a minute after the
// first message, inside the conversation window), and its follow-up records the consent on the
// ticket it answers and closes the answer's own ticket quietly. With nothing awaiting it, or with
// more words than the answer, it is an ordinary message.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { count, fakeQueue, request, routeEverythingByHand } from '../../tests/helpers';
import { followUpTicket } from '../../tickets/follow-up';
import type { Actor } from '../../tickets/lifecycle/actor';
import { applyAction } from '../../tickets/lifecycle/apply-action';
import { wechatSignature } from './crypto';
import { nowSeconds, token, wechatTestEnv } from './test-helpers';

beforeAll(routeEverythingByHand);

const jobs = fakeQueue();
const testEnv = wechatTestEnv({ PUBLIC_BASE_URL: 'https://hub.example.gov.cn', JOBS: jobs.queue });
const lifecycle = { db: openDb(env.DB), env: testEnv };
const DAY_MS = 86_400_000;

let msgSeq = 7_500_000_000_000_000_000n;

/** Sends a text message as the resident; returns the passive reply's Content and their newest ticket. */
async function send(openId: string, content: string) {
  const timestamp = nowSeconds();
  const nonce = String(Math.floor(Math.random() * 1e9));
  const msgId = String(msgSeq++);
  const xml =
    `<xml><ToUserName><![CDATA[gh_12345hotline]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  const res = await request(
    `/channels/wechat?signature=${wechatSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
    { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } },
    testEnv,
  );
  expect(res.status).toBe(200);
  const reply = /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(await res.text())![1]!;
  const ticket = await env.DB.prepare(
    `SELECT t.id, t.ticket_no AS ticketNo, t.status, t.text FROM tickets t JOIN contacts c ON c.id = t.contact_id
     WHERE c.open_id = ? ORDER BY t.created_at DESC, t.rowid DESC LIMIT 1`,
  )
    .bind(openId)
    .first<{ id: string; ticketNo: string; status: string; text: string }>();
  return { reply, ticket: ticket!, msgId };
}

const ticketRow = (id: string) =>
  env.DB.prepare('SELECT status, text, consent_to_publish AS consent FROM tickets WHERE id = ?')
    .bind(id)
    .first<{ status: string; text: string; consent: number }>();

const consentEvents = async (id: string) =>
  (
    await env.DB.prepare(
      "SELECT actor_role AS role, data FROM ticket_events WHERE ticket_id = ? AND action = 'consent' ORDER BY seq",
    )
      .bind(id)
      .all<{ role: string; data: string }>()
  ).results.map((e) => ({ role: e.role, ...JSON.parse(e.data) }));

const queuedFollowUps = (ticketId: string) =>
  jobs.sent.filter((m) => JSON.stringify(m.body) === JSON.stringify({ kind: 'follow_up', ticketId })).length;

const question = '如同意在政务公开栏目公开您的诉求和答复（个人信息隐去），请回复“同意公开”；回复“不公开”可随时撤回。';
const matter = '幸福路12号小区门口的路灯坏了一个星期，晚上很黑，请尽快修理。';

describe('公开意愿 by an answer on WeChat', () => {
  it('asks with the acknowledgement, records 同意公开 sent inside the window, and closes the answer', async () => {
    const openId = 'oConsentAnswer0001';
    const first = await send(openId, matter);
    expect(first.reply).toContain(`工单号：${first.ticket.ticketNo}`);
    expect(first.reply.endsWith(question)).toBe(true);
    expect((await ticketRow(first.ticket.id))!.consent).toBe(0);

    // A minute later is well inside the 10-minute window in which a message joins the open ticket.
    const answer = await send(openId, ' 同意公开。 ');
    expect(answer.reply).toBe(
      `感谢您的支持！工单 ${first.ticket.ticketNo} 的诉求和答复将在隐去个人信息后于政务公开栏目公开。回复“不公开”可随时撤回。`,
    );
    expect(answer.ticket.id).not.toBe(first.ticket.id);
    expect((await ticketRow(first.ticket.id))!.text).toBe(matter);
    expect(
      await count("SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = 'append'", first.ticket.id),
    ).toBe(0);
    // The inbox keeps the answer raw, linked to its own ticket.
    const raw = await env.DB.prepare('SELECT raw FROM inbox WHERE ticket_id = ?')
      .bind(answer.ticket.id)
      .first<{ raw: string }>();
    expect(raw!.raw).toContain(`<MsgId>${answer.msgId}</MsgId>`);
    expect(raw!.raw).toContain('<Content><![CDATA[ 同意公开。 ]]></Content>');
    expect(queuedFollowUps(answer.ticket.id)).toBe(1);

    const outcome = await followUpTicket(lifecycle, answer.ticket.id);
    expect(outcome.consentTicketNo).toBe(first.ticket.ticketNo);
    expect((await ticketRow(first.ticket.id))!.consent).toBe(1);
    expect(await consentEvents(first.ticket.id)).toEqual([{ role: 'resident', consent: true, source: 'wechat' }]);
    // The answer's own ticket is closed as invalid, with no word to the resident about it.
    expect((await ticketRow(answer.ticket.id))!.status).toBe('closed');
    const closing = await env.DB.prepare("SELECT reason FROM ticket_events WHERE ticket_id = ? AND action = 'close'")
      .bind(answer.ticket.id)
      .first<{ reason: string }>();
    expect(closing!.reason).toBe(`公开意愿答复（已记入工单 ${first.ticket.ticketNo}）`);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?', answer.ticket.id)).toBe(0);

    // Saying it again is thanked and changes nothing: no second event, and no text appended.
    const again = await send(openId, '同意');
    expect(again.reply).toContain(`工单 ${first.ticket.ticketNo} 的诉求和答复将在隐去个人信息后`);
    expect((await followUpTicket(lifecycle, again.ticket.id)).consentTicketNo).toBe(first.ticket.ticketNo);
    expect(await consentEvents(first.ticket.id)).toHaveLength(1);
    expect((await ticketRow(first.ticket.id))!.text).toBe(matter);

    // 不公开 withdraws it, through the same path.
    const withdraw = await send(openId, '不公开！');
    expect(withdraw.reply).toBe(`已记录：工单 ${first.ticket.ticketNo} 不公开。`);
    expect((await followUpTicket(lifecycle, withdraw.ticket.id)).consentTicketNo).toBe(first.ticket.ticketNo);
    expect((await ticketRow(first.ticket.id))!.consent).toBe(0);
    expect(await consentEvents(first.ticket.id)).toEqual([
      { role: 'resident', consent: true, source: 'wechat' },
      { role: 'resident', consent: false, source: 'wechat' },
    ]);
    expect((await ticketRow(withdraw.ticket.id))!.status).toBe('closed');
  });

  it('takes an answer from a resident with nothing awaiting it as an ordinary message', async () => {
    const openId = 'oConsentAnswer0002';
    const { reply, ticket } = await send(openId, '同意公开');
    expect(reply).toContain(`工单号：${ticket.ticketNo}`);
    expect(reply).toContain('您的诉求已受理');
    expect((await followUpTicket(lifecycle, ticket.id)).consentTicketNo).toBeUndefined();
    expect((await ticketRow(ticket.id))!).toMatchObject({ status: 'received', consent: 0 });
  });

  it('joins more words than an answer to the open ticket, as any later message of the conversation', async () => {
    const openId = 'oConsentAnswer0003';
    const first = await send(openId, matter);
    const more = await send(openId, '同意公开，另外路灯旁边的井盖也松了');
    expect(more.ticket.id).toBe(first.ticket.id);
    expect(more.reply).toContain(`您补充的内容已并入工单 ${first.ticket.ticketNo}`);
    expect((await ticketRow(first.ticket.id))!).toMatchObject({
      text: `${matter}\n同意公开，另外路灯旁边的井盖也松了`,
      consent: 0,
    });
  });

  it('grants only within 7 days of the ticket, and withdraws however old the consented ticket is', async () => {
    const openId = 'oConsentAnswer0004';
    const old = await send(openId, matter);
    await env.DB.prepare('UPDATE tickets SET received_at = ?1, created_at = ?1 WHERE id = ?2')
      .bind(Date.now() - 8 * DAY_MS, old.ticket.id)
      .run();
    const late = await send(openId, '同意公开');
    expect(late.reply).toContain(`工单号：${late.ticket.ticketNo}`);
    expect((await followUpTicket(lifecycle, late.ticket.id)).consentTicketNo).toBeUndefined();
    expect((await ticketRow(old.ticket.id))!.consent).toBe(0);

    // A consented ticket of 30 days ago is still withdrawn by 不公开.
    await env.DB.prepare('UPDATE tickets SET received_at = ?1, created_at = ?1, consent_to_publish = 1 WHERE id = ?2')
      .bind(Date.now() - 30 * DAY_MS, old.ticket.id)
      .run();
    const withdraw = await send(openId, '不同意');
    expect(withdraw.reply).toBe(`已记录：工单 ${old.ticket.ticketNo} 不公开。`);
    expect((await followUpTicket(lifecycle, withdraw.ticket.id)).consentTicketNo).toBe(old.ticket.ticketNo);
    expect((await ticketRow(old.ticket.id))!.consent).toBe(0);
  });

  it('records a plain 不公开 on a ticket just asked, as its answer', async () => {
    const openId = 'oConsentAnswer0005';
    const first = await send(openId, matter);
    const no = await send(openId, '不公开');
    expect(no.reply).toBe(`已记录：工单 ${first.ticket.ticketNo} 不公开。`);
    await followUpTicket(lifecycle, no.ticket.id);
    expect(await consentEvents(first.ticket.id)).toEqual([{ role: 'resident', consent: false, source: 'wechat' }]);
    // The resident may still change their mind within the week.
    const yes = await send(openId, '同意公开');
    await followUpTicket(lifecycle, yes.ticket.id);
    expect((await ticketRow(first.ticket.id))!.consent).toBe(1);
  });

  it('takes a rating digit inside the window on its own too, not as words for the open ticket', async () => {
    const openId = 'oConsentAnswer0006';
    const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
    const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };
    const reviewer: Actor = { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' };
    const answered = await send(openId, matter);
    for (const [action, actor, input] of [
      ['dispatch', dispatcher, { departmentCode: 'cgj' }],
      ['sign', handler, {}],
      ['reply', handler, { text: '经核查，该路灯线路老化，已更换线路并恢复照明。' }],
      ['approve', reviewer, {}],
    ] as const) {
      await applyAction(lifecycle, answered.ticket.ticketNo, action, actor, input);
    }
    const open = await send(openId, '另外小区东门的垃圾桶满了好几天没人清运。');
    const digit = await send(openId, '1');
    expect(digit.reply).toBe('感谢您的评价！');
    expect(digit.ticket.id).not.toBe(open.ticket.id);
    expect((await ticketRow(open.ticket.id))!.text).toBe('另外小区东门的垃圾桶满了好几天没人清运。');
    expect((await followUpTicket(lifecycle, digit.ticket.id)).ratedTicketNo).toBe(answered.ticket.ticketNo);
  });
});
