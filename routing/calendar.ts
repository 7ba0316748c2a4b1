// Working time in Asia/Shanghai: which days are working days (weekends, public holidays and
// 调休 working weekends) and how to count working minutes and working days between instants.
// Pure functions over epoch milliseconds; the calendar exceptions come from the caller (D1).
// China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8 offset. This is
// the hub's one place for Shanghai dates and times: local date, local midnight, wall-clock text
// for people and ISO 8601 with +08:00 for protocols; nothing else adds the offset itself.

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type DayKind = 'holiday' | 'workday';

export interface WorkingCalendar {
  /** Exceptions to Monday–Friday, keyed by local date `YYYY-MM-DD`. */
  exceptions: ReadonlyMap<string, DayKind>;
  /** Office hours as [start, end) minutes after local midnight, in order, not overlapping. */
  periods: ReadonlyArray<readonly [number, number]>;
}

/** 09:00–12:00 and 13:30–17:30: the usual office hours of a Chinese government department. */
export const defaultOfficePeriods: ReadonlyArray<readonly [number, number]> = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

export function createCalendar(
  exceptions: Iterable<{ date: string; kind: DayKind }>,
  periods = defaultOfficePeriods,
): WorkingCalendar {
  return { exceptions: new Map([...exceptions].map((e) => [e.date, e.kind])), periods };
}

/** The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of local midnight that starts the given local date. */
export function localMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
}

/** An instant from local wall-clock parts, e.g. `shanghaiTime('2026-10-08', 9, 30)`. */
export function shanghaiTime(date: string, hour = 0, minute = 0): number {
  return localMidnight(date) + (hour * 60 + minute) * MINUTE_MS;
}

function addLocalDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const exception = calendar.exceptions.get(date);
  if (exception) return exception === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

// A guard against a calendar with no working days at all (a bad admin edit): no deadline is
// more than a few years away, so searching further means the calendar is broken.
const MAX_DAYS_SEARCHED = 3 * 366;

/** The office periods of one local date as instants, empty on days off. */
function periodsOn(calendar: WorkingCalendar, date: string): Array<[number, number]> {
  if (!isWorkingDay(calendar, date)) return [];
  const midnight = localMidnight(date);
  return calendar.periods.map(([s, e]) => [midnight + s * MINUTE_MS, midnight + e * MINUTE_MS]);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(calendar: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  let date = localDate(from);
  for (let i = 0; i < MAX_DAYS_SEARCHED && localMidnight(date) < to; i++, date = addLocalDays(date, 1)) {
    for (const [s, e] of periodsOn(calendar, date)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.floor(total / MINUTE_MS);
}

/**
 * The instant after `minutes` of working time counted from `from`. A result that falls exactly
 * at the close of a period stays there (a deadline of 17:30, not 09:00 the next day).
 */
export function addWorkingMinutes(calendar: WorkingCalendar, from: number, minutes: number): number {
  let remaining = minutes * MINUTE_MS;
  let date = localDate(from);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, date = addLocalDays(date, 1)) {
    for (const [s, e] of periodsOn(calendar, date)) {
      if (e <= from) continue;
      const start = Math.max(s, from);
      if (remaining <= e - start) return start + remaining;
      remaining -= e - start;
    }
  }
  throw new Error('working calendar has no working time in the coming three years');
}

/**
 * The instant `minutes` of working time before `to`: the earliest moment from which only that
 * much working time is left (12:00 rather than 13:30 when the afternoon is exactly what is left).
 */
export function subtractWorkingMinutes(calendar: WorkingCalendar, to: number, minutes: number): number {
  let remaining = minutes * MINUTE_MS;
  let date = localDate(to);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, date = addLocalDays(date, -1)) {
    for (const [s, e] of periodsOn(calendar, date).reverse()) {
      if (s >= to) continue;
      const end = Math.min(e, to);
      if (remaining < end - s) return end - remaining;
      remaining -= end - s;
    }
  }
  throw new Error('working calendar has no working time in the past three years');
}

/**
 * The close of office on the n-th working day after the local date of `from` (n ≥ 1). This is
 * how "within N working days" is read: the day of receipt does not count.
 */
export function endOfNthWorkingDay(calendar: WorkingCalendar, from: number, n: number): number {
  let date = localDate(from);
  let counted = 0;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    date = addLocalDays(date, 1);
    if (isWorkingDay(calendar, date) && ++counted === n) {
      const last = calendar.periods[calendar.periods.length - 1];
      if (!last) throw new Error('working calendar has no office periods');
      return localMidnight(date) + last[1] * MINUTE_MS;
    }
  }
  throw new Error('working calendar has no working days in the coming three years');
}

/** Wall-clock text in Asia/Shanghai for people: `2026-10-09 17:30`. */
export function formatShanghai(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** ISO 8601 in China Standard Time for protocols (Open311): `2026-10-09T17:30:00+08:00`. */
export function isoShanghai(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}
