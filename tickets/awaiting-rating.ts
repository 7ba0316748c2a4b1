// 回访 by a digit on a chat channel: the reply message on WeChat (and the Wechaty bridge) asks the
// resident to answer 1 满意, 2 基本满意 or 3 不满意. Intake takes the bare digit in as it takes any
// message; the follow-up job rates the resident's ticket awaiting a rating with it, and the WeChat
// route thanks them at once. Both ask here, so the rule of which ticket awaits is written once.
import { and, desc, eq, gt, inArray, notExists, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contacts, ratings, tickets } from '../db/schema';
import type { RatingInput } from './lifecycle/rate-ticket';

/** The channels whose reply message invites a digit (tickets/outbox.ts, messageTexts.reply). */
export const digitRatingChannels: readonly string[] = ['wechat', 'wechaty'];

/** One digit, one judgement: 不满意 counts as unresolved, so it lands in the dissatisfied queue. */
export const digitRatings: Record<string, RatingInput> = {
  '1': { satisfaction: 'satisfied', resolved: true },
  '2': { satisfaction: 'basically_satisfied', resolved: true },
  '3': { satisfaction: 'dissatisfied', resolved: false },
};

/** The chat channel's passive reply to a digit that rates a ticket. */
export const ratingThanks = '感谢您的评价！';

/** A reply this long ago no longer takes a digit: a later "1" is an ordinary message. */
export const RATING_WINDOW_MS = 7 * 86_400_000;

/** The rating a chat message's text carries, if it is a bare digit (intake has trimmed it). */
export function ratingOfText(channel: string, text: string): RatingInput | null {
  if (!digitRatingChannels.includes(channel)) return null;
  return Object.hasOwn(digitRatings, text.trim()) ? digitRatings[text.trim()]! : null;
}

/**
 * The same test in SQL (1 or 0), for intake's candidates read (tickets/follow-up.ts,
 * candidateColumns): only a bare digit on a chat channel queues a follow-up for it.
 */
export const ratingDigitColumn: SQL<number> = sql<number>`(${inArray(tickets.channel, [...digitRatingChannels])}
  and trim(${tickets.text}) in ${Object.keys(digitRatings)})`;

export type ResidentKey = { contactId: string } | { openId: string };

/** The resident's tickets, by contact or by the OpenID a chat channel knows them by. */
export function ofResident(db: Db, resident: ResidentKey): SQL {
  return 'contactId' in resident
    ? eq(tickets.contactId, resident.contactId)
    : inArray(
        tickets.contactId,
        db.select({ id: contacts.id }).from(contacts).where(eq(contacts.openId, resident.openId)),
      );
}

/**
 * The resident's ticket whose current answer awaits their rating: answered and approved
 * (reviewed, or closed without a rating), replied within the window, and no rating yet for this
 * round. One read on tickets_contact; the latest answered if several await.
 */
export async function ticketAwaitingRating(db: Db, resident: ResidentKey, now: number) {
  const contact = ofResident(db, resident);
  const rated = db
    .select({ one: sql`1` })
    .from(ratings)
    .where(and(eq(ratings.ticketId, tickets.id), eq(ratings.round, tickets.reopenCount)));
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(
      and(
        contact,
        inArray(tickets.status, ['reviewed', 'closed']),
        gt(tickets.repliedAt, now - RATING_WINDOW_MS),
        notExists(rated),
      ),
    )
    .orderBy(desc(tickets.repliedAt))
    .limit(1);
  return ticket ?? null;
}
