// A chat channel's messages join the resident's open conversation: the batch itself decides
// whether a message starts a ticket or joins one, so concurrent messages of one resident, even
// in one shared batch, still make one ticket, and a repeat of a joined message writes nothing.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { inboundMessageSchema } from './inbound-message';
import { intakeMessage } from './intake';
import { openConversation } from './lifecycle/intake-guards';
import { renderQuery } from './lifecycle/sql-statements';

const WINDOW = 10 * 60_000;
let seq = 0;

function chat(openId: string, text: string, channel: 'wechat' | 'wechaty' = 'wechat') {
  seq++;
  const parsed = inboundMessageSchema.parse({
    channel,
    externalId: `conv-${Date.now()}-${seq}`,
    receivedAt: new Date().toISOString(),
    sender: { openId },
    text,
  });
  return { ...parsed, raw: `<xml>${text}</xml>` };
}

const ticketOf = (ticketNo: string) =>
  env.DB.prepare('SELECT id, text, version, status FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<{ id: string; text: string; version: number; status: string }>();
const eventsOf = async (ticketId: string) =>
  (
    await env.DB.prepare('SELECT seq, action, data FROM ticket_events WHERE ticket_id = ? ORDER BY seq')
      .bind(ticketId)
      .all<{ seq: number; action: string; data: string }>()
  ).results;

describe('happy path', () => {
  it('joins a later message to the open ticket: its text, an append event and the inbox link', async () => {
    const first = await intakeMessage(env, chat('o-conv-1', '小区门口的路灯坏了'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
    });
    const second = await intakeMessage(env, chat('o-conv-1', '在3栋和5栋之间'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
    });
    expect(first).toMatchObject({ appended: false, duplicate: false });
    expect(second).toMatchObject({
      ticketNo: first.ticketNo,
      queryCode: first.queryCode,
      appended: true,
      duplicate: false,
      status: first.status,
    });
    const ticket = await ticketOf(first.ticketNo);
    expect(ticket!.text).toBe('小区门口的路灯坏了\n在3栋和5栋之间');
    const events = await eventsOf(ticket!.id);
    // The append comes right after the opening events, numbered on from the ticket's version.
    expect(events.at(-1)).toMatchObject({ seq: events.length, action: 'append' });
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ channel: 'wechat', text: '在3栋和5栋之间' });
    expect(ticket!.version).toBe(events.length);
    const linked = await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE ticket_id = ? AND status = 'processed'")
      .bind(ticket!.id)
      .first<{ n: number }>();
    expect(linked!.n).toBe(2);
  });

  it('makes one ticket of concurrent messages from one resident, however the batches group them', async () => {
    const texts = ['楼上漏水', '已经三天了', '物业不管', '请尽快处理'];
    const results = await Promise.all(
      texts.map((t) => intakeMessage(env, chat('o-conv-burst', t), { appendWindowMs: WINDOW, acknowledge: false })),
    );
    expect(new Set(results.map((r) => r.ticketNo)).size).toBe(1);
    expect(results.filter((r) => !r.appended)).toHaveLength(1);
    const ticket = await ticketOf(results[0]!.ticketNo);
    expect(ticket!.text.split('\n').sort()).toEqual([...texts].sort());
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.open_id = 'o-conv-burst'",
    ).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it('writes the channel’s own statement in the same batch, for a repeat too', async () => {
    const m = chat('o-conv-along', '噪音扰民');
    const along = () => [
      env.DB.prepare(
        `INSERT INTO channel_tokens (key, value, expires_at) VALUES (?, ?, 0)
         ON CONFLICT(key) DO UPDATE SET value = value + 1`,
      ).bind('test:along', '1'),
    ];
    await intakeMessage(env, m, { appendWindowMs: WINDOW, acknowledge: false, alongside: along() });
    const again = await intakeMessage(env, m, { appendWindowMs: WINDOW, acknowledge: false, alongside: along() });
    expect(again.duplicate).toBe(true);
    const row = await env.DB.prepare("SELECT value FROM channel_tokens WHERE key = 'test:along'").first<{
      value: number;
    }>();
    expect(Number(row!.value)).toBe(2);
  });
});

describe('when a message starts a ticket of its own', () => {
  it('after the window, on another channel, once the open ticket is closed, and with no window', async () => {
    const now = Date.now();
    const old = await intakeMessage(env, chat('o-conv-2', '垃圾没人清运'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
      now: now - WINDOW - 1000,
    });
    const afterWindow = await intakeMessage(env, chat('o-conv-2', '还是没人清运'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
      now,
    });
    expect(afterWindow.appended).toBe(false);
    expect(afterWindow.ticketNo).not.toBe(old.ticketNo);

    const otherChannel = await intakeMessage(env, chat('o-conv-2', '再反映一次', 'wechaty'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
      now,
    });
    expect(otherChannel.appended).toBe(false);

    await env.DB.prepare("UPDATE tickets SET status = 'closed' WHERE ticket_no = ?").bind(afterWindow.ticketNo).run();
    const afterClose = await intakeMessage(env, chat('o-conv-2', '问题又出现了'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
      now,
    });
    expect(afterClose.appended).toBe(false);
    expect(afterClose.ticketNo).not.toBe(afterWindow.ticketNo);

    const noWindow = await intakeMessage(env, chat('o-conv-2', '另一件事'), { acknowledge: false, now });
    expect(noWindow.appended).toBe(false);
    expect(noWindow.ticketNo).not.toBe(afterClose.ticketNo);
  });
});

describe('cost', () => {
  it('finds the open conversation from the resident’s contact, never by scanning open tickets', async () => {
    const lookup = renderQuery(
      openConversation({ newId: 'x', name: null, phone: '13800000000', email: null, openId: 'o-plan' }, 'wechat', 0),
    );
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN SELECT ${lookup.sql}`)
      .bind(...lookup.params)
      .all<{ detail: string }>();
    const steps = plan.results.map((r) => r.detail);
    expect(steps.some((d) => /SEARCH c USING INDEX contacts_open_id/.test(d))).toBe(true);
    expect(steps.some((d) => /SEARCH t USING INDEX tickets_contact/.test(d))).toBe(true);
    expect(steps.some((d) => /SCAN t\b|tickets_deadline/.test(d))).toBe(false);
  });
});

describe('idempotency', () => {
  it('answers a repeat of a joined message with the joined ticket and changes nothing', async () => {
    const first = await intakeMessage(env, chat('o-conv-3', '路面塌陷'), {
      appendWindowMs: WINDOW,
      acknowledge: false,
    });
    const follow = chat('o-conv-3', '坑很深');
    const joined = await intakeMessage(env, follow, { appendWindowMs: WINDOW, acknowledge: false });
    const before = await ticketOf(first.ticketNo);
    const repeat = await intakeMessage(env, follow, { appendWindowMs: WINDOW, acknowledge: false });
    expect(joined.appended).toBe(true);
    expect(repeat).toMatchObject({ ticketNo: first.ticketNo, duplicate: true, appended: false });
    expect(await ticketOf(first.ticketNo)).toEqual(before);
  });
});
