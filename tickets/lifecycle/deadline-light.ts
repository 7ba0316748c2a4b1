// The deadline and its light (督办灯), set together wherever the lifecycle sets or moves a
// deadline: each helper answers the patch `{ deadlineAt, yellowAt, light }`. The lifecycle
// never lights red itself: turning red is escalate()'s, which opens the 督办 record and tells
// people in the same batch; a deadline already past is left yellow for its next run.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { supervisions } from '../../db/schema';
import type { WorkingCalendar } from '../../routing/calendar';
import { type ClockKind, computeYellowAt, movedYellowAt } from '../../routing/sla';
import type { TicketStatus } from '../transitions';
import type { TicketRow } from './actor';
import type { TicketPatch } from './writes';

export type Light = NonNullable<TicketRow['light']>;

export interface DeadlinePatch {
  deadlineAt: number | null;
  yellowAt: number | null;
  light: Light | null;
}

/** No department's clock: before dispatch, after a return, on reopening. */
export const noDeadline: DeadlinePatch = { deadlineAt: null, yellowAt: null, light: null };

/** The ticket's states with an answer: its light is out (DESIGN.md, the staff ticket view). */
const answered: ReadonlySet<string> = new Set<TicketStatus>(['replied', 'reviewed', 'closed', 'merged']);

/** The light a lifecycle write leaves: red stays red while still overdue, and only escalate() lights it. */
export function lightAt(now: number, yellowAt: number, deadlineAt: number, current: Light | null): Light {
  if (deadlineAt <= now && current === 'red') return 'red';
  return yellowAt <= now ? 'yellow' : 'green';
}

/** A clock that starts at `from` (dispatch) and runs to `deadlineAt`. */
export function newDeadline(
  calendar: WorkingCalendar,
  clock: ClockKind,
  from: number,
  deadlineAt: number,
  now = from,
): DeadlinePatch {
  const yellowAt = computeYellowAt(calendar, clock, from, deadlineAt);
  return { deadlineAt, yellowAt, light: lightAt(now, yellowAt, deadlineAt, null) };
}

/**
 * A deadline that moved (the clock restarted after the supplement, or an extension of
 * `addedMinutes`): the yellow instant keeps its margin before the deadline, grown by 20 % of
 * what was added. A ticket that never had one gets a fresh light from `now`.
 */
export function movedDeadline(
  calendar: WorkingCalendar,
  ticket: Pick<TicketRow, 'clockKind' | 'deadlineAt' | 'yellowAt' | 'light'>,
  deadlineAt: number,
  now: number,
  addedMinutes = 0,
): DeadlinePatch {
  const clock = ticket.clockKind ?? 'working';
  const before = ticket.yellowAt !== null && ticket.deadlineAt !== null ? ticket : null;
  if (!before) return newDeadline(calendar, clock, now, deadlineAt, now);
  const yellowAt = movedYellowAt(
    calendar,
    clock,
    { yellowAt: before.yellowAt!, deadlineAt: before.deadlineAt! },
    deadlineAt,
    addedMinutes,
  );
  return { deadlineAt, yellowAt, light: lightAt(now, yellowAt, deadlineAt, ticket.light) };
}

/**
 * The change's patch with what its new state does to the light, beside the handler's own
 * effects (which win): answering puts the light out; an answer sent back (a rejected reply)
 * lights it again from the deadline still standing. A red light going out, by an answer or a
 * return, ends the ticket's open 督办.
 */
export function withLight(db: Db, ticket: TicketRow, to: TicketStatus, now: number, patch: TicketPatch = {}) {
  const wasAnswered = answered.has(ticket.status);
  const transition: Partial<DeadlinePatch> = {};
  if (answered.has(to) && !wasAnswered) transition.light = null;
  else if (wasAnswered && !answered.has(to) && ticket.deadlineAt !== null && ticket.yellowAt !== null) {
    transition.light = lightAt(now, ticket.yellowAt, ticket.deadlineAt, null);
  }
  const merged: TicketPatch = { ...transition, ...patch };
  const ended = ticket.light === 'red' && merged.light === null;
  return { patch: merged, statements: ended ? [closeSupervisions(db, ticket.id, now)] : [] };
}

function closeSupervisions(db: Db, ticketId: string, now: number) {
  return db
    .update(supervisions)
    .set({ closedAt: now })
    .where(and(eq(supervisions.ticketId, ticketId), isNull(supervisions.closedAt)));
}
