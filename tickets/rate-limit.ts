// Per-address fixed-window limits in the shared `rate_limits` table (mailbox letters, tracking
// guesses, logins): one batch counts the attempt, returns the window's total, and drops the
// key's past windows.
import { sharedBatch } from './group-commit';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * The caller's address as Cloudflare reports it (a client cannot set it through Cloudflare);
 * the same bucket for all where it is absent (local development).
 */
export function clientAddress(request: Request): string {
  return request.headers.get('cf-connecting-ip')?.trim() || 'unknown';
}

/** Counts this attempt and says whether it is within the limit. */
export async function takeRateLimit(db: D1Database, key: string, rule: RateLimit, now = Date.now()): Promise<{ allowed: boolean; count: number; retryAfterS: number }> {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  // Shared with concurrent writers (tickets/group-commit.ts): the count is one D1 call per group.
  const [counted] = await sharedBatch(db, [
    db
      .prepare(
        `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .bind(key, windowStart),
    // Past windows of this key are dead weight; drop them while we are here.
    db.prepare('DELETE FROM rate_limits WHERE key = ? AND window_start < ?').bind(key, windowStart),
  ]);
  const count = (counted?.results[0] as { count: number } | undefined)?.count ?? 1;
  return { allowed: count <= rule.limit, count, retryAfterS: Math.ceil((windowStart + rule.windowMs - now) / 1000) };
}
