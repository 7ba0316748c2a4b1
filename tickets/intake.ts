// Intake: one InboundMessage in, one ticket out. The raw message is stored in the inbox before
// anything else, unique on (channel, externalId), so a repeat returns the first ticket and a
// failure later on leaves the message kept and marked for another try. The ticket itself is
// written in one D1 batch (lifecycle statements, inbox link, acknowledgement in the outbox).
import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { openDb, type Db } from '../db/client';
import { contacts, inbox, tickets } from '../db/schema';
import { HubError } from './hub-error';
import { newId, newQueryCode } from './ids';
import type { InboundMessage } from './inbound-message';
import { routeInbound } from './intake-routing';
import { allocateTicketNumberStatement, appendStatements, createTicketStatements, formatTicketNumber } from './lifecycle';
import { deliveryTargetFor, messageTexts, outboxInsert, queueDeliveries, trackingLink } from './outbox';
import { loadWorkingTime } from './working-calendar';

export interface IntakeResult {
  ticketId: string;
  ticketNo: string;
  queryCode: string;
  status: string;
  duplicate: boolean;
  appended: boolean;
}

export interface IntakeOptions {
  /** Messages of one contact on one channel within this window join the open ticket (WeChat chats). */
  appendWindowMs?: number;
  /** Queue an acknowledgement to the resident; off for channels that answer in their response. */
  acknowledge?: boolean;
  now?: number;
}

type Statement = BatchItem<'sqlite'>;

async function existingResult(db: Db, ticketId: string, appended: boolean): Promise<IntakeResult> {
  const t = await db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
  if (!t) throw new HubError(500, 'inbox_orphan', 'inbox points at a missing ticket');
  return { ticketId: t.id, ticketNo: t.ticketNo, queryCode: t.queryCode, status: t.status, duplicate: true, appended };
}

/** A repeat of a message already taken: wait briefly if the first copy is still being processed. */
async function resolveRepeat(db: Db, message: InboundMessage): Promise<IntakeResult | 'retry'> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await db.query.inbox.findFirst({
      where: and(eq(inbox.channel, message.channel), eq(inbox.externalId, message.externalId)),
    });
    if (row?.ticketId) return existingResult(db, row.ticketId, false);
    if (row?.status === 'failed') return 'retry';
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new HubError(409, 'intake_in_progress', '该消息正在处理中，请稍后重试');
}

function contactMatch(sender: InboundMessage['sender']) {
  const conditions = [
    sender.phone ? eq(contacts.phone, sender.phone) : undefined,
    sender.email ? eq(contacts.email, sender.email.toLowerCase()) : undefined,
    sender.openId ? eq(contacts.openId, sender.openId) : undefined,
  ].filter((c) => c !== undefined);
  return conditions.length ? or(...conditions) : undefined;
}

export async function intakeMessage(
  env: Pick<Env, 'DB' | 'OUTBOX' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>,
  message: InboundMessage,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const db = openDb(env.DB);
  const now = options.now ?? Date.now();
  const receivedAt = Date.parse(message.receivedAt);
  const inboxId = newId();
  const match = contactMatch(message.sender);

  // Round trip 1: keep the raw message, take a ticket number, find the contact.
  const [stored, numbered, contactRows] = await db.batch([
    db
      .insert(inbox)
      .values({ id: inboxId, channel: message.channel, externalId: message.externalId, receivedAt, storedAt: now, raw: message.raw })
      .onConflictDoNothing()
      .returning({ id: inbox.id }),
    allocateTicketNumberStatement(db, now),
    db.select().from(contacts).where(match ?? sql`0`).limit(1),
  ]);
  let activeInboxId = inboxId;
  if (stored.length === 0) {
    const repeat = await resolveRepeat(db, message);
    if (repeat !== 'retry') return repeat;
    const failed = await db.query.inbox.findFirst({ where: and(eq(inbox.channel, message.channel), eq(inbox.externalId, message.externalId)) });
    activeInboxId = failed!.id;
  }

  try {
    return await processMessage(env, db, message, activeInboxId, numbered[0]!, contactRows[0] ?? null, now, receivedAt, options);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await db.update(inbox).set({ status: 'failed', error }).where(eq(inbox.id, activeInboxId));
    throw err;
  }
}

async function processMessage(
  env: Pick<Env, 'OUTBOX' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>,
  db: Db,
  message: InboundMessage,
  inboxId: string,
  number: { day: string; seq: number },
  existingContact: typeof contacts.$inferSelect | null,
  now: number,
  receivedAt: number,
  options: IntakeOptions,
): Promise<IntakeResult> {
  const statements: Statement[] = [];
  const sender = message.sender;
  const contact = existingContact
    ? { ...existingContact, name: existingContact.name ?? sender.name ?? null, phone: existingContact.phone ?? sender.phone ?? null, email: existingContact.email ?? sender.email?.toLowerCase() ?? null, openId: existingContact.openId ?? sender.openId ?? null }
    : sender.phone || sender.email || sender.openId
      ? { id: newId(), name: sender.name ?? null, phone: sender.phone ?? null, email: sender.email?.toLowerCase() ?? null, openId: sender.openId ?? null, createdAt: now, updatedAt: now }
      : null;
  if (contact) {
    statements.push(
      db
        .insert(contacts)
        .values(contact)
        .onConflictDoUpdate({ target: contacts.id, set: { name: contact.name, phone: contact.phone, email: contact.email, openId: contact.openId, updatedAt: now } }),
    );
  }

  // A chat that goes on for a few minutes is one matter, not many tickets.
  if (options.appendWindowMs && contact && existingContact) {
    const open = await db.query.tickets.findFirst({
      where: and(
        eq(tickets.contactId, contact.id),
        eq(tickets.channel, message.channel),
        gte(tickets.createdAt, now - options.appendWindowMs),
        inArray(tickets.status, ['received', 'dispatched']),
      ),
      orderBy: [desc(tickets.createdAt)],
    });
    if (open) {
      await db.batch([
        ...statements,
        ...appendStatements(db, open, message.text, now, message.channel),
        db.update(inbox).set({ status: 'processed', ticketId: open.id }).where(eq(inbox.id, inboxId)),
      ] as unknown as [Statement, ...Statement[]]);
      return { ticketId: open.id, ticketNo: open.ticketNo, queryCode: open.queryCode, status: open.status, duplicate: false, appended: true };
    }
  }

  const [routing, workingTime] = await Promise.all([routeInbound(db, message), loadWorkingTime(db, now)]);
  const ticketId = newId();
  const ticketNo = formatTicketNumber(env.JURISDICTION_CODE, number.day, number.seq);
  const queryCode = newQueryCode();
  const directAnswer = message.hints?.directAnswer ?? null;
  statements.push(
    ...createTicketStatements(
      db,
      {
        id: ticketId,
        channel: message.channel,
        title: message.title ?? null,
        text: message.text,
        type: routing.type,
        urgency: routing.urgency,
        lifeDanger: routing.lifeDanger,
        category: routing.category,
        locationAddress: message.location?.address ?? null,
        lat: message.location?.lat ?? null,
        lng: message.location?.lng ?? null,
        placeCode: routing.placeCode,
        contactId: contact?.id ?? null,
        consentToPublish: message.consentToPublish,
        receivedAt,
        routing: routing.explanation,
        signature: routing.signature,
        queryCode,
      },
      {
        now,
        ticketNo,
        workingTime,
        directAnswer,
        dispatchTo: routing.departmentCode
          ? { departmentCode: routing.departmentCode, coDepartmentCodes: routing.coDepartmentCodes, reason: '智能派单' }
          : null,
      },
    ),
    db.update(inbox).set({ status: 'processed', ticketId, error: null }).where(eq(inbox.id, inboxId)),
  );

  const target = deliveryTargetFor(message.channel, contact);
  const outboxIds: string[] = [];
  if (target && options.acknowledge !== false) {
    const link = trackingLink(env.PUBLIC_BASE_URL, ticketNo, queryCode);
    const id = newId();
    outboxIds.push(id);
    statements.push(
      outboxInsert(db, {
        id,
        ticketId,
        target,
        kind: 'ack',
        subject: `工单 ${ticketNo} 已受理`,
        body: directAnswer ? messageTexts.directAnswer(ticketNo, directAnswer) : messageTexts.ack(ticketNo, queryCode, link),
        now,
      }),
    );
  }

  await db.batch(statements as [Statement, ...Statement[]]);
  await queueDeliveries(env, outboxIds);
  const status = directAnswer ? 'closed' : routing.departmentCode ? 'dispatched' : 'received';
  return { ticketId, ticketNo, queryCode, status, duplicate: false, appended: false };
}
