// Deliveries to residents against gateways that fail: the SMS webhook, WeChat's customer-message
// API and the e-mail binding, each a fake here. The cron's delivery runs retry each row with its
// backoff; a row whose gateway never recovers ends, after its last attempt, in the admins' dead
// letters; a gateway that recovers before then delivers the message once. D1 failing after a send
// leaves the row claimed, and it goes out again when the claim lapses: at least once, never lost.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordInbound } from '../../channels/wechat/store';
import { wechatTestEnv } from '../../channels/wechat/test-helpers';
import { CLAIM_LEASE_MS } from '../../tickets/outbox';
import worker from '../../worker/index';
import { BASE, login, request } from '../helpers';
import { failingD1 } from './failing-d1';

const smsUrl = 'http://sms-gateway.fake/send';
const wechatApi = 'http://wechat-api.fake';
/** After the 8th failed attempt a delivery is given up (tickets/outbox.ts). */
const lastAttempt = 8;

interface Gateway {
  /** Attempts each channel's gateway still refuses; Infinity for one that never recovers. */
  failures: Record<'sms' | 'wechat' | 'email', number>;
  /** Messages each gateway accepted, by recipient. */
  accepted: Array<{ channel: string; recipient: string }>;
  attempts: Record<string, number>;
}
let gateway: Gateway;

const refuse = (channel: keyof Gateway['failures']) => {
  gateway.attempts[channel] = (gateway.attempts[channel] ?? 0) + 1;
  if (gateway.failures[channel] <= 0) return false;
  gateway.failures[channel]--;
  return true;
};

const emailBinding = {
  async send(message: { to: string }) {
    if (refuse('email')) throw new Error('mail relay unavailable');
    gateway.accepted.push({ channel: 'email', recipient: message.to });
  },
};

const testEnv = wechatTestEnv({
  SMS_WEBHOOK_URL: smsUrl,
  WECHAT_API_BASE: wechatApi,
  MAILBOX_EMAIL: emailBinding as unknown as SendEmail,
});

beforeEach(() => {
  gateway = { failures: { sms: 0, wechat: 0, email: 0 }, accepted: [], attempts: {} };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (req.url === smsUrl) {
      if (refuse('sms')) return new Response('gateway down', { status: 502 });
      gateway.accepted.push({ channel: 'sms', recipient: ((await req.json()) as { to: string }).to });
      return Response.json({ ok: true });
    }
    if (url.origin !== wechatApi) return realFetch(input, init);
    if (url.pathname === '/cgi-bin/token') return Response.json({ access_token: 'ACCESS-FAULTS', expires_in: 7200 });
    if (refuse('wechat')) return Response.json({ errcode: -1, errmsg: 'system error' });
    gateway.accepted.push({ channel: 'wechat', recipient: ((await req.json()) as { touser: string }).touser });
    return Response.json({ errcode: 0, errmsg: 'ok' });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

let seq = 0;
/** One pending delivery on each channel, due now; the WeChat user wrote in just now (48-hour window). */
async function deliveries(now: number) {
  seq++;
  const rows = {
    sms: { id: `fault-sms-${seq}`, recipient: `1380000${String(seq).padStart(4, '0')}` },
    wechat: { id: `fault-wechat-${seq}`, recipient: `oFault${seq}` },
    email: { id: `fault-email-${seq}`, recipient: `resident${seq}@example.com` },
  };
  await recordInbound(env.DB, rows.wechat.recipient, now);
  for (const [channel, row] of Object.entries(rows)) {
    await env.DB.prepare(
      `INSERT INTO outbox
       (id, ticket_id, channel, recipient, kind, subject, body, status, attempts, created_at, next_attempt_at)
       VALUES (?1, NULL, ?2, ?3, 'reply', '工单答复', '您的工单已由城管局答复：路灯已修复。', 'pending', 0, ?4, 0)`,
    )
      .bind(row.id, channel, row.recipient, now)
      .run();
  }
  return rows;
}

const statusOf = (id: string) =>
  env.DB.prepare('SELECT status, attempts, last_error AS lastError FROM outbox WHERE id = ?')
    .bind(id)
    .first<{ status: string; attempts: number; lastError: string | null }>();

/** Cron runs 11 minutes apart: past the longest backoff (10 min), so every pending row is due each time. */
async function cronRuns(count: number, from: number, bindings: Partial<Env> = {}): Promise<number> {
  let at = from;
  for (let i = 0; i < count; i++) {
    at += 11 * 60_000;
    await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: at, noRetry() {} } as ScheduledController, {
      ...testEnv,
      ...bindings,
    });
  }
  return at;
}

async function deadLetterIds(): Promise<string[]> {
  const res = await request(`${BASE}/api/v1/admin/dead-letters?limit=100`, {
    headers: { authorization: `Bearer ${await login('admin')}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
}

describe('a gateway that never recovers', () => {
  it('is tried on every channel until the last attempt, then the delivery is a dead letter', async () => {
    const now = Date.now();
    const rows = await deliveries(now);
    gateway.failures = { sms: Infinity, wechat: Infinity, email: Infinity };
    await cronRuns(lastAttempt - 1, now);
    for (const row of Object.values(rows)) {
      expect(await statusOf(row.id)).toMatchObject({ status: 'pending', attempts: lastAttempt - 1 });
    }
    expect(await deadLetterIds()).not.toContain(rows.sms.id);
    await cronRuns(1, now + (lastAttempt - 1) * 11 * 60_000);
    for (const [channel, row] of Object.entries(rows)) {
      const after = await statusOf(row.id);
      expect(after, channel).toMatchObject({ status: 'failed', attempts: lastAttempt });
      expect(after?.lastError, channel).toEqual(expect.any(String));
    }
    expect(gateway.attempts).toEqual({ sms: lastAttempt, wechat: lastAttempt, email: lastAttempt });
    expect(gateway.accepted).toEqual([]);
    const dead = await deadLetterIds();
    for (const row of Object.values(rows)) expect(dead).toContain(row.id);
    // A dead letter is not tried again by later runs.
    await cronRuns(2, now + lastAttempt * 11 * 60_000);
    expect(gateway.attempts).toEqual({ sms: lastAttempt, wechat: lastAttempt, email: lastAttempt });
  });
});

describe('a gateway that recovers before the last attempt', () => {
  it('delivers each message exactly once, and none becomes a dead letter', async () => {
    const now = Date.now();
    const rows = await deliveries(now);
    gateway.failures = { sms: 3, wechat: 5, email: lastAttempt - 1 };
    await cronRuns(lastAttempt + 2, now);
    expect(await statusOf(rows.sms.id)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(await statusOf(rows.wechat.id)).toMatchObject({ status: 'sent', attempts: 6 });
    expect(await statusOf(rows.email.id)).toMatchObject({ status: 'sent', attempts: lastAttempt });
    expect(gateway.accepted.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'email', recipient: rows.email.recipient },
      { channel: 'sms', recipient: rows.sms.recipient },
      { channel: 'wechat', recipient: rows.wechat.recipient },
    ]);
    const dead = await deadLetterIds();
    for (const row of Object.values(rows)) expect(dead).not.toContain(row.id);
  });
});

describe('D1 failing after the gateway accepted', () => {
  it('leaves the row claimed, not lost: it goes out again once the claim lapses, then is marked sent', async () => {
    const now = Date.now();
    const rows = await deliveries(now);
    const d1 = failingD1(env.DB, { match: /update "outbox" set "status"/i, times: 1 });
    await worker
      .scheduled({ cron: '*/5 * * * *', scheduledTime: now, noRetry() {} } as ScheduledController, {
        ...testEnv,
        DB: d1.db,
      })
      .catch(() => {});
    expect(d1.failures).toBe(1);
    expect(gateway.accepted).toHaveLength(3);
    expect(await statusOf(rows.sms.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // Within the claim nothing is sent again; after it, the run sends and marks every row.
    await worker.scheduled(
      { cron: '*/5 * * * *', scheduledTime: now + CLAIM_LEASE_MS - 1000, noRetry() {} } as ScheduledController,
      testEnv,
    );
    expect(gateway.accepted).toHaveLength(3);
    await worker.scheduled(
      { cron: '*/5 * * * *', scheduledTime: now + CLAIM_LEASE_MS + 1000, noRetry() {} } as ScheduledController,
      testEnv,
    );
    for (const row of Object.values(rows)) expect(await statusOf(row.id)).toMatchObject({ status: 'sent' });
    expect(gateway.accepted).toHaveLength(6);
  });
});
