// The benchmark's own routes: the yardstick insert writes exactly one row, the pending count
// sees deliveries the queue still owes (not the bridge's), and the hub's own app has neither.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { benchApp as app } from '../../worker/bench-entry';

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
        'INSERT INTO outbox (id, channel, recipient, kind, body, status, created_at) ' +
          "VALUES (?, ?, 'r', 'ack', 'b', ?, 0)",
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

describe('the bench entry', () => {
  it('passes every other request to the hub unchanged', async () => {
    const ctx = createExecutionContext();
    const res = await app.request('/healthz', {}, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: '0.1.0', env: 'test' });
  });
});

describe('security', () => {
  it('are not part of the hub’s own app', async () => {
    const hub = createApp();
    const before = await count('SELECT count(*) AS n FROM rate_limits');
    expect((await hub.request('/__bench/insert', { method: 'POST' }, env)).status).toBe(404);
    expect((await hub.request('/__bench/pending', {}, env)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM rate_limits')).toBe(before);
  });

  it('answers 404 in production and writes nothing', async () => {
    const production = { ...env, HUB_ENV: 'production' };
    const before = await count('SELECT count(*) AS n FROM rate_limits');
    expect((await app.request('/__bench/insert', { method: 'POST' }, production)).status).toBe(404);
    expect((await app.request('/__bench/pending', {}, production)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM rate_limits')).toBe(before);
  });
});
