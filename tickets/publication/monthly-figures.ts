// The public figures of a month or a year (办理情况): by first-level unit, received, replied, on
// time, average working days from receipt to reply and satisfaction, the city total, and the
// 依申请公开 table. Everything is read in one D1 batch of aggregate queries (DESIGN.md "Metrics"
// defines each figure); the figures read the tickets as they are now, so a reply reopened later
// leaves the month it was counted in.
import type { Db } from '../../db/client';
import { createCalendar, defaultOfficePeriods } from '../../routing/calendar';
import {
  buildDisclosureTable,
  type DisclosureCountRow,
  type DisclosureTable,
  disclosureCounts,
} from './disclosure-table';
import { type DepartmentFigures, DepartmentRollup, firstLevelUnits } from './monthly-figures-departments';
import { cutoffOf, type FiguresPeriod } from './monthly-figures-period';
import {
  calendarExceptions,
  departmentTree,
  overdueByDepartment,
  ratingsByDepartment,
  receiptsOfRepliesByDepartmentDay,
  receivedByDepartment,
  repliesByDepartmentDay,
} from './monthly-figures-queries';
import { sumWorkingMinutes } from './monthly-figures-working-days';

export interface PeriodFigures {
  period: FiguresPeriod;
  /** The city's name as its government is named without 人民政府 (「A市」). */
  city: string;
  /** The figures run up to here: the period's end, or the moment read while it runs. */
  cutoff: number;
  departments: DepartmentFigures[];
  total: DepartmentFigures;
  disclosure: DisclosureTable;
}

/** The key a department's parts are summed under (the query's null department as ''). */
const keyOf = (dept: string | null) => dept ?? '';

// The office hours are the hub's fixed ones; the calendar's exceptions come in the same batch.
const periods = defaultOfficePeriods;

/** The period's statements, for one D1 batch (the portal adds its own to the same batch). */
export function periodFiguresStatements(db: Db, period: FiguresPeriod, now: number) {
  const { start, end } = period;
  return [
    departmentTree(db),
    calendarExceptions(db),
    receivedByDepartment(db, start, end),
    repliesByDepartmentDay(db, start, end, periods),
    receiptsOfRepliesByDepartmentDay(db, start, end, periods),
    overdueByDepartment(db, start, cutoffOf(period, now)),
    ratingsByDepartment(db, start, end),
    disclosureCounts(db, period),
  ] as const;
}

type StatementResults<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type PeriodFiguresResults = StatementResults<ReturnType<typeof periodFiguresStatements>>;

export async function loadPeriodFigures(db: Db, period: FiguresPeriod, now: number): Promise<PeriodFigures> {
  return periodFiguresOf(await db.batch(periodFiguresStatements(db, period, now)), period, now);
}

/** The figures from the batch's results. */
export function periodFiguresOf(results: PeriodFiguresResults, period: FiguresPeriod, now: number): PeriodFigures {
  const [tree, exceptions, received, replied, receipts, overdue, rated, disclosure] = results;
  const cutoff = cutoffOf(period, now);
  const calendar = createCalendar(exceptions, periods);
  const rollup = new DepartmentRollup(firstLevelUnits(tree));
  for (const r of received) rollup.add(r.dept, 'received', r.n);
  for (const r of replied) {
    rollup.add(r.dept, 'replied', r.n);
    rollup.add(r.dept, 'onTime', Number(r.onTime));
  }
  for (const r of overdue) rollup.add(r.dept, 'overdue', r.n);
  for (const r of rated) {
    rollup.add(r.dept, 'rated', r.rated);
    rollup.add(r.dept, 'satisfied', Number(r.satisfied));
  }
  const parts = (rows: typeof receipts) =>
    rows.map((r) => ({ key: keyOf(r.dept), day: r.day, tickets: r.n, minutesBefore: Number(r.minutesBefore) }));
  const minutes = sumWorkingMinutes(calendar, parts(replied), parts(receipts));
  for (const [key, total] of minutes) rollup.add(key === '' ? null : key, 'workingMinutes', total);

  const dayMinutes = periods.reduce((sum, [s, e]) => sum + (e - s), 0);
  const { rows, total } = rollup.result(dayMinutes);
  const root = tree.find((d) => d.parentCode === null && d.kind === 'city');
  return {
    period,
    city: root?.name.replace(/人民政府$/, '') ?? '',
    cutoff,
    departments: rows,
    total,
    disclosure: buildDisclosureTable(disclosure as DisclosureCountRow[], period),
  };
}
