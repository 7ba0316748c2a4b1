// POST /__bench/insert: the benchmark's yardstick, one single-row D1 insert and nothing else,
// so each channel's intake rate can be read as a ratio to the cheapest possible write.
// GET /__bench/pending: deliveries still waiting, so the benchmark can let the outbox drain
// between rounds and one channel's deliveries never run in another's measured time.
// The dashboard benchmark's seeding and stats routes are in ./dashboard-routes.ts.
// Mounted only by the benchmark's own Worker entry (worker/bench-entry.ts), never by the hub's
// app; should that entry ever run with HUB_ENV=production it still answers 404 (the Worker has
// no env at module load, so the guard is per request).
import { Hono } from 'hono';
import { dashboardBenchRoutes } from './dashboard-routes';

export const benchRoutes = new Hono<{ Bindings: Env }>();

benchRoutes.post('/insert', async (c) => {
  if (c.env.HUB_ENV === 'production') return c.notFound();
  await c.env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)')
    .bind(`bench:${crypto.randomUUID()}`, Date.now())
    .run();
  return c.json({ ok: true }, 201);
});

benchRoutes.get('/pending', async (c) => {
  if (c.env.HUB_ENV === 'production') return c.notFound();
  // The Wechaty bridge's rows wait for the bridge, which the benchmark does not run.
  const row = await c.env.DB.prepare(
    "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND channel <> 'wechaty'",
  ).first<{ n: number }>();
  return c.json({ deliveries: row?.n ?? 0 });
});

benchRoutes.route('/', dashboardBenchRoutes);
