// Everything the publication stage knows of one ticket, read in one D1 batch keyed by the ticket
// number: the ticket (only if the actor may see it), its latest approved reply, the co-handling
// parts, the resident's contact (for redaction), the lead department, the district its place lies
// in, its ratings, and the publication row with its history. One round trip, so the history
// import can publish a record without slowing down.
import { and, asc, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  contacts,
  departments,
  gazetteerPlaces,
  publicationHistory,
  publications,
  ratings,
  replies,
  tickets,
} from '../../db/schema';
import { type Actor, centreRoles, type TicketRow } from '../lifecycle/actor';
import { type ContributionPart, contributionsOf, inCurrentAnswer } from '../lifecycle/effects-cohandling';
import { subtreeOf, visibleTo } from '../lifecycle/visibility';

export type ReplyRow = typeof replies.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type RatingRow = typeof ratings.$inferSelect;
export type PublicationRow = typeof publications.$inferSelect;
export type HistoryRow = typeof publicationHistory.$inferSelect;

export interface PublicationFacts {
  ticket: TicketRow;
  /** The department's latest approved answer: the one the resident got. */
  reply: ReplyRow | null;
  parts: ContributionPart[];
  contact: ContactRow | null;
  departmentName: string | null;
  districtCode: string | null;
  /** The rating of the current answer round, if given. */
  rating: RatingRow | null;
  publication: PublicationRow | null;
  history: HistoryRow[];
  /** The actor leads the ticket (its lead department or one above it), or is the centre or the hub. */
  actorLeads: boolean;
}

/** Whether the ticket's lead department is the actor's own or lies under it; true for the centre. */
function leadsCondition(actor: Actor): SQL {
  if (centreRoles.has(actor.role)) return sql`1`;
  if (!actor.departmentCode) return sql`0`;
  return sql`coalesce(${tickets.leadDepartmentCode} in ${subtreeOf(actor.departmentCode)}, 0)`;
}

/** The district (gazetteer level) that a ticket's place lies under, walking up the parent chain. */
function districtOf(db: Db, ticketNo: string) {
  const chain = sql`(with recursive chain(code, parent, depth) as (
      select code, parent_code, 0 from ${gazetteerPlaces}
        where code = (select place_code from ${tickets} where ticket_no = ${ticketNo})
      union all
      select g.code, g.parent_code, chain.depth + 1 from ${gazetteerPlaces} g
        join chain on g.code = chain.parent where chain.depth < 8
    ) select code from chain)`;
  return db
    .select({ code: gazetteerPlaces.code })
    .from(gazetteerPlaces)
    .where(and(eq(gazetteerPlaces.level, 'district'), sql`${gazetteerPlaces.code} in ${chain}`))
    .limit(1);
}

/** The batch's reads, each keyed by the ticket number (the ticket's own id is not known yet). */
function factQueries(db: Db, ticketNo: string, actor: Actor) {
  const ticketId = sql`(select ${tickets.id} from ${tickets} where ${tickets.ticketNo} = ${ticketNo})`;
  return [
    db
      .select({
        ...getTableColumns(tickets),
        actorLeads: sql<number>`${leadsCondition(actor)}`.mapWith(Number).as('actor_leads'),
      })
      .from(tickets)
      .where(and(eq(tickets.ticketNo, ticketNo), visibleTo(actor)))
      .limit(1),
    db
      .select()
      .from(replies)
      .where(and(eq(replies.ticketId, ticketId), eq(replies.status, 'approved')))
      .orderBy(desc(replies.createdAt), desc(replies.id))
      .limit(1),
    contributionsOf(db, ticketId),
    db
      .select()
      .from(contacts)
      .where(
        eq(contacts.id, sql`(select ${tickets.contactId} from ${tickets} where ${tickets.ticketNo} = ${ticketNo})`),
      ),
    db
      .select({ name: departments.name })
      .from(departments)
      .where(
        eq(
          departments.code,
          sql`(select ${tickets.leadDepartmentCode} from ${tickets} where ${tickets.ticketNo} = ${ticketNo})`,
        ),
      ),
    districtOf(db, ticketNo),
    db.select().from(ratings).where(eq(ratings.ticketId, ticketId)).orderBy(asc(ratings.round)),
    db.select().from(publications).where(eq(publications.ticketNo, ticketNo)),
    db
      .select()
      .from(publicationHistory)
      .where(
        eq(
          publicationHistory.publicationId,
          sql`(select ${publications.id} from ${publications} where ${publications.ticketNo} = ${ticketNo})`,
        ),
      )
      .orderBy(asc(publicationHistory.seq)),
  ] as const;
}

export async function loadPublicationFacts(db: Db, ticketNo: string, actor: Actor): Promise<PublicationFacts | null> {
  const [ticketRows, replyRows, partRows, contactRows, deptRows, districtRows, ratingRows, pubRows, historyRows] =
    await db.batch(factQueries(db, ticketNo, actor));
  const found = ticketRows[0];
  if (!found) return null;
  const { actorLeads, ...ticket } = found;
  return {
    ticket,
    reply: replyRows[0] ?? null,
    parts: partRows
      .filter(inCurrentAnswer(ticket))
      .map((p) => ({ departmentName: p.departmentName ?? p.departmentCode, text: p.text })),
    contact: contactRows[0] ?? null,
    departmentName: deptRows[0]?.name ?? null,
    districtCode: districtRows[0]?.code ?? null,
    rating: ratingRows.find((r) => r.round === ticket.reopenCount) ?? null,
    publication: pubRows[0] ?? null,
    history: historyRows,
    actorLeads: Boolean(actorLeads),
  };
}
