// Guessing a query code: ticket numbers are sequential and a code is six digits, so the limits are
// two. Per address, one count for the tracking page and the API together (every request, 60 a
// minute). Per ticket, wrong codes only: after 10 in an hour the ticket refuses every code, the
// right one too (otherwise the guessing just goes on from new addresses), until the hour is out;
// a resident who needs it sooner calls 12345. 10 an hour is about 240 tries a day against a
// million codes, and no resident mistypes their code ten times in an hour. An unknown number is
// counted, compared and answered exactly like a wrong code, in the same one round trip, so
// neither the answer nor the lock tells which numbers exist.
import { createMiddleware } from 'hono/factory';
import { openDb } from '../../db/client';
import { sharedBatch } from '../../tickets/group-commit';
import { HubError } from '../../tickets/hub-error';
import { countAttempt, forgiveAttempt, type RateLimit } from '../../tickets/rate-limit';
import { safeEqual } from '../../tickets/settings';
import { loadTicketBundle, type TicketBundle } from '../../tickets/views';
import { rateLimit } from '../middleware/rate-limit';

export const trackAddressLimit: RateLimit = { limit: 60, windowMs: 60_000 };
export const wrongCodeLimit: RateLimit = { limit: 10, windowMs: 3600_000 };

/** The tracking page's and the API's one per-address count. */
export const trackRateLimit = rateLimit('track', trackAddressLimit.limit, trackAddressLimit.windowMs);

/** What the ticket shows is the resident's alone: no cache, shared or the browser's, keeps it. */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

export function ticketLocked(retryAfterS: number): HubError {
  const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
  return new HubError(
    'rate_limited',
    `该工单的查询码输错次数过多，为保护您的信息，已暂停查询，请 ${minutes} 分钟后再试；如需帮助请拨打 12345。`,
    undefined,
    retryAfterS,
  );
}

const notFound = () => new HubError('ticket_not_found', '工单号或查询码不正确');

/**
 * The ticket, opened with its number and query code, for tracking, rating and consent alike:
 * 404 for a wrong code or an unknown number, 429 while the ticket is locked.
 */
export async function openAsResident(
  d1: D1Database,
  ticketNo: string,
  code: string,
  now = Date.now(),
): Promise<TicketBundle> {
  const key = `track-ticket:${ticketNo}`;
  const attempt = countAttempt(d1, key, wrongCodeLimit, now);
  const lookup = d1.prepare('SELECT query_code AS queryCode FROM tickets WHERE ticket_no = ?').bind(ticketNo);
  const [counted, , found] = await sharedBatch(d1, [attempt.count, attempt.prune, lookup]);
  if (!attempt.allowed(counted?.results ?? [])) throw ticketLocked(attempt.retryAfterS);
  const stored = (found?.results[0] as { queryCode: string } | undefined)?.queryCode;
  // Compared even when there is no ticket, so that an unknown number costs what a wrong code does.
  const right = safeEqual(stored ?? '', code) && stored !== undefined;
  if (!right) throw notFound();
  const [, bundle] = await Promise.all([
    forgiveAttempt(d1, key, wrongCodeLimit, now).run(),
    loadTicketBundle(openDb(d1), ticketNo),
  ]);
  if (!bundle) throw notFound();
  return bundle;
}
