// The benchmark's own routes: the yardstick insert writes exactly one row, the raw store exactly
// one inbox row holding the body as sent and nothing else, the pending count sees deliveries the
// queue still owes (not the bridge's), the D1 counter counts each call once and only while on,
// and the hub's own app has none of them.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import benchEntry, { benchApp as app } from '../../worker/bench-entry';

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe('happy path', () => {
  it('inserts one row per call', async () => {
    const before = await count("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'bench:%'");
    const res = await app.request('/__bench/insert', { method: 'POST' }, env);
    expect(res.status).toBe(201);
    expect(await count("SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'bench:%'")).toBe(before + 1);
  });

  it('stores the raw body as one received inbox row, with no ticket', async () => {
    const body = JSON.stringify({ text: '小区门口的路灯坏了', n: crypto.randomUUID() });
    const tickets = await count('SELECT count(*) AS n FROM tickets');
    const res = await app.request('/__bench/store-raw', { method: 'POST', body }, env);
    expect(res.status).toBe(201);
    const rows = await env.DB.prepare('SELECT channel, raw, status, ticket_id FROM inbox WHERE raw = ?')
      .bind(body)
      .all();
    expect(rows.results).toEqual([{ channel: 'bench', raw: body, status: 'received', ticket_id: null }]);
    expect(await count('SELECT count(*) AS n FROM tickets')).toBe(tickets);
  });

  it('counts the D1 calls requests make while counting, one a statement or batch', async () => {
    const send = async (path: string, init: RequestInit = {}) => {
      const ctx = createExecutionContext();
      const res = await benchEntry.fetch(new Request(`http://hub.test${path}`, init), env, ctx);
      await waitOnExecutionContext(ctx);
      return res.json<{ calls: number }>();
    };
    await send('/__bench/d1-count/start', { method: 'POST' });
    await send('/__bench/insert', { method: 'POST' });
    expect(await send('/__bench/d1-count')).toEqual({ calls: 1 });
    await send('/__bench/store-raw', { method: 'POST', body: 'raw' });
    // Two pending counts (each one statement) and the raw store's one batch.
    await send('/__bench/pending');
    await send('/__bench/pending');
    expect(await send('/__bench/d1-count')).toEqual({ calls: 4 });
    expect(await send('/__bench/d1-count/stop', { method: 'POST' })).toEqual({ calls: 4 });
    await send('/__bench/insert', { method: 'POST' });
    expect(await send('/__bench/d1-count')).toEqual({ calls: 4 });
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
    expect((await hub.request('/__bench/store-raw', { method: 'POST', body: 'x' }, env)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM rate_limits')).toBe(before);
  });

  it('answers 404 in production and writes nothing', async () => {
    const production = { ...env, HUB_ENV: 'production' };
    const before = await count('SELECT count(*) AS n FROM rate_limits');
    const inbox = await count('SELECT count(*) AS n FROM inbox');
    expect((await app.request('/__bench/insert', { method: 'POST' }, production)).status).toBe(404);
    expect((await app.request('/__bench/store-raw', { method: 'POST', body: 'x' }, production)).status).toBe(404);
    expect((await app.request('/__bench/pending', {}, production)).status).toBe(404);
    expect((await app.request('/__bench/d1-count/start', { method: 'POST' }, production)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM rate_limits')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM inbox')).toBe(inbox);
  });
});
