// The lifecycle's intake half: the statements that take a message in. Intake writes one D1
// batch per message (DESIGN.md "Scale"), with the raw message as its first statement, already
// linked to the ticket id the batch is about to create. Every later statement is guarded by
// "that inbox row exists, linked to that id", which holds only if this batch stored it: when the
// message is a repeat (the inbox insert did nothing) the whole batch does nothing, and no read is
// needed before writing. If the batch fails it rolls back as a whole and intake stores the raw
// message again on its own, marked failed (tickets/intake.ts).
//
// A chat channel's message may instead join the resident's open conversation (a ticket of theirs
// on that channel, still open and recent). The inbox statement decides which, in SQL: it links
// the row to that ticket when there is one, else to the new id. The new ticket's statements are
// guarded by the link to the new id and the joining statements by a link to any other ticket,
// so exactly one set writes, in the same round trip.
import { and, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, openDb } from '../../db/client';
import { contacts, inbox, outbox, ticketBands, tickets } from '../../db/schema';
import { candidateColumns, type FollowUpCandidate, sameResident } from '../follow-up';
import { placeBandKeys } from '../place-bands';
import { systemActor } from './actor';
import {
  type ContactIdentity,
  contactMatch,
  joinedOther,
  linkedTicket,
  linkedTo,
  openConversation,
} from './intake-guards';
import { counterUpsert, type Opening, openingStatements } from './intake-ticket';
import { type BatchSlot, insertSelect, type Query, type StatementBatch, selectList } from './sql-statements';
import { appendToTicket } from './writes';

export type { ContactIdentity } from './intake-guards';
export type { TicketDraft } from './intake-ticket';

export const TICKET_NO_PLACEHOLDER = '{ticketNo}';

export interface InboxRecord {
  id: string;
  channel: string;
  externalId: string;
  receivedAt: number;
  raw: string;
}

export interface Acknowledgement {
  id: string;
  channel: string;
  recipient: string;
  /** `{ticketNo}` is replaced by the number the batch allocates. */
  subjectTemplate: string;
  bodyTemplate: string;
}

export interface IntakeWrite extends Opening {
  inbox: InboxRecord;
  /** False when retrying a message whose inbox row is already stored (marked failed). */
  insertInbox: boolean;
  contact: ContactIdentity | null;
  ack: Acknowledgement | null;
  /** Join the contact's open ticket on this channel created since then, if there is one. */
  joinOpenSince?: number;
  /** Store the message only if this condition holds (a rate limit counted earlier in the batch). */
  admitIf?: SQL;
}

export interface CandidateWindows {
  /** A resident's own tickets since then are checked for a repeat. */
  sameResidentSince: number;
  /** Tickets at the same place since then are checked for a hot spot. */
  samePlaceSince: number;
}

/** Where intake finds what the batch answered. */
export interface IntakeSlots {
  /** The new ticket's number, when the message made one. */
  created: BatchSlot<{ ticketNo: string }>;
  /** The follow-up's candidates: the new ticket itself, the resident's and the place's recent tickets. */
  candidates: BatchSlot<FollowUpCandidate>;
  /** The ticket the message joined, when it joined one. */
  joined: BatchSlot<{ id: string; ticketNo: string; queryCode: string; status: string }> | null;
}

const joins = (w: IntakeWrite): w is IntakeWrite & { contact: ContactIdentity; joinOpenSince: number } =>
  w.joinOpenSince !== undefined && w.contact !== null;

/**
 * The raw message, stored linked to the new ticket's id, or to the open conversation it joins;
 * when retrying a message whose earlier attempt failed, its stored row is linked now.
 */
function storeInbox(db: Db, w: IntakeWrite): Query {
  const link = joins(w)
    ? sql`coalesce(${openConversation(w.contact, w.draft.channel, w.joinOpenSince)}, ${w.draft.id})`
    : sql`${w.draft.id}`;
  const admit = w.admitIf ?? sql`1`;
  if (!w.insertInbox) {
    return db
      .update(inbox)
      .set({ status: 'processed', error: null, ticketId: link })
      .where(and(eq(inbox.id, w.inbox.id), isNull(inbox.ticketId), admit));
  }
  // SQLite wants a WHERE on an upsert's SELECT.
  return insertSelect(
    db,
    inbox,
    { ...w.inbox, storedAt: w.now, status: 'processed', error: null, ticketId: link },
    { where: admit },
  ).onConflictDoNothing();
}

function contactStatements(db: Db, c: ContactIdentity, now: number, guard: SQL): Query[] {
  const { newId, ...identity } = c;
  const statements: Query[] = [
    insertSelect(
      db,
      contacts,
      { id: newId, ...identity, createdAt: now, updatedAt: now },
      { where: sql`${guard} and ${contactMatch(c)} is null` },
    ),
  ];
  // A resident known by phone who now also gives a name or an e-mail address: keep it. With one
  // identity and no name there is nothing the matched contact could lack.
  if (Object.values(identity).filter(Boolean).length > 1) {
    statements.push(
      db
        .update(contacts)
        .set({
          name: sql`coalesce(${contacts.name}, ${c.name})`,
          phone: sql`coalesce(${contacts.phone}, ${c.phone})`,
          email: sql`coalesce(${contacts.email}, ${c.email})`,
          openId: sql`coalesce(${contacts.openId}, ${c.openId})`,
          updatedAt: now,
        })
        .where(and(eq(contacts.id, contactMatch(c)), guard)),
    );
  }
  return statements;
}

/** The acknowledgement, its number filled in from the ticket the batch created. */
function ackInsert(db: Db, a: Acknowledgement, ticketId: string, now: number, guard: SQL) {
  const filled = (template: string) => sql`replace(${template}, ${TICKET_NO_PLACEHOLDER}, ${tickets.ticketNo})`;
  return insertSelect(
    db,
    outbox,
    {
      id: a.id,
      ticketId: tickets.id,
      channel: a.channel,
      recipient: a.recipient,
      kind: 'ack',
      subject: filled(a.subjectTemplate),
      body: filled(a.bodyTemplate),
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now,
      sentAt: null,
      nextAttemptAt: 0,
    },
    { from: tickets, where: and(eq(tickets.id, ticketId), guard)! },
  );
}

/**
 * The follow-up's candidates, in the same round trip: the new ticket itself, the resident's
 * recent tickets and any awaiting their supplement, and recent tickets at the same place that
 * share a band key with it.
 */
export function candidatesSelect(ticketId: string, bandKeys: string, windows: CandidateWindows): SQL {
  const fields = selectList(candidateColumns);
  const resident = sameResident(
    sql`(select ${tickets.contactId} from ${tickets} where ${eq(tickets.id, ticketId)})`,
    windows.sameResidentSince,
  );
  const samePlace = inArray(
    tickets.id,
    sql`(select ${ticketBands.ticketId} from ${ticketBands}
      where ${ticketBands.band} in (select value from json_each(${bandKeys}))
      and ${gt(ticketBands.receivedAt, windows.samePlaceSince)})`,
  );
  return sql`select ${fields} from ${tickets}
    where ${or(eq(tickets.id, ticketId), resident, samePlace)} limit 1000`;
}

/** The new ticket's statements, each guarded by the inbox row's link to it. */
function newTicketStatements(db: Db, batch: StatementBatch, w: IntakeWrite, windows: CandidateWindows) {
  const t = w.draft;
  const guard = linkedTo(w.inbox.id, t.id);
  batch.add(counterUpsert(db, w, guard));
  if (w.contact) for (const statement of contactStatements(db, w.contact, w.now, guard)) batch.add(statement);
  const { ticket, events } = openingStatements(db, w, w.contact ? contactMatch(w.contact) : null, guard);
  const created = batch.add<{ ticketNo: string }>(ticket);
  batch.add(events);
  if (w.ack) batch.add(ackInsert(db, w.ack, t.id, w.now, guard));
  // A placed ticket is filed under its band keys, for later tickets at the place to find it.
  const bandKeys = JSON.stringify(placeBandKeys(t.placeCode, t.signature));
  if (t.placeCode && t.signature) {
    batch.add(
      insertSelect(
        db,
        ticketBands,
        { band: sql`value`, ticketId: t.id, receivedAt: t.receivedAt },
        { from: sql`json_each(${bandKeys})`, where: guard },
      ),
    );
  }
  const candidates = batch.add<FollowUpCandidate>(candidatesSelect(t.id, bandKeys, windows));
  return { created, candidates };
}

/**
 * A later message of the same conversation joins the open ticket: its text appended with an
 * `append` event; the last statement returns the joined ticket.
 */
function joinStatements(db: Db, batch: StatementBatch, w: IntakeWrite): IntakeSlots['joined'] {
  const joined = and(eq(tickets.id, linkedTicket(w.inbox.id)), joinedOther(w.inbox.id, w.draft.id))!;
  const data = { channel: w.inbox.channel, text: w.draft.text };
  for (const statement of appendToTicket(db, joined, { at: w.now, actor: systemActor, text: w.draft.text, data })) {
    batch.add(statement);
  }
  const fields = selectList({
    id: tickets.id,
    ticketNo: tickets.ticketNo,
    queryCode: tickets.queryCode,
    status: tickets.status,
  });
  return batch.add(sql`select ${fields} from ${tickets} where ${joined}`);
}

/** Adds the message's statements to `batch`, and says where their answers will be. */
export function addIntakeStatements(
  batch: StatementBatch,
  d1: D1Database,
  w: IntakeWrite,
  windows: CandidateWindows,
): IntakeSlots {
  const db = openDb(d1);
  batch.add(storeInbox(db, w));
  const { created, candidates } = newTicketStatements(db, batch, w, windows);
  return { created, candidates, joined: joins(w) ? joinStatements(db, batch, w) : null };
}
