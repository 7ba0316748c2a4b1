// The conditions intake's statements are guarded by, as SQL fragments that carry their own
// values. Intake's batch stores the raw message first, linked to the ticket it is about to
// create or to the open conversation it joins; every later statement asks that link, so a
// repeat (its inbox row was not ours) writes nothing, and exactly one of "new ticket" and
// "joined" holds for a stored message.
import { and, desc, eq, gte, inArray, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { type AnySQLiteColumn, alias } from 'drizzle-orm/sqlite-core';
import { contacts, inbox, tickets } from '../../db/schema';

export interface ContactIdentity {
  /** Used only when no existing contact matches. */
  newId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  openId: string | null;
}

/** The inbox row this batch stored is linked to `ticketId`: the new ticket is being created. */
export function linkedTo(inboxId: string, ticketId: string): SQL {
  return sql`exists (select 1 from ${inbox} where ${and(eq(inbox.id, inboxId), eq(inbox.ticketId, ticketId))})`;
}

/** The inbox row this batch stored joined another, open ticket than the new one. */
export function joinedOther(inboxId: string, newTicketId: string): SQL {
  return sql`exists (select 1 from ${inbox}
    where ${and(eq(inbox.id, inboxId), isNotNull(inbox.ticketId), ne(inbox.ticketId, newTicketId))})`;
}

/** The ticket the inbox row is linked to. */
export function linkedTicket(inboxId: string): SQL {
  return sql`(select ${inbox.ticketId} from ${inbox} where ${eq(inbox.id, inboxId)})`;
}

type Identities = Record<'phone' | 'email' | 'openId', AnySQLiteColumn>;

function identifies(table: Identities, c: ContactIdentity): SQL {
  // A value absent binds null, which equals nothing: only the identities given match.
  return or(eq(table.phone, sql`${c.phone}`), eq(table.email, sql`${c.email}`), eq(table.openId, sql`${c.openId}`))!;
}

/** The resident's contact: the oldest that shares a phone, an e-mail address or an OpenID. */
export function contactMatch(c: ContactIdentity): SQL {
  return sql`(select ${contacts.id} from ${contacts} where ${identifies(contacts, c)}
    order by ${contacts.createdAt}, ${contacts.id} limit 1)`;
}

const c = alias(contacts, 'c');
const t = alias(tickets, 't');

/**
 * The contact's newest ticket on a channel, still open and created since a time. CROSS JOIN
 * keeps SQLite starting from the contact: left to choose, it starts from every open ticket by
 * status, which grows with the centre's backlog.
 */
export function openConversation(contact: ContactIdentity, channel: string, since: number): SQL {
  const where = and(
    identifies(c, contact),
    eq(t.channel, channel),
    gte(t.createdAt, since),
    inArray(t.status, ['received', 'dispatched']),
  );
  // An aliased table renders as its alias alone: the FROM names the table before it.
  return sql`(select ${t.id} from ${contacts} ${c} cross join ${tickets} ${t} on ${eq(t.contactId, c.id)}
    where ${where} order by ${desc(t.createdAt)} limit 1)`;
}
