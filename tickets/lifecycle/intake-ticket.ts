// The new ticket intake creates: its row, numbered from the day's counter, and the events it
// opens with (created, and at once dispatched or closed when intake decided so).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ticketCounters, ticketEvents, tickets } from '../../db/schema';
import { localDate } from '../../routing/calendar';
import { clockKindOf, computeDeadline, findSlaPolicy } from '../../routing/sla';
import type { TicketStatus } from '../transitions';
import type { WorkingTime } from '../working-calendar';
import { newDeadline } from './deadline-light';
import { insertSelect } from './sql-statements';

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
  districtCode: string | null;
  consentToPublish: boolean;
  receivedAt: number;
  routing: Record<string, unknown> | null;
  signature: string | null;
}

export interface Opening {
  draft: TicketDraft;
  now: number;
  jurisdictionCode: string;
  workingTime: WorkingTime;
  dispatchTo: { departmentCode: string; reason: string } | null;
  directAnswer: string | null;
}

interface OpeningEvent {
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  reason: string | null;
  data: Record<string, unknown>;
}

/** The events a new ticket starts with, and the fields its first state sets. */
function openingState(o: Opening) {
  const events: OpeningEvent[] = [
    { action: 'create', from: null, to: 'received', reason: null, data: { channel: o.draft.channel } },
  ];
  if (o.directAnswer) {
    const reason = '来电直接答复（直接办结）';
    events.push({ action: 'close', from: 'received', to: 'closed', reason, data: { kind: 'direct_answer' } });
    return { events, fields: { status: 'closed', closedAt: o.now } };
  }
  if (!o.dispatchTo) return { events, fields: { status: 'received' } };
  const policy = findSlaPolicy(o.workingTime.policies, o.draft.type, o.draft.urgency);
  const deadlineAt = computeDeadline(o.workingTime.calendar, policy, o.now);
  const { departmentCode, reason } = o.dispatchTo;
  events.push({
    action: 'dispatch',
    from: 'received',
    to: 'dispatched',
    reason,
    data: { departmentCode, coDepartmentCodes: [], deadlineAt },
  });
  const clockKind = clockKindOf(policy);
  const clock = newDeadline(o.workingTime.calendar, clockKind, o.now, deadlineAt);
  const fields = { status: 'dispatched', leadDepartmentCode: departmentCode, dispatchedAt: o.now, ...clock };
  return { events, fields: { ...fields, clockKind } };
}

/** The counter's key: the Asia/Shanghai day, as in the ticket number. */
const dayOf = (now: number) => localDate(now).replaceAll('-', '');

/** The day's ticket number: one atomic upsert (SQLite wants a WHERE on an upsert's SELECT). */
export function counterUpsert(db: Db, o: Opening, guard: SQL) {
  return insertSelect(db, ticketCounters, { day: dayOf(o.now), seq: 1 }, { where: guard }).onConflictDoUpdate({
    target: ticketCounters.day,
    set: { seq: sql`${ticketCounters.seq} + 1` },
  });
}

/** All opening events in one statement, read from one bound JSON list (one value, however many). */
function openingEvents(db: Db, ticketId: string, now: number, events: OpeningEvent[], guard: SQL) {
  const field = (name: keyof OpeningEvent) => sql`json_extract(value, ${`$.${name}`})`;
  return insertSelect(
    db,
    ticketEvents,
    {
      ticketId,
      seq: sql`key + 1`,
      at: now,
      actorId: null,
      actorRole: 'system',
      action: field('action'),
      fromStatus: field('from'),
      toStatus: field('to'),
      reason: field('reason'),
      data: field('data'),
    },
    { from: sql`json_each(${JSON.stringify(events)})`, where: guard },
  );
}

/** The ticket row (returning its number) and its opening events, written only if `guard` holds. */
export function openingStatements(db: Db, o: Opening, contactId: SQL | null, guard: SQL) {
  const day = dayOf(o.now);
  const { events, fields } = openingState(o);
  const ticketNo = sql`(select ${o.jurisdictionCode} || ${ticketCounters.day} || printf('%05d', ${ticketCounters.seq})
    from ${ticketCounters} where ${ticketCounters.day} = ${day})`;
  const row = insertSelect(
    db,
    tickets,
    {
      ...o.draft,
      ...fields,
      ticketNo,
      contactId,
      coDepartmentCodes: [],
      directAnswer: o.directAnswer,
      createdAt: o.now,
      updatedAt: o.now,
      // The version counts the events, so the ticket's next event is numbered on from them.
      version: events.length,
    },
    { where: guard },
  );
  return {
    ticket: row.returning({ ticketNo: sql<string>`${sql.identifier(tickets.ticketNo.name)}`.as('ticketNo') }),
    events: openingEvents(db, o.draft.id, o.now, events, guard),
  };
}
