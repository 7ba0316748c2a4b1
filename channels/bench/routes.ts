// POST /__bench/insert: the benchmark's first yardstick, one single-row D1 insert and nothing
// else, so each channel's intake rate can be read as a ratio to the cheapest possible write.
// POST /__bench/store-raw: the second, the least an intake that keeps every message first can do:
// the body stored as a raw inbox row, by intake's own statement builder and through intake's own
// shared batch (tickets/group-commit.ts), with no parsing, routing, contact or ticket.
// GET /__bench/pending: deliveries still waiting, so the benchmark can let the outbox drain
// between rounds and one channel's deliveries never run in another's measured time.
// POST /__bench/d1-count/start, GET /__bench/d1-count, POST /__bench/d1-count/stop: the D1 round
// trips the hub makes meanwhile (./d1-counter.ts), for intake's round trips per message.
// The dashboard's and the public pages' seeding routes are in ./dashboard-routes.ts and
// ./public-routes.ts. Mounted only by the benchmark's own Worker entry (worker/bench-entry.ts),
// never by the hub's app; should that entry ever run with HUB_ENV=production it still answers 404
// (the Worker has no env at module load, so the guard is per request).
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { openDb } from '../../db/client';
import { inbox } from '../../db/schema';
import { sharedBatch } from '../../tickets/group-commit';
import { newId } from '../../tickets/ids';
import { insertSelect, prepareQuery } from '../../tickets/lifecycle/sql-statements';
import { countedCalls, startCounting, stopCounting } from './d1-counter';
import { dashboardBenchRoutes } from './dashboard-routes';
import { publicBenchRoutes } from './public-routes';

export const benchRoutes = new Hono<{ Bindings: Env }>();

benchRoutes.use('*', async (c, next) => (c.env.HUB_ENV === 'production' ? c.notFound() : next()));

benchRoutes.post('/insert', async (c) => {
  await c.env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)')
    .bind(`bench:${crypto.randomUUID()}`, Date.now())
    .run();
  return c.json({ ok: true }, 201);
});

benchRoutes.post('/store-raw', async (c) => {
  const now = Date.now();
  const row = {
    id: newId(),
    channel: 'bench',
    externalId: newId(),
    receivedAt: now,
    storedAt: now,
    raw: await c.req.text(),
    status: 'received' as const,
    error: null,
    ticketId: null,
  };
  const store = insertSelect(openDb(c.env.DB), inbox, row, { where: sql`1` }).onConflictDoNothing();
  await sharedBatch(c.env.DB, [prepareQuery(c.env.DB, store)]);
  return c.json({ ok: true }, 201);
});

benchRoutes.get('/pending', async (c) => {
  // The Wechaty bridge's rows wait for the bridge, which the benchmark does not run.
  const row = await c.env.DB.prepare(
    "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND channel <> 'wechaty'",
  ).first<{ n: number }>();
  return c.json({ deliveries: row?.n ?? 0 });
});

benchRoutes.post('/d1-count/start', (c) => {
  startCounting();
  return c.json({ calls: 0 });
});
benchRoutes.get('/d1-count', (c) => c.json({ calls: countedCalls() }));
benchRoutes.post('/d1-count/stop', (c) => {
  stopCounting();
  return c.json({ calls: countedCalls() });
});

benchRoutes.route('/', dashboardBenchRoutes);
benchRoutes.route('/', publicBenchRoutes);
