// The period a figures page reports on: a calendar month or year in Asia/Shanghai, from the
// address (`2026-11`, `2026`). Only months and years that have begun: a future one has no
// figures, and reporting it as zeros would read as a month with no tickets.
import { localDate, localMidnight } from '../../routing/calendar';
import { dateOfDay, dayOf, type StatsScope } from '../stats/stats-period';

export interface FiguresPeriod {
  kind: 'month' | 'year';
  /** As in the address: `2026-11` or `2026`. */
  key: string;
  /** `2026年11月` or `2026年`. */
  label: string;
  /** Local midnight that starts the period (epoch ms). */
  start: number;
  /** Local midnight that starts the next period (exclusive). */
  end: number;
}

/** The hub has no figures from before this year; older addresses are not worth answering. */
const FIRST_YEAR = 2000;

const pad = (n: number) => String(n).padStart(2, '0');

function monthPeriod(year: number, month: number): FiguresPeriod {
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  return {
    kind: 'month',
    key: `${year}-${pad(month)}`,
    label: `${year}年${month}月`,
    start: localMidnight(`${year}-${pad(month)}-01`),
    end: localMidnight(`${next[0]}-${pad(next[1] ?? 1)}-01`),
  };
}

function yearPeriod(year: number): FiguresPeriod {
  return {
    kind: 'year',
    key: String(year),
    label: `${year}年`,
    start: localMidnight(`${year}-01-01`),
    end: localMidnight(`${year + 1}-01-01`),
  };
}

const begun = (p: FiguresPeriod, now: number) => p.start <= now;

/** `yyyy-mm` of a month that has begun, or null. */
export function parseMonth(text: string, now: number): FiguresPeriod | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < FIRST_YEAR || month < 1 || month > 12) return null;
  const period = monthPeriod(year, month);
  return begun(period, now) ? period : null;
}

/** `yyyy` of a year that has begun, or null. */
export function parseYear(text: string, now: number): FiguresPeriod | null {
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  if (year < FIRST_YEAR) return null;
  const period = yearPeriod(year);
  return begun(period, now) ? period : null;
}

/** The month an instant falls in (Asia/Shanghai). */
export function monthOf(at: number): FiguresPeriod {
  const [year, month] = localDate(at).split('-').map(Number) as [number, number];
  return monthPeriod(year, month);
}

/** The period before and the one after (null when it has not begun, or is before the first year). */
export function adjacentPeriods(
  period: FiguresPeriod,
  now: number,
): { previous: FiguresPeriod | null; next: FiguresPeriod | null } {
  const parse = period.kind === 'month' ? parseMonth : parseYear;
  const shift = (by: number) => {
    if (period.kind === 'year') return String(Number(period.key) + by);
    const [y, m] = period.key.split('-').map(Number) as [number, number];
    const index = y * 12 + (m - 1) + by;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  };
  return { previous: parse(shift(-1), now), next: parse(shift(1), now) };
}

/** The figures are read up to here: the period's end, or now while it runs. */
export const cutoffOf = (period: FiguresPeriod, now: number) => Math.min(period.end, now);

/** The period as the rollups number its days (its last day is the one before `end`), for the whole city. */
export function statsScopeOf(period: FiguresPeriod): StatsScope {
  const startDay = dayOf(period.start);
  const endDay = dayOf(period.end) - 1;
  return { from: dateOfDay(startDay), to: dateOfDay(endDay), startDay, endDay, department: null };
}

/** The months of a year that have begun, in order. */
export function monthsOf(year: FiguresPeriod, now: number): FiguresPeriod[] {
  const months = Array.from({ length: 12 }, (_, i) => parseMonth(`${year.key}-${pad(i + 1)}`, now));
  return months.filter((m): m is FiguresPeriod => m !== null);
}
