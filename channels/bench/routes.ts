// POST /__bench/insert: the benchmark's yardstick, one single-row D1 insert and nothing else,
// so each channel's intake rate can be read as a ratio to the cheapest possible write.
// Answers 404 in production: the Worker has no env at module load, so the guard is per request.
import { Hono } from 'hono';

export const benchRoutes = new Hono<{ Bindings: Env }>();

benchRoutes.post('/insert', async (c) => {
  if (c.env.HUB_ENV === 'production') return c.notFound();
  await c.env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)')
    .bind(`bench:${crypto.randomUUID()}`, Date.now())
    .run();
  return c.json({ ok: true }, 201);
});
