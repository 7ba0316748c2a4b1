// Dead letters: admins list the deliveries that failed for good, newest first, with the address
// masked, and send one again; nobody else may.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { BASE, fakeQueue, login, request } from '../../tests/helpers';
import { outboxInsert } from '../../tickets/outbox';

const db = openDb(env.DB);
const url = `${BASE}/api/v1/admin/dead-letters`;
const json = { 'content-type': 'application/json' };

async function deadLetter(id: string, channel: string, recipient: string, createdAt: number) {
  await outboxInsert(db, {
    id,
    ticketId: null,
    target: { channel, recipient },
    kind: 'reply',
    body: '答复',
    now: createdAt,
  });
  await env.DB.prepare("UPDATE outbox SET status = 'failed', attempts = 8, last_error = 'timeout' WHERE id = ?")
    .bind(id)
    .run();
}

const asAdmin = async (path = '', init: RequestInit = {}, bindings: Partial<Env> = {}) =>
  request(
    `${url}${path}`,
    { ...init, headers: { ...json, authorization: `Bearer ${await login('admin')}` } },
    bindings,
  );

describe('the dead-letter list', () => {
  it('pages the failed deliveries newest first, the address masked', async () => {
    await deadLetter('dl-sms', 'sms', '13812345678', 3_000);
    await deadLetter('dl-mail', 'email', 'zhang.san@example.com', 2_000);
    await deadLetter('dl-wx', 'wechat', 'oAbCdEfGhIjKlMn', 1_000);
    // Still being tried, or sent: not dead letters.
    await outboxInsert(db, {
      id: 'dl-pending',
      ticketId: null,
      target: { channel: 'sms', recipient: '13900000000' },
      kind: 'ack',
      body: '受理',
      now: 4_000,
    });

    const first = await asAdmin('?limit=2');
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: Array<Record<string, unknown>>; next: string | null };
    expect(page1.items).toEqual([
      {
        id: 'dl-sms',
        ticketNo: null,
        channel: 'sms',
        recipient: '138****5678',
        kind: 'reply',
        attempts: 8,
        lastError: 'timeout',
        createdAt: new Date(3_000).toISOString(),
      },
      expect.objectContaining({ id: 'dl-mail', recipient: 'z***@example.com' }),
    ]);
    expect(JSON.stringify(page1)).not.toContain('13812345678');
    expect(page1.next).not.toBeNull();

    const page2 = (await (await asAdmin(`?limit=2&before=${page1.next}`)).json()) as typeof page1;
    expect(page2.items.map((i) => [i.id, i.recipient])).toEqual([['dl-wx', 'oAbC****']]);
    expect(page2.next).toBeNull();
  });

  it('sends a dead letter again: pending, attempts from nought, due now, the doorbell rung', async () => {
    await deadLetter('dl-again', 'sms', '13700001111', 5_000);
    const { queue, sent } = fakeQueue();
    const before = Date.now();
    const res = await asAdmin('/dl-again/resend', { method: 'POST' }, { JOBS: queue });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'dl-again', status: 'pending' });
    const row = await env.DB.prepare('SELECT status, attempts, next_attempt_at AS due FROM outbox WHERE id = ?')
      .bind('dl-again')
      .first<{ status: string; attempts: number; due: number }>();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row!.due).toBeGreaterThanOrEqual(before);
    expect(row!.due).toBeLessThanOrEqual(Date.now());
    expect(sent.map((m) => m.body)).toEqual([{ kind: 'deliver_due' }]);

    // Pending now, so no longer a dead letter: a second resend finds nothing.
    expect((await asAdmin('/dl-again/resend', { method: 'POST' }, { JOBS: queue })).status).toBe(404);
    expect((await asAdmin('/no-such-id/resend', { method: 'POST' })).status).toBe(404);
  });
});

describe('errors and security', () => {
  it('is for admins only', async () => {
    await deadLetter('dl-guarded', 'sms', '13600002222', 6_000);
    expect((await request(url)).status).toBe(401);
    expect((await request(`${url}/dl-guarded/resend`, { method: 'POST', headers: json })).status).toBe(401);
    for (const user of ['dispatcher', 'supervisor', 'leader', 'cgj.handler', 'cgj.reviewer']) {
      const headers = { ...json, authorization: `Bearer ${await login(user)}` };
      expect((await request(url, { headers })).status, user).toBe(403);
      expect((await request(`${url}/dl-guarded/resend`, { method: 'POST', headers })).status, user).toBe(403);
    }
    const row = await env.DB.prepare('SELECT status FROM outbox WHERE id = ?').bind('dl-guarded').first();
    expect(row).toEqual({ status: 'failed' });
  });

  it('refuses a cursor it did not give and a limit out of range', async () => {
    expect((await asAdmin('?before=drop%20table')).status).toBe(422);
    expect((await asAdmin('?limit=0')).status).toBe(422);
    expect((await asAdmin('?limit=101')).status).toBe(422);
  });
});
