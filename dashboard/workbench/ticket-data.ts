// Everything the staff ticket page shows, read in two round trips: the ticket with its events,
// replies and contact (tickets/views.ts, only if the actor may see it, the contact's read
// recorded in the same batch), then its original messages, co-handling parts, ratings of every
// round, the department tree and the canned replies a consultation may start from. Whether an
// original message names its sender is known only once parsed, so that read's record follows,
// before the page is drawn: if it cannot be written, the page is not shown.
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cannedReplies, contributions, departments, inbox, ratings } from '../../db/schema';
import { type ContactReader, contactReadRecord } from '../../tickets/contact-audit';
import { HubError } from '../../tickets/hub-error';
import type { Actor } from '../../tickets/lifecycle/actor';
import { visibleTo } from '../../tickets/lifecycle/visibility';
import { loadTicketBundle, type TicketBundle } from '../../tickets/views';
import { type OriginalMessage, originalMessage } from './original-messages';

export type DepartmentRow = typeof departments.$inferSelect;
export type CannedReply = typeof cannedReplies.$inferSelect;

export interface TicketPageData {
  bundle: TicketBundle;
  messages: OriginalMessage[];
  contributions: Array<typeof contributions.$inferSelect>;
  ratings: Array<typeof ratings.$inferSelect>;
  departments: DepartmentRow[];
  cannedReplies: CannedReply[];
}

export async function loadTicketPage(
  db: Db,
  ticketNo: string,
  actor: Actor,
  reader: ContactReader,
): Promise<TicketPageData> {
  const bundle = await loadTicketBundle(db, ticketNo, visibleTo(actor), reader);
  if (!bundle) throw new HubError('ticket_not_found', `工单不存在：${ticketNo}`);
  const { ticket } = bundle;
  const cannedFor = ticket.category
    ? or(isNull(cannedReplies.category), eq(cannedReplies.category, ticket.category))
    : isNull(cannedReplies.category);
  const [inboxRows, parts, ratingRows, deptRows, canned] = await db.batch([
    db.select().from(inbox).where(eq(inbox.ticketId, ticket.id)).orderBy(asc(inbox.receivedAt)).limit(50),
    db.select().from(contributions).where(eq(contributions.ticketId, ticket.id)).orderBy(asc(contributions.at)),
    db.select().from(ratings).where(eq(ratings.ticketId, ticket.id)).orderBy(asc(ratings.round)),
    db
      .select()
      .from(departments)
      .where(eq(departments.active, true))
      .orderBy(asc(departments.sortOrder), asc(departments.code)),
    db
      .select()
      .from(cannedReplies)
      .where(and(eq(cannedReplies.active, true), cannedFor))
      .orderBy(asc(cannedReplies.title))
      .limit(50),
  ]);
  const messages = await Promise.all(inboxRows.map(originalMessage));
  if (messages.some((m) => m.showsSender)) await contactReadRecord(db, reader, ticket.ticketNo, 'raw');
  return {
    bundle,
    messages,
    contributions: parts,
    ratings: ratingRows,
    departments: deptRows,
    // Canned answers are for consultations (咨询) only: other types need the department's own answer.
    cannedReplies: ticket.type === '咨询' ? canned : [],
  };
}
