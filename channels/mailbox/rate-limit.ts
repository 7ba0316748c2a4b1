// Per-address fixed-window counter for the mailbox form, in the shared `rate_limits` table:
// one upsert per submission answers "how many from this address in this window".

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** 5 submissions per 10 minutes from one address: a resident never needs more, a script does. */
export const mailboxRateLimit: RateLimit = { limit: 5, windowMs: 10 * 60_000 };

/** Counts this attempt and says whether it is within the limit. */
export async function takeRateLimit(db: D1Database, key: string, rule: RateLimit, now = Date.now()): Promise<{ allowed: boolean; count: number; retryAfterS: number }> {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  const [counted] = await db.batch<{ count: number }>([
    db
      .prepare(
        `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .bind(key, windowStart),
    // Past windows of this key are dead weight; drop them while we are here.
    db.prepare('DELETE FROM rate_limits WHERE key = ? AND window_start < ?').bind(key, windowStart),
  ]);
  const count = counted?.results[0]?.count ?? 1;
  return { allowed: count <= rule.limit, count, retryAfterS: Math.ceil((windowStart + rule.windowMs - now) / 1000) };
}
