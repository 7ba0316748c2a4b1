// Per-address limits for public endpoints (tracking, where a query code could be guessed).
import { createMiddleware } from 'hono/factory';
import { openDb } from '../../db/client';
import { countHit } from '../../db/rate-limit';
import { HubError } from '../../tickets/hub-error';

export const clientAddress = (header: (name: string) => string | undefined) =>
  header('cf-connecting-ip') ?? header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';

export const rateLimit = (name: string, limit: number, windowMs: number) =>
  createMiddleware<{ Bindings: Env }>(async (c, next) => {
    const count = await countHit(openDb(c.env.DB), `${name}:${clientAddress((h) => c.req.header(h))}`, windowMs);
    if (count > limit) {
      c.header('Retry-After', String(Math.ceil(windowMs / 1000)));
      throw new HubError(429, 'rate_limited', '请求过于频繁，请稍后再试');
    }
    await next();
  });
