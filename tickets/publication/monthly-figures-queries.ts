// The aggregate queries behind the figures pages, one statement a figure, all for one db.batch.
// Each reads the period's tickets through an index on the time it is about (created_at,
// replied_at, deadline_at, ratings.at) and answers a few rows per department, never a row a ticket.
import { and, count, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { calendarDays, departments, ratings, tickets } from '../../db/schema';
import type { WorkingCalendar } from '../../routing/calendar';
import { localDateOf, officeMinutesBefore } from './monthly-figures-working-days';

/** An answer the reviewer approved is a reply; one waiting for review is not yet. */
export const approvedStatuses = ['reviewed', 'closed'];

/**
 * 1 when the ticket was answered before `at`: its approved reply, or closing without one (a
 * direct answer, an invalid ticket). Read from the ticket as it is now: a reopen clears both.
 */
export function answeredBefore(at: number): SQL<number> {
  return sql<number>`(case
    when ${tickets.repliedAt} < ${at} and ${inArray(tickets.status, approvedStatuses)} then 1
    when ${tickets.repliedAt} is null and ${tickets.closedAt} < ${at} then 1
    else 0 end)`;
}

const dept = tickets.leadDepartmentCode;

export function departmentTree(db: Db) {
  return db
    .select({
      code: departments.code,
      parentCode: departments.parentCode,
      name: departments.name,
      kind: departments.kind,
      sortOrder: departments.sortOrder,
    })
    .from(departments);
}

export function calendarExceptions(db: Db) {
  return db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays);
}

/** Tickets created in the period; a duplicate merged into another counts with that one only. */
export function receivedByDepartment(db: Db, start: number, end: number) {
  return db
    .select({ dept, n: count() })
    .from(tickets)
    .where(and(gte(tickets.createdAt, start), lt(tickets.createdAt, end), isNull(tickets.mergedIntoId)))
    .groupBy(dept);
}

const repliedIn = (start: number, end: number) =>
  and(gte(tickets.repliedAt, start), lt(tickets.repliedAt, end), inArray(tickets.status, approvedStatuses));

/** Replies approved in the period, per department and reply date: on time, and the reply side of the working time. */
export function repliesByDepartmentDay(db: Db, start: number, end: number, periods: WorkingCalendar['periods']) {
  const day = localDateOf(tickets.repliedAt);
  return db
    .select({
      dept,
      day,
      n: count(),
      onTime: sql<number>`sum(case when ${tickets.deadlineAt} is null or ${tickets.repliedAt} <= ${tickets.deadlineAt}
        then 1 else 0 end)`,
      minutesBefore: sql<number>`sum(${officeMinutesBefore(tickets.repliedAt, periods)})`,
    })
    .from(tickets)
    .where(repliedIn(start, end))
    .groupBy(dept, day);
}

/** The same replies per receipt date: the receipt side of the working time. */
export function receiptsOfRepliesByDepartmentDay(
  db: Db,
  start: number,
  end: number,
  periods: WorkingCalendar['periods'],
) {
  const day = localDateOf(tickets.receivedAt);
  return db
    .select({
      dept,
      day,
      n: count(),
      minutesBefore: sql<number>`sum(${officeMinutesBefore(tickets.receivedAt, periods)})`,
    })
    .from(tickets)
    .where(repliedIn(start, end))
    .groupBy(dept, day);
}

/** Tickets whose deadline fell in the period (up to the cutoff) and had no answer by the cutoff. */
export function overdueByDepartment(db: Db, start: number, cutoff: number) {
  return db
    .select({ dept, n: count() })
    .from(tickets)
    .where(
      and(
        gte(tickets.deadlineAt, start),
        lt(tickets.deadlineAt, cutoff),
        isNull(tickets.mergedIntoId),
        eq(answeredBefore(cutoff), 0),
      ),
    )
    .groupBy(dept);
}

/** 满意 and 基本满意 count as satisfied (DESIGN.md "Metrics"). */
const satisfiedAnswers: Array<'satisfied' | 'basically_satisfied'> = ['satisfied', 'basically_satisfied'];

/** Ratings given in the period (each answer round is rated once), by the ticket's department. */
export function ratingsByDepartment(db: Db, start: number, end: number) {
  return db
    .select({
      dept,
      rated: count(),
      satisfied: sql<number>`sum(case when ${inArray(ratings.satisfaction, satisfiedAnswers)} then 1 else 0 end)`,
    })
    .from(ratings)
    .innerJoin(tickets, eq(tickets.id, ratings.ticketId))
    .where(and(gte(ratings.at, start), lt(ratings.at, end)))
    .groupBy(dept);
}
