// Per-address fixed-window limits in the shared `rate_limits` table (mailbox letters, tracking
// guesses, logins): one batch counts the attempt, returns the window's total, and drops the
// key's past windows. Intake can send the same statements inside its own batch, with the
// message stored only when the count is within the limit (tickets/lifecycle/intake-statements.ts).
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema';
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

export interface AttemptCount {
  /** Counts the attempt; its result row is the window's total. */
  count: D1PreparedStatement;
  /** Drops the key's past windows. */
  prune: D1PreparedStatement;
  /** True when the window's count is within the limit: for a write in the same batch to depend on. */
  withinLimit: SQL;
  /** Whether the attempt was within the limit, from the rows `count` returned. */
  allowed: (counted: readonly unknown[]) => boolean;
  retryAfterS: number;
}

/** The statements that count an attempt, for a caller to send alone or inside its own batch. */
export function countAttempt(db: D1Database, key: string, rule: RateLimit, now = Date.now()): AttemptCount {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  return {
    count: db
      .prepare(
        `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .bind(key, windowStart),
    // Past windows of this key are dead weight; drop them while we are here.
    prune: db.prepare('DELETE FROM rate_limits WHERE key = ? AND window_start < ?').bind(key, windowStart),
    withinLimit: sql`(select ${rateLimits.count} from ${rateLimits}
      where ${and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart))}) <= ${rule.limit}`,
    allowed: (counted) => ((counted[0] as { count: number } | undefined)?.count ?? 1) <= rule.limit,
    retryAfterS: Math.ceil((windowStart + rule.windowMs - now) / 1000),
  };
}

/** Counts this attempt and says whether it is within the limit. */
export async function takeRateLimit(
  db: D1Database,
  key: string,
  rule: RateLimit,
  now = Date.now(),
): Promise<{ allowed: boolean; retryAfterS: number }> {
  const attempt = countAttempt(db, key, rule, now);
  // Shared with concurrent writers (tickets/group-commit.ts): the count is one D1 call per group.
  const [counted] = await sharedBatch(db, [attempt.count, attempt.prune]);
  return { allowed: attempt.allowed(counted?.results ?? []), retryAfterS: attempt.retryAfterS };
}

/**
 * Gives back an attempt counted in the window of `now`: a limit on failures (wrong query codes
 * for one ticket, wrong passwords for one account) counts every attempt before its check, so
 * that concurrent guesses cannot all pass under the count, and the ones that succeed give their
 * place back. Send it with the same `now` as the count, so both fall in one window.
 */
export function forgiveAttempt(db: D1Database, key: string, rule: RateLimit, now = Date.now()): D1PreparedStatement {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  return db
    .prepare('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0')
    .bind(key, windowStart);
}

export interface FailureSlot {
  allowed: boolean;
  retryAfterS: number;
  /** The attempt succeeded: it no longer counts against the limit. */
  forgive: () => Promise<void>;
}

/** Takes a place for an attempt under a limit on failures (see forgiveAttempt). */
export async function takeFailureSlot(
  db: D1Database,
  key: string,
  rule: RateLimit,
  now = Date.now(),
): Promise<FailureSlot> {
  const taken = await takeRateLimit(db, key, rule, now);
  return {
    ...taken,
    // On its own, not in a shared group: a group sent again would give the place back twice.
    forgive: async () => {
      await forgiveAttempt(db, key, rule, now).run();
    },
  };
}
