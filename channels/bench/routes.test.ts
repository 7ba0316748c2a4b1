// The benchmark's own routes: the yardstick insert writes exactly one row, the pending count
// sees deliveries the queue still owes (not the bridge's), and production has neither.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';

const app = createApp();
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe('happy path', () => {
  it('inserts one row per call', async () => {
    const before = await count("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'bench:%'");
    const res = await app.request('/__bench/insert', { method: 'POST' }, env);
    expect(res.status).toBe(201);
    expect(await count("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'bench:%'")).toBe(before + 1);
  });

  it('counts pending deliveries, leaving out sent ones and the Wechaty bridge’s', async () => {
    await env.DB.prepare("UPDATE outbox SET status = 'sent' WHERE status = 'pending'").run();
    const add = (id: string, channel: string, status: string) =>
      env.DB.prepare(
        "INSERT INTO outbox (id, channel, recipient, kind, body, status, created_at) VALUES (?, ?, 'r', 'ack', 'b', ?, 0)",
      )
        .bind(id, channel, status)
        .run();
    await add('bench-p1', 'sms', 'pending');
    await add('bench-p2', 'email', 'pending');
    await add('bench-p3', 'wechaty', 'pending');
    await add('bench-p4', 'sms', 'sent');
    const res = await app.request('/__bench/pending', {}, env);
    expect(await res.json()).toEqual({ deliveries: 2 });
  });
});

describe('security', () => {
  it('answers 404 in production and writes nothing', async () => {
    const production = { ...env, HUB_ENV: 'production' };
    const before = await count('SELECT count(*) AS n FROM rate_limits');
    expect((await app.request('/__bench/insert', { method: 'POST' }, production)).status).toBe(404);
    expect((await app.request('/__bench/pending', {}, production)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM rate_limits')).toBe(before);
  });
});
