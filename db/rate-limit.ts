// Fixed-window rate limiting on D1: one upsert counts the hit and returns the window's total.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { rateLimits } from './schema';

export async function countHit(db: Db, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const windowStart = now - (now % windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}
