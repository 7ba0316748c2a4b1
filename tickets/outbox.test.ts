// Delivery to residents: sent rows are marked, failures are set a later attempt and then give
// up, channels without a sender fail at once, a delivery run claims only what is due and never
// what another run holds, and the queue's doorbell and the cron both start a run.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { senders } from '../channels/senders';
import { openDb } from '../db/client';
import worker from '../worker/index';
import {
  announceDeliveries,
  CLAIM_LEASE_MS,
  claimDueDeliveries,
  deliverDue,
  deliverOutbox,
  deliveryTargetFor,
  outboxInsert,
  retryDelayMs,
} from './outbox';

const db = openDb(env.DB);

async function row(id: string, channel: string, createdAt = Date.now()) {
  await outboxInsert(db, {
    id,
    ticketId: null,
    target: { channel, recipient: 'oResident' },
    kind: 'reply',
    body: '您的工单已答复。',
    now: createdAt,
  });
}

const statusOf = async (id: string) =>
  env.DB.prepare('SELECT status, attempts, last_error FROM outbox WHERE id = ?')
    .bind(id)
    .first<{ status: string; attempts: number; last_error: string | null }>();
const nextAttemptOf = async (id: string) =>
  (await env.DB.prepare('SELECT next_attempt_at AS at FROM outbox WHERE id = ?').bind(id).first<{ at: number }>())?.at;
// Each test starts from an outbox with nothing pending, so a run's counts are its own rows.
const clearPending = () => env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();

describe('delivery', () => {
  it('marks a delivered row sent and acks its message', async () => {
    await row('o-sent', 'test-ok');
    const send = vi.fn(async () => {});
    const retry = await deliverOutbox(env, db, ['o-sent'], { 'test-ok': send });
    expect(retry).toEqual([]);
    expect(send).toHaveBeenCalledOnce();
    expect(await statusOf('o-sent')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks only the rows that went out as sent, each one attempt on from its own count', async () => {
    await row('o-mix-a', 'test-ok');
    await row('o-mix-b', 'test-down');
    await row('o-mix-c', 'test-ok');
    // C failed twice before and goes out now.
    await env.DB.prepare('UPDATE outbox SET attempts = 2 WHERE id = ?').bind('o-mix-c').run();
    const mixed = {
      'test-ok': async () => {},
      'test-down': async () => {
        throw new Error('gateway 502');
      },
    };
    expect(await deliverOutbox(env, db, ['o-mix-a', 'o-mix-b', 'o-mix-c'], mixed)).toEqual(['o-mix-b']);
    expect(await statusOf('o-mix-a')).toEqual({ status: 'sent', attempts: 1, last_error: null });
    expect(await statusOf('o-mix-b')).toEqual({ status: 'pending', attempts: 1, last_error: 'gateway 502' });
    expect(await statusOf('o-mix-c')).toEqual({ status: 'sent', attempts: 3, last_error: null });
  });

  it('retries a failing sender later each time, then gives up after eight attempts', async () => {
    await row('o-flaky', 'test-down');
    const failing = {
      'test-down': async () => {
        throw new Error('gateway 502');
      },
    };
    const now = Date.now();
    // 30 s after the first failure, doubling, never more than 10 minutes.
    const expected = [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000];
    for (let i = 1; i <= 7; i++) {
      expect(await deliverOutbox(env, db, ['o-flaky'], failing, now)).toEqual(['o-flaky']);
      expect(await nextAttemptOf('o-flaky')).toBe(now + expected[i - 1]!);
      expect(await statusOf('o-flaky')).toEqual({ status: 'pending', attempts: i, last_error: 'gateway 502' });
    }
    // The cap holds however many attempts a row has had (a queue job's backoff asks for more).
    expect(retryDelayMs(20)).toBe(600_000);
    expect(await deliverOutbox(env, db, ['o-flaky'], failing)).toEqual([]);
    expect(await statusOf('o-flaky')).toEqual({ status: 'failed', attempts: 8, last_error: 'gateway 502' });
  });

  it('fails a row whose channel has no sender', async () => {
    await row('o-nosender', 'carrier-pigeon');
    expect(await deliverOutbox(env, db, ['o-nosender'], senders)).toEqual([]);
    expect(await statusOf('o-nosender')).toMatchObject({
      status: 'failed',
      last_error: 'no sender for channel carrier-pigeon',
    });
  });
});

describe('delivery runs', () => {
  it('claims only due rows, and a claimed row is not claimed again while its lease lasts', async () => {
    await clearPending();
    const now = Date.now();
    await row('o-due', 'test-ok', now - 1000);
    await row('o-later', 'test-ok', now);
    await env.DB.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?')
      .bind(now + 60_000, 'o-later')
      .run();
    const first = await claimDueDeliveries(db, now);
    expect(first.map((r) => r.id)).toEqual(['o-due']);
    expect(await nextAttemptOf('o-due')).toBe(now + CLAIM_LEASE_MS);
    // A second run at the same moment (another consumer) gets nothing.
    expect(await claimDueDeliveries(db, now)).toEqual([]);
    // A run that died leaves its row claimed; when the lease ends it is due again.
    expect((await claimDueDeliveries(db, now + CLAIM_LEASE_MS)).map((r) => r.id).sort()).toEqual(['o-due', 'o-later']);
  });

  it('sends every due row in one run, marks each, and says when the failed one is due again', async () => {
    await clearPending();
    const now = Date.now();
    await row('o-run-a', 'test-ok', now);
    await row('o-run-b', 'test-ok', now);
    await row('o-run-c', 'test-down', now);
    const sent: string[] = [];
    const run = await deliverDue(
      env,
      db,
      {
        'test-ok': async (_e, d) => void sent.push(d.id),
        'test-down': async () => {
          throw new Error('gateway 502');
        },
      },
      { now },
    );
    expect(sent.sort()).toEqual(['o-run-a', 'o-run-b']);
    expect(run).toEqual({ claimed: 3, retry: 1, more: false, nextDueAt: now + 30_000 });
    expect(await statusOf('o-run-a')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await statusOf('o-run-c')).toMatchObject({ status: 'pending', attempts: 1 });
    // Nothing is due until then: a run in between sends nothing.
    expect(await deliverDue(env, db, { 'test-down': async () => {} }, { now: now + 10_000 })).toMatchObject({
      claimed: 0,
    });
    expect((await deliverDue(env, db, { 'test-down': async () => {} }, { now: now + 30_000 })).claimed).toBe(1);
    expect(await statusOf('o-run-c')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('leaves the Wechaty bridge’s rows for the bridge to fetch', async () => {
    await clearPending();
    await row('o-bridge', 'wechaty');
    const run = await deliverDue(env, db, {
      wechaty: async () => {
        throw new Error('must not send');
      },
    });
    expect(run.claimed).toBe(0);
    expect(await statusOf('o-bridge')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('takes at most a hundred rows a claim and goes on claiming within one run', async () => {
    await clearPending();
    const now = Date.now();
    for (let i = 0; i < 150; i++) await row(`o-many-${i}`, 'test-ok', now);
    let count = 0;
    const run = await deliverDue(env, db, { 'test-ok': async () => void count++ }, { now });
    expect(count).toBe(150);
    expect(run).toMatchObject({ claimed: 150, more: false, nextDueAt: null });
  });

  it('answers a batch of doorbells in one run of the Worker’s queue handler, and rings again for a retry', async () => {
    await clearPending();
    await row('o-door-a', 'sms');
    await row('o-door-b', 'carrier-pigeon');
    const sends: Array<{ body: unknown; delaySeconds?: number }> = [];
    const jobs = {
      send: async (body: unknown, options?: { delaySeconds?: number }) =>
        void sends.push({ body, delaySeconds: options?.delaySeconds }),
    } as unknown as Queue;
    const batch = createMessageBatch('hub-jobs', [
      { id: 'd1', timestamp: new Date(), attempts: 1, body: { kind: 'deliver_due' as const } },
      { id: 'd2', timestamp: new Date(), attempts: 1, body: { kind: 'deliver_due' as const } },
    ]);
    const ctx = createExecutionContext();
    const sms = senders.sms;
    senders.sms = async () => {
      throw new Error('gateway 502');
    };
    try {
      await worker.queue(batch, { ...env, JOBS: jobs });
    } finally {
      senders.sms = sms;
    }
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['d1', 'd2']);
    expect(await statusOf('o-door-a')).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway 502' });
    expect(await statusOf('o-door-b')).toMatchObject({
      status: 'failed',
      last_error: 'no sender for channel carrier-pigeon',
    });
    // The SMS row is due again in 30 s: one ring, delayed until then.
    expect(sends).toEqual([{ body: { kind: 'deliver_due' }, delaySeconds: 30 }]);
  });

  it('sends what is due from the cron too, for a doorbell that was lost', async () => {
    await clearPending();
    await row('o-cron', 'test-cron');
    const cronSender = vi.fn(async () => {});
    senders['test-cron'] = cronSender;
    try {
      await worker.scheduled(
        { cron: '*/5 * * * *', scheduledTime: Date.now(), noRetry() {} } as ScheduledController,
        env,
      );
    } finally {
      delete senders['test-cron'];
    }
    expect(cronSender).toHaveBeenCalledOnce();
    expect(await statusOf('o-cron')).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('announcing deliveries', () => {
  it('rings the doorbell for rows a delivery run sends, not for the bridge’s own', async () => {
    const rings = async (channels: string[]) => {
      const sent: unknown[] = [];
      await announceDeliveries(
        { JOBS: { send: async (body: unknown) => void sent.push(body) } as unknown as Queue },
        channels,
      );
      return sent.length;
    };
    expect(await rings([])).toBe(0);
    expect(await rings(['wechaty'])).toBe(0);
    expect(await rings(['wechaty', 'sms'])).toBe(1);
    expect(await rings(['email'])).toBe(1);
  });
});

describe('where answers go', () => {
  it('answers on the resident’s channel where it can, else by SMS, else by e-mail', () => {
    expect(deliveryTargetFor('wechat', { openId: 'oAbc', phone: '13800138000', email: null })).toEqual({
      channel: 'wechat',
      recipient: 'oAbc',
    });
    expect(deliveryTargetFor('email', { openId: null, phone: '13800138000', email: 'a@b.cn' })).toEqual({
      channel: 'email',
      recipient: 'a@b.cn',
    });
    expect(deliveryTargetFor('mailbox', { openId: null, phone: '13800138000', email: 'a@b.cn' })).toEqual({
      channel: 'sms',
      recipient: '13800138000',
    });
    expect(deliveryTargetFor('phone', { openId: null, phone: null, email: 'a@b.cn' })).toEqual({
      channel: 'email',
      recipient: 'a@b.cn',
    });
    expect(deliveryTargetFor('api', { openId: null, phone: null, email: null })).toBeNull();
  });
});
