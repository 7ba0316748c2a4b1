// D1 failing part-way through intake, on every channel: the batch that files the ticket fails
// (it rolls back whole), the raw message stays in the inbox marked failed, the sender gets the
// answer that makes it resend where its protocol does (and is told the message is kept where it
// does not), and the cron takes the message in later, once: a resend after that is a duplicate.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { handleMailboxEmail } from '../../channels/email/mailbox-email';
import { wechatResendAfterMs } from '../../channels/wechat/routes';
import { RETRY_AFTER_MS } from '../../tickets/inbox-retry';
import worker from '../../worker/index';
import {
  apiRequest,
  type ChannelRequest,
  mailboxForm,
  mailboxRequest,
  open311Request,
  phoneRequest,
  residentMail,
  wechatRequest,
  wechatyRequest,
} from '../channel-requests';
import { count, request } from '../helpers';
import { failingD1 } from './failing-d1';

const BASE = 'http://hub.test';
/** The batch that files a ticket; the inbox row kept on its own afterwards is another statement. */
const ticketBatch = /insert into "tickets"/i;
/** Every write of the inbox: nothing of the message can be kept. */
const inboxWrites = /into "inbox"/i;

let seq = 0;
const resident = () => {
  seq++;
  return {
    phone: `1370000${String(seq).padStart(4, '0')}`,
    text: `小区${seq}号楼门口的路灯坏了一个多星期，晚上出行很不方便。`,
  };
};

const send = (r: ChannelRequest, DB: D1Database = env.DB) => request(`${BASE}${r.path}`, r.init, { DB });

interface InboxRow {
  id: string;
  status: string;
  raw: string;
  ticket_id: string | null;
  error: string | null;
}
const inboxByRaw = (channel: string, raw: string) =>
  env.DB.prepare('SELECT id, status, raw, ticket_id, error FROM inbox WHERE channel = ? AND raw = ?')
    .bind(channel, raw)
    .all<InboxRow>()
    .then((r) => r.results);

/** The cron's delivery run sends the acknowledgements too: WeChat's API is a closed port here. */
const cronEnv = { ...env, WECHAT_API_BASE: 'http://127.0.0.1:9' };

async function runCron(at = Date.now() + RETRY_AFTER_MS + 1000): Promise<void> {
  await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: at, noRetry() {} } as ScheduledController, cronEnv);
}

async function ticketNoOf(ticketId: string): Promise<string> {
  const row = await env.DB.prepare('SELECT ticket_no FROM tickets WHERE id = ?')
    .bind(ticketId)
    .first<{ ticket_no: string }>();
  return row!.ticket_no;
}

/** Kept and failed, no ticket; after the cron, one ticket and its acknowledgement. */
async function expectKeptThenTaken(channel: string, raw: string, ackChannel: string): Promise<string> {
  const [kept, ...more] = await inboxByRaw(channel, raw);
  expect(more).toEqual([]);
  expect(kept).toMatchObject({ status: 'failed', raw, ticket_id: null });
  expect(kept!.error).toContain('injected failure');
  await runCron();
  const [taken] = await inboxByRaw(channel, raw);
  expect(taken).toMatchObject({ id: kept!.id, status: 'processed', error: null });
  expect(taken!.ticket_id).toEqual(expect.any(String));
  expect(await count('SELECT count(*) AS n FROM tickets WHERE id = ?', taken!.ticket_id)).toBe(1);
  // The resident was never told a number: the cron's intake acknowledges on their channel.
  const ack = await env.DB.prepare("SELECT channel, body FROM outbox WHERE ticket_id = ? AND kind = 'ack'")
    .bind(taken!.ticket_id)
    .first<{ channel: string; body: string }>();
  const ticketNo = await ticketNoOf(taken!.ticket_id!);
  expect(ack?.channel).toBe(ackChannel);
  expect(ack?.body).toContain(ticketNo);
  return ticketNo;
}

async function expectErrorShape(res: Response, code: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(body.error).toEqual({ code, message: expect.any(String), requestId: expect.any(String) });
}

describe('the JSON intakes (phone, integrations, Wechaty bridge)', () => {
  const cases: Array<[string, (id: string) => ChannelRequest, string]> = [
    ['phone', (id) => phoneRequest(id, resident()), 'sms'],
    ['api', (id) => apiRequest(id, resident()), 'sms'],
    ['wechaty', (id) => wechatyRequest(id, `talker-${id}`, resident().text), 'wechaty'],
  ];
  for (const [channel, build, ackChannel] of cases) {
    it(`${channel}: 503 intake_deferred, kept, filed by the cron; a resend is the duplicate`, async () => {
      const id = `fault-${channel}-${crypto.randomUUID()}`;
      const first = build(id);
      const tickets = await count('SELECT count(*) AS n FROM tickets');
      const d1 = failingD1(env.DB, { match: ticketBatch });
      await expectErrorShape(await send(first, d1.db), 'intake_deferred');
      expect(d1.failures).toBe(1);
      expect(await count('SELECT count(*) AS n FROM tickets')).toBe(tickets);
      const ticketNo = await expectKeptThenTaken(channel, first.init.body as string, ackChannel);
      // A resend of the same message (freshly signed) is answered with the cron's ticket.
      const again = await send(build(id));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ ticketNo, duplicate: true });
    });
  }

  it('503 intake_unavailable when not even the raw message could be kept; the resend is taken in', async () => {
    const id = `fault-down-${crypto.randomUUID()}`;
    const r = resident();
    const d1 = failingD1(env.DB, { match: inboxWrites });
    await expectErrorShape(await send(apiRequest(id, r), d1.db), 'intake_unavailable');
    expect(d1.failures).toBe(2); // the batch, then the inbox row on its own
    expect(await count('SELECT count(*) AS n FROM inbox WHERE external_id = ?', id)).toBe(0);
    const resent = await send(apiRequest(id, r));
    expect(resent.status).toBe(201);
  });
});

describe('the mayor’s mailbox form', () => {
  it('answers a 503 page saying the letter is kept; the cron files it; the same form shows that ticket', async () => {
    const page = await request(`${BASE}/mailbox`);
    const form = mailboxForm(await page.text(), page.headers.getSetCookie());
    const r = resident();
    const letter = mailboxRequest(form, r, '203.0.113.7', BASE);
    const d1 = failingD1(env.DB, { match: ticketBatch });
    const res = await send(letter, d1.db);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('来信已收到');
    const ticketNo = await expectKeptThenTaken('mailbox', letter.init.body as string, 'sms');
    const again = await send(mailboxRequest(form, r, '203.0.113.7', BASE));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(ticketNo);
  });
});

describe('Open311', () => {
  it('answers a 503 in its own error list; the cron files it; the identical POST gets that number', async () => {
    const r = resident();
    const post = open311Request(r);
    const d1 = failingD1(env.DB, { match: ticketBatch });
    const res = await send(post, d1.db);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual([{ code: 503, description: expect.any(String) }]);
    const ticketNo = await expectKeptThenTaken('open311', post.init.body as string, 'sms');
    const again = await send(open311Request(r));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual([expect.objectContaining({ service_request_id: ticketNo })]);
  });
});

describe('the WeChat Official Account', () => {
  it('kept: a passive reply that it is received, so WeChat does not resend; the cron sends the number', async () => {
    const msgId = String(7_400_000_000_000_000_000n + BigInt(seq++));
    const openId = `o-fault-${msgId}`;
    const text = resident().text;
    const first = wechatRequest(msgId, openId, text);
    const d1 = failingD1(env.DB, { match: ticketBatch });
    const res = await send(first, d1.db);
    expect(res.status).toBe(200);
    const reply = await res.text();
    expect(reply).toContain('<MsgType><![CDATA[text]]></MsgType>');
    expect(reply).toContain('您的留言已收到');
    const ticketNo = await expectKeptThenTaken('wechat', first.init.body as string, 'wechat');
    // Should WeChat resend anyway, the same MsgId is the same ticket.
    expect(await (await send(wechatRequest(msgId, openId, text))).text()).toContain(ticketNo);
  });

  it('not kept: no answer within WeChat’s 5 s, so that WeChat sends the message again', async () => {
    const msgId = String(7_400_000_000_000_100_000n + BigInt(seq++));
    const d1 = failingD1(env.DB, { match: inboxWrites });
    const started = Date.now();
    const res = await send(wechatRequest(msgId, `o-down-${msgId}`, resident().text), d1.db);
    expect(Date.now() - started).toBeGreaterThanOrEqual(wechatResendAfterMs - 50);
    expect(res.status).toBe(503);
    expect(await count("SELECT count(*) AS n FROM inbox WHERE channel = 'wechat' AND external_id = ?", msgId)).toBe(0);
  }, 15_000);
});

describe('e-mail to the mailbox address', () => {
  it('throws, so Email Routing retries the delivery, with the mail kept; the cron files it once', async () => {
    const messageId = `<fault-${crypto.randomUUID()}@example.com>`;
    const from = `resident-${seq++}@example.com`;
    const raw = residentMail(messageId, from, resident().text);
    const bytes = new TextEncoder().encode(raw);
    const rejected: string[] = [];
    const mail = {
      from,
      to: 'mayor@mailbox.localhost',
      rawSize: bytes.byteLength,
      raw: new Response(bytes).body!,
      setReject: (reason: string) => void rejected.push(reason),
    };
    const d1 = failingD1(env.DB, { match: ticketBatch });
    await expect(handleMailboxEmail(mail, { ...env, DB: d1.db })).rejects.toMatchObject({ code: 'intake_deferred' });
    expect(rejected).toEqual([]); // no bounce: the sender is not told it failed for good
    await expectKeptThenTaken('email', raw, 'email');
    expect(await count("SELECT count(*) AS n FROM inbox WHERE channel = 'email' AND external_id = ?", messageId)).toBe(
      1,
    );
  });
});

describe('the cron', () => {
  it('leaves a message that failed moments ago to its sender’s resend', async () => {
    const id = `fault-fresh-${crypto.randomUUID()}`;
    const d1 = failingD1(env.DB, { match: ticketBatch });
    await send(apiRequest(id, resident()), d1.db);
    await runCron(Date.now());
    expect(
      await env.DB.prepare('SELECT status FROM inbox WHERE external_id = ?').bind(id).first<{ status: string }>(),
    ).toEqual({ status: 'failed' });
  });

  it('keeps a message failed while D1 still fails, and takes it in on a later run', async () => {
    const id = `fault-twice-${crypto.randomUUID()}`;
    const body = apiRequest(id, resident());
    await send(body, failingD1(env.DB, { match: ticketBatch }).db);
    const stillFailing = failingD1(env.DB, { match: ticketBatch });
    await worker.scheduled(
      { cron: '*/5 * * * *', scheduledTime: Date.now() + RETRY_AFTER_MS + 1000, noRetry() {} } as ScheduledController,
      { ...cronEnv, DB: stillFailing.db },
    );
    expect(stillFailing.failures).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare('SELECT status, ticket_id FROM inbox WHERE external_id = ?').bind(id).first()).toEqual({
      status: 'failed',
      ticket_id: null,
    });
    await expectKeptThenTaken('api', body.init.body as string, 'sms');
  });
});
