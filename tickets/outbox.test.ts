// Delivery to residents through the queue: sent rows are marked, failures retry and then give
// up, channels without a sender fail at once, and the sweep re-queues what the queue lost.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/client';
import worker from '../worker/index';
import { senders } from '../channels/senders';
import { deliveryTargetFor, deliverOutbox, findStalledDeliveries, outboxInsert } from './outbox';

const db = openDb(env.DB);

async function row(id: string, channel: string, createdAt = Date.now()) {
  await outboxInsert(db, { id, ticketId: null, target: { channel, recipient: 'oResident' }, kind: 'reply', body: '您的工单已答复。', now: createdAt });
}

const statusOf = async (id: string) => env.DB.prepare('SELECT status, attempts, last_error FROM outbox WHERE id = ?').bind(id).first<{ status: string; attempts: number; last_error: string | null }>();

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
    const mixed = { 'test-ok': async () => {}, 'test-down': async () => { throw new Error('gateway 502'); } };
    expect(await deliverOutbox(env, db, ['o-mix-a', 'o-mix-b', 'o-mix-c'], mixed)).toEqual(['o-mix-b']);
    expect(await statusOf('o-mix-a')).toEqual({ status: 'sent', attempts: 1, last_error: null });
    expect(await statusOf('o-mix-b')).toEqual({ status: 'pending', attempts: 1, last_error: 'gateway 502' });
    expect(await statusOf('o-mix-c')).toEqual({ status: 'sent', attempts: 3, last_error: null });
  });

  it('retries a failing sender, then gives up after eight attempts', async () => {
    await row('o-flaky', 'test-down');
    const failing = { 'test-down': async () => { throw new Error('gateway 502'); } };
    for (let i = 1; i <= 7; i++) expect(await deliverOutbox(env, db, ['o-flaky'], failing)).toEqual(['o-flaky']);
    expect(await deliverOutbox(env, db, ['o-flaky'], failing)).toEqual([]);
    expect(await statusOf('o-flaky')).toEqual({ status: 'failed', attempts: 8, last_error: 'gateway 502' });
  });

  it('fails a row whose channel has no sender', async () => {
    await row('o-nosender', 'carrier-pigeon');
    expect(await deliverOutbox(env, db, ['o-nosender'], senders)).toEqual([]);
    expect(await statusOf('o-nosender')).toMatchObject({ status: 'failed', last_error: 'no sender for channel carrier-pigeon' });
  });

  it('acks and retries queue messages through the Worker’s queue handler', async () => {
    await row('o-queue', 'carrier-pigeon');
    const batch = createMessageBatch('hub-jobs', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { kind: 'deliver' as const, outboxId: 'o-queue' } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['m1']);
  });

  it('finds pending rows the queue lost, but not fresh ones', async () => {
    const now = Date.now();
    await row('o-old', 'sms', now - 10 * 60_000);
    await row('o-new', 'sms', now);
    const stalled = await findStalledDeliveries(db, now);
    expect(stalled).toContain('o-old');
    expect(stalled).not.toContain('o-new');
  });
});

describe('where answers go', () => {
  it('answers on the resident’s channel where it can, else by SMS, else by e-mail', () => {
    expect(deliveryTargetFor('wechat', { openId: 'oAbc', phone: '13800138000', email: null })).toEqual({ channel: 'wechat', recipient: 'oAbc' });
    expect(deliveryTargetFor('email', { openId: null, phone: '13800138000', email: 'a@b.cn' })).toEqual({ channel: 'email', recipient: 'a@b.cn' });
    expect(deliveryTargetFor('mailbox', { openId: null, phone: '13800138000', email: 'a@b.cn' })).toEqual({ channel: 'sms', recipient: '13800138000' });
    expect(deliveryTargetFor('phone', { openId: null, phone: null, email: 'a@b.cn' })).toEqual({ channel: 'email', recipient: 'a@b.cn' });
    expect(deliveryTargetFor('api', { openId: null, phone: null, email: null })).toBeNull();
  });
});
