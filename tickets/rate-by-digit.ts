// The follow-up of a bare rating digit from a chat channel (tickets/awaiting-rating.ts says which
// ticket awaits it): the rating goes through the lifecycle's one rating path, as the resident's.
import { ratingOfText, ticketAwaitingRating } from './awaiting-rating';
import { HubError } from './hub-error';
import { type LifecycleEnv, systemActor, type TicketRow } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { rateTicket } from './lifecycle/rate-ticket';

/**
 * The follow-up of a bare digit: it rates the resident's ticket awaiting a rating (as the
 * resident), and its own ticket is closed as 回访 without a word to the resident (the WeChat route
 * has thanked them already), so no open ticket is left of it. Returns the rated ticket's number,
 * or null when nothing awaits: then the digit is an ordinary message.
 */
export async function rateByDigit(lifecycle: LifecycleEnv, digit: TicketRow, now = Date.now()): Promise<string | null> {
  const rating = ratingOfText(digit.channel, digit.text);
  if (!rating || !digit.contactId || digit.status !== 'received') return null;
  const awaiting = await ticketAwaitingRating(lifecycle.db, { contactId: digit.contactId }, now);
  if (!awaiting) return null;
  try {
    await rateTicket(lifecycle, awaiting, rating, { now, source: 'resident' });
  } catch (err) {
    // Rated at the same moment by another path: the digit is then an ordinary message.
    if (err instanceof HubError && err.code === 'already_rated') return null;
    throw err;
  }
  await applyAction(
    lifecycle,
    digit.ticketNo,
    'close',
    systemActor,
    { kind: 'invalid', reason: `回访评价（已记入工单 ${awaiting.ticketNo}）` },
    { now, notify: false },
  );
  return awaiting.ticketNo;
}
