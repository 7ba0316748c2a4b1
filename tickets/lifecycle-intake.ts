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
import { localDate } from '../routing/calendar';
import { clockKindOf, computeDeadline, findSlaPolicy } from '../routing/sla';
import { placeBandKeys } from './place-bands';
import type { WorkingTime } from './working-calendar';

export interface InboxRecord {
  id: string;
  channel: string;
  externalId: string;
  receivedAt: number;
  raw: string;
}

export interface ContactIdentity {
  /** Used only when no existing contact matches. */
  newId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  openId: string | null;
}

export interface TicketDraft {
  id: string;
  queryCode: string;
  channel: string;
  title: string | null;
  text: string;
  type: string;
  urgency: 'normal' | 'urgent';
  lifeDanger: boolean;
  category: string | null;
  locationAddress: string | null;
  lat: number | null;
  lng: number | null;
  placeCode: string | null;
  consentToPublish: boolean;
  receivedAt: number;
  routing: Record<string, unknown> | null;
  signature: string | null;
}

export interface Acknowledgement {
  id: string;
  channel: string;
  recipient: string;
  /** `{ticketNo}` is replaced by the number the batch allocates. */
  subjectTemplate: string;
  bodyTemplate: string;
}

export interface IntakeWrite {
  inbox: InboxRecord;
  /** False when retrying a message whose inbox row is already stored (marked failed). */
  insertInbox: boolean;
  contact: ContactIdentity | null;
  ticket: TicketDraft;
  now: number;
  jurisdictionCode: string;
  workingTime: WorkingTime;
  dispatchTo: { departmentCode: string; reason: string } | null;
  directAnswer: string | null;
  ack: Acknowledgement | null;
  /** Join the contact's open ticket on this channel created since then, if there is one. */
  joinOpenSince?: number;
  /** Store the message only if this SQL condition holds (a rate limit counted earlier in the batch). */
  admitIf?: { sql: string; params: unknown[] };
}

export const TICKET_NO_PLACEHOLDER = '{ticketNo}';

/** `?` placeholders (inbox id, ticket id) for the guard: the inbox row this batch linked. */
const GUARD = 'EXISTS (SELECT 1 FROM inbox WHERE id = ? AND ticket_id = ?)';
const CONTACT_MATCH =
  '(SELECT id FROM contacts WHERE phone = ? OR email = ? OR open_id = ? ORDER BY created_at, id LIMIT 1)';

function contactParams(c: ContactIdentity | null) {
  return [c?.phone ?? null, c?.email ?? null, c?.openId ?? null];
}

/** `?` placeholders (inbox id, new ticket id): the message joined another, open ticket. */
const JOINED = 'EXISTS (SELECT 1 FROM inbox WHERE id = ? AND ticket_id IS NOT NULL AND ticket_id <> ?)';
/** `?` placeholder (inbox id): the ticket the message is linked to. */
const LINKED_TICKET = '(SELECT ticket_id FROM inbox WHERE id = ?)';
/**
 * The contact's newest ticket on a channel, still open and created since a time. CROSS JOIN
 * keeps SQLite starting from the contact: left to choose, it starts from every open ticket by
 * status, which grows with the centre's backlog.
 */
export const OPEN_CONVERSATION = `(SELECT t.id FROM contacts c CROSS JOIN tickets t ON t.contact_id = c.id
  WHERE (c.phone = ? OR c.email = ? OR c.open_id = ?) AND t.channel = ? AND t.created_at >= ? AND t.status IN ('received', 'dispatched')
  ORDER BY t.created_at DESC LIMIT 1)`;

/**
 * The raw message, stored linked to `ticketId`, or to the open conversation it joins; when
 * retrying a message whose earlier attempt failed, its stored row is linked now.
 */
function storeInbox(d1: D1Database, w: IntakeWrite): D1PreparedStatement {
  const { inbox, ticket } = w;
  const join = w.joinOpenSince !== undefined && w.contact !== null;
  const link = join ? `coalesce(${OPEN_CONVERSATION}, ?)` : '?';
  const linkParams = join ? [...contactParams(w.contact), ticket.channel, w.joinOpenSince, ticket.id] : [ticket.id];
  const admit = w.admitIf?.sql ?? '1';
  const admitParams = w.admitIf?.params ?? [];
  if (!w.insertInbox) {
    return d1
      .prepare(
        `UPDATE inbox SET status = 'processed', error = NULL, ticket_id = ${link} WHERE id = ? AND ticket_id IS NULL AND ${admit}`,
      )
      .bind(...linkParams, inbox.id, ...admitParams);
  }
  // SQLite wants a WHERE on an upsert's SELECT.
  return d1
    .prepare(
      `INSERT INTO inbox (id, channel, external_id, received_at, stored_at, raw, status, ticket_id) SELECT ?, ?, ?, ?, ?, ?, 'processed', ${link} WHERE ${admit} ON CONFLICT DO NOTHING`,
    )
    .bind(inbox.id, inbox.channel, inbox.externalId, inbox.receivedAt, w.now, inbox.raw, ...linkParams, ...admitParams);
}

/** The events a new ticket starts with, and the fields its first state sets. */
function openingEvents(w: IntakeWrite) {
  const events: Array<{
    action: string;
    from: string | null;
    to: string;
    reason: string | null;
    data: Record<string, unknown>;
  }> = [{ action: 'create', from: null, to: 'received', reason: null, data: { channel: w.ticket.channel } }];
  const fields = {
    status: 'received',
    leadDepartmentCode: null as string | null,
    dispatchedAt: null as number | null,
    deadlineAt: null as number | null,
    clockKind: null as string | null,
    closedAt: null as number | null,
  };
  if (w.directAnswer) {
    Object.assign(fields, { status: 'closed', closedAt: w.now });
    events.push({
      action: 'close',
      from: 'received',
      to: 'closed',
      reason: '来电直接答复（直接办结）',
      data: { kind: 'direct_answer' },
    });
  } else if (w.dispatchTo) {
    const policy = findSlaPolicy(w.workingTime.policies, w.ticket.type, w.ticket.urgency);
    const deadlineAt = computeDeadline(w.workingTime.calendar, policy, w.now);
    Object.assign(fields, {
      status: 'dispatched',
      leadDepartmentCode: w.dispatchTo.departmentCode,
      dispatchedAt: w.now,
      deadlineAt,
      clockKind: clockKindOf(policy),
    });
    events.push({
      action: 'dispatch',
      from: 'received',
      to: 'dispatched',
      reason: w.dispatchTo.reason,
      data: { departmentCode: w.dispatchTo.departmentCode, coDepartmentCodes: [], deadlineAt },
    });
  }
  return { events, fields };
}

/** Where in the batch's results intake finds the new ticket's number and its follow-up candidates. */
export interface IntakeBatch {
  statements: D1PreparedStatement[];
  linkedAt: number;
  candidatesAt: number;
  /** The joined ticket (id, ticketNo, queryCode, status) when the message joined one. */
  joinedAt: number | null;
}

export interface CandidateWindows {
  /** A resident's own tickets since then are checked for a repeat. */
  sameResidentSince: number;
  /** Tickets at the same place since then are checked for a hot spot. */
  samePlaceSince: number;
}

export function intakeStatements(d1: D1Database, w: IntakeWrite, windows: CandidateWindows): IntakeBatch {
  const t = w.ticket;
  const g = [w.inbox.id, t.id];
  const day = localDate(w.now).replaceAll('-', '');
  const { events, fields } = openingEvents(w);
  const statements: D1PreparedStatement[] = [storeInbox(d1, w)];

  // The day's ticket number: one atomic upsert. SQLite wants a WHERE on an upsert's SELECT.
  statements.push(
    d1
      .prepare(
        `INSERT INTO ticket_counters (day, seq) SELECT ?, 1 WHERE ${GUARD} ON CONFLICT (day) DO UPDATE SET seq = seq + 1`,
      )
      .bind(day, ...g),
  );
  if (w.contact) {
    const c = w.contact;
    statements.push(
      d1
        .prepare(
          `INSERT INTO contacts (id, name, phone, email, open_id, created_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${GUARD} AND ${CONTACT_MATCH} IS NULL`,
        )
        .bind(c.newId, c.name, c.phone, c.email, c.openId, w.now, w.now, ...g, ...contactParams(c)),
    );
    // A resident known by phone who now also gives a name or an e-mail address: keep it. With one
    // identity and no name there is nothing the matched contact could lack.
    if ([c.name, c.phone, c.email, c.openId].filter(Boolean).length > 1) {
      statements.push(
        d1
          .prepare(
            `UPDATE contacts SET name = coalesce(name, ?), phone = coalesce(phone, ?), email = coalesce(email, ?), open_id = coalesce(open_id, ?), updated_at = ? WHERE id = ${CONTACT_MATCH} AND ${GUARD}`,
          )
          .bind(c.name, c.phone, c.email, c.openId, w.now, ...contactParams(c), ...g),
      );
    }
  }
  const linkedAt = statements.length;
  statements.push(
    d1
      .prepare(
        `INSERT INTO tickets (id, ticket_no, query_code, channel, title, text, type, urgency, life_danger, category, status,
           lead_department_code, co_department_codes, location_address, lat, lng, place_code, contact_id, consent_to_publish,
           received_at, created_at, updated_at, dispatched_at, closed_at, deadline_at, clock_kind, direct_answer, routing, signature, version)
         SELECT ?, (SELECT ? || day || printf('%05d', seq) FROM ticket_counters WHERE day = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?,
           ?, '[]', ?, ?, ?, ?, ${w.contact ? CONTACT_MATCH : 'NULL'}, ?,
           ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
         WHERE ${GUARD}
         RETURNING ticket_no AS ticketNo`,
      )
      .bind(
        t.id,
        w.jurisdictionCode,
        day,
        t.queryCode,
        t.channel,
        t.title,
        t.text,
        t.type,
        t.urgency,
        t.lifeDanger ? 1 : 0,
        t.category,
        fields.status,
        fields.leadDepartmentCode,
        t.locationAddress,
        t.lat,
        t.lng,
        t.placeCode,
        ...(w.contact ? contactParams(w.contact) : []),
        t.consentToPublish ? 1 : 0,
        t.receivedAt,
        w.now,
        w.now,
        fields.dispatchedAt,
        fields.closedAt,
        fields.deadlineAt,
        fields.clockKind,
        w.directAnswer,
        t.routing ? JSON.stringify(t.routing) : null,
        t.signature,
        events.length,
        ...g,
      ),
  );
  // All opening events in one statement: (seq, action, from, to, reason, data) rows.
  statements.push(
    d1
      .prepare(
        `INSERT INTO ticket_events (ticket_id, seq, at, actor_id, actor_role, action, from_status, to_status, reason, data)
         SELECT ?, column1, ?, NULL, 'system', column2, column3, column4, column5, column6
         FROM (VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}) WHERE ${GUARD}`,
      )
      .bind(
        t.id,
        w.now,
        ...events.flatMap((e, i) => [i + 1, e.action, e.from, e.to, e.reason, JSON.stringify(e.data)]),
        ...g,
      ),
  );
  if (w.ack) {
    const a = w.ack;
    statements.push(
      d1
        .prepare(
          `INSERT INTO outbox (id, ticket_id, channel, recipient, kind, subject, body, status, attempts, created_at)
           SELECT ?, t.id, ?, ?, 'ack', replace(?, '${TICKET_NO_PLACEHOLDER}', t.ticket_no), replace(?, '${TICKET_NO_PLACEHOLDER}', t.ticket_no), 'pending', 0, ?
           FROM tickets t WHERE t.id = ? AND ${GUARD}`,
        )
        .bind(a.id, a.channel, a.recipient, a.subjectTemplate, a.bodyTemplate, w.now, t.id, ...g),
    );
  }
  // A placed ticket is filed under its band keys, for later tickets at the place to find it.
  const bandKeys = JSON.stringify(placeBandKeys(t.placeCode, t.signature));
  if (t.placeCode && t.signature) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO ticket_bands (band, ticket_id, received_at) SELECT value, ?, ? FROM json_each(?) WHERE ${GUARD}`,
        )
        .bind(t.id, t.receivedAt, bandKeys, ...g),
    );
  }
  // The follow-up's candidates come back in the same round trip: the new ticket itself, the
  // resident's recent tickets, and recent tickets at the same place that share a band key with
  // it (all by index).
  statements.push(
    d1
      .prepare(
        `SELECT id, ticket_no AS ticketNo, contact_id AS contactId, signature, received_at AS receivedAt, status, place_code AS placeCode
         FROM tickets
         WHERE id = ? OR (contact_id = (SELECT contact_id FROM tickets WHERE id = ?) AND received_at > ?)
           OR id IN (SELECT ticket_id FROM ticket_bands WHERE band IN (SELECT value FROM json_each(?)) AND received_at > ?)
         LIMIT 1000`,
      )
      .bind(t.id, t.id, windows.sameResidentSince, bandKeys, windows.samePlaceSince),
  );
  const candidatesAt = statements.length - 1;
  if (w.joinOpenSince === undefined || w.contact === null)
    return { statements, linkedAt, candidatesAt, joinedAt: null };
  statements.push(...joinStatements(d1, w));
  return { statements, linkedAt, candidatesAt, joinedAt: statements.length - 1 };
}

/**
 * A later message of the same conversation joins the open ticket: an `append` event and the
 * text added to the ticket's. The last statement returns the joined ticket.
 */
function joinStatements(d1: D1Database, w: IntakeWrite): D1PreparedStatement[] {
  const joined = [w.inbox.id, w.ticket.id];
  return [
    d1
      .prepare(
        `INSERT INTO ticket_events (ticket_id, seq, at, actor_id, actor_role, action, from_status, to_status, reason, data)
         SELECT t.id, t.version + 1, ?, NULL, 'system', 'append', t.status, t.status, NULL, ? FROM tickets t WHERE t.id = ${LINKED_TICKET} AND ${JOINED}`,
      )
      .bind(w.now, JSON.stringify({ channel: w.inbox.channel, text: w.ticket.text }), w.inbox.id, ...joined),
    d1
      .prepare(
        `UPDATE tickets SET text = text || char(10) || ?, updated_at = ?, version = version + 1 WHERE id = ${LINKED_TICKET} AND ${JOINED}`,
      )
      .bind(w.ticket.text, w.now, w.inbox.id, ...joined),
    d1
      .prepare(
        `SELECT id, ticket_no AS ticketNo, query_code AS queryCode, status FROM tickets WHERE id = ${LINKED_TICKET} AND ${JOINED}`,
      )
      .bind(w.inbox.id, ...joined),
  ];
}
