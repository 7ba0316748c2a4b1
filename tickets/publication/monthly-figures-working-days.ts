// Working time from receipt to reply, summed over many tickets without reading them one by one.
// The working minutes between two instants are C(to) − C(from), where C(t) counts the working
// minutes from a fixed origin up to t: whole working days before t's date, plus the office
// minutes of t's own day before t when that day is a working day. The second part depends only
// on the time of day, so SQL sums it per (department, local date) and this module adds the first
// part per date from the calendar: exact, and one row per department and day, not per ticket.
import { type SQL, sql } from 'drizzle-orm';
import { isWorkingDay, SHANGHAI_OFFSET_MS, type WorkingCalendar } from '../../routing/calendar';

const DAY_MS = 86_400_000;

/**
 * SQL for the office minutes of its local day before the instant `column` (fractional, as the
 * periods are): Σ over office periods [s, e) of max(0, min(m, e) − s), m the minute of the day.
 */
export function officeMinutesBefore(column: SQL | unknown, periods: WorkingCalendar['periods']): SQL {
  const minute = sql`((${column} + ${sql.raw(String(SHANGHAI_OFFSET_MS))}) % ${sql.raw(String(DAY_MS))}) / 60000.0`;
  const terms = periods.map(([s, e]) => sql`max(0, min(${minute}, ${sql.raw(String(e))}) - ${sql.raw(String(s))})`);
  return sql.join(terms, sql` + `);
}

/** SQL for the Asia/Shanghai date `YYYY-MM-DD` of the instant `column`. */
export function localDateOf(column: SQL | unknown): SQL<string> {
  return sql<string>`date((${column} + ${sql.raw(String(SHANGHAI_OFFSET_MS))}) / 1000, 'unixepoch')`;
}

/** One side of the sum: tickets of a department on one local date, and their office minutes before. */
export interface WorkingMinuteParts {
  key: string;
  day: string;
  tickets: number;
  minutesBefore: number;
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Whole working days before each date, counted from the earliest of them. */
function workingDaysBefore(calendar: WorkingCalendar, dates: string[]): Map<string, number> {
  const wanted = new Set(dates);
  const sorted = [...wanted].sort();
  const out = new Map<string, number>();
  const last = sorted[sorted.length - 1];
  let count = 0;
  for (let date = sorted[0]; date && last && date <= last; date = nextDate(date)) {
    if (wanted.has(date)) out.set(date, count);
    if (isWorkingDay(calendar, date)) count++;
  }
  return out;
}

/**
 * Σ working minutes from receipt to reply per key: the reply side (C at each reply) minus the
 * receipt side (C at each receipt), both from the same set of tickets.
 */
export function sumWorkingMinutes(
  calendar: WorkingCalendar,
  replies: WorkingMinuteParts[],
  receipts: WorkingMinuteParts[],
): Map<string, number> {
  const dayMinutes = calendar.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
  const before = workingDaysBefore(
    calendar,
    [...replies, ...receipts].map((p) => p.day),
  );
  const totals = new Map<string, number>();
  const add = (parts: WorkingMinuteParts[], sign: number) => {
    for (const p of parts) {
      const sameDay = isWorkingDay(calendar, p.day) ? p.minutesBefore : 0;
      const c = p.tickets * (before.get(p.day) ?? 0) * dayMinutes + sameDay;
      totals.set(p.key, (totals.get(p.key) ?? 0) + sign * c);
    }
  };
  add(replies, 1);
  add(receipts, -1);
  return totals;
}
