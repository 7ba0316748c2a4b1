// Per-address limits for public endpoints (tracking, where a query code could be guessed; login).
import { createMiddleware } from 'hono/factory';
import { HubError } from '../../tickets/hub-error';
import { clientAddress, takeRateLimit } from '../../tickets/rate-limit';

export const rateLimit = (name: string, limit: number, windowMs: number) =>
  createMiddleware<{ Bindings: Env }>(async (c, next) => {
    const taken = await takeRateLimit(c.env.DB, `${name}:${clientAddress(c.req.raw)}`, { limit, windowMs });
    if (!taken.allowed) {
      throw new HubError('rate_limited', '请求过于频繁，请稍后再试', undefined, taken.retryAfterS);
    }
    await next();
  });
