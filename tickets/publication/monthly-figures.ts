// The public figures of a month or a year (办理情况): by first-level unit, received, replied, on
// time, overdue, average working days from dispatch to reply and satisfaction, the city total,
// and the 依申请公开 table. The figures are the leaders' rollups (stats_daily) summed over the
// period's days, so a page reads a row per day and department, never the tickets, and counts
// every figure as the dashboard does (DESIGN.md "Metrics"); only the 依申请公开 table, a small
// share of the tickets, has a query of its own. One D1 batch in all.
import type { Db } from '../../db/client';
import { defaultOfficePeriods } from '../../routing/calendar';
import { departmentTree } from '../stats/department-units';
import { totalsByDepartment } from '../stats/rollup-reads';
import {
  buildDisclosureTable,
  type DisclosureCountRow,
  type DisclosureTable,
  disclosureCounts,
} from './disclosure-table';
import { type DepartmentFigures, DepartmentRollup, firstLevelUnits } from './monthly-figures-departments';
import { cutoffOf, type FiguresPeriod, statsScopeOf } from './monthly-figures-period';

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

/** A working day's minutes: the hub's office hours (7 h), by which the lifecycle counts reply minutes. */
const dayMinutes = defaultOfficePeriods.reduce((sum, [s, e]) => sum + (e - s), 0);

/** The period's statements, for one D1 batch (the portal adds its own to the same batch). */
export function periodFiguresStatements(db: Db, period: FiguresPeriod) {
  return [departmentTree(db), totalsByDepartment(db, statsScopeOf(period)), disclosureCounts(db, period)] as const;
}

type StatementResults<T extends readonly unknown[]> = { [K in keyof T]: Awaited<T[K]> };
export type PeriodFiguresResults = StatementResults<ReturnType<typeof periodFiguresStatements>>;

export async function loadPeriodFigures(db: Db, period: FiguresPeriod, now: number): Promise<PeriodFigures> {
  return periodFiguresOf(await db.batch(periodFiguresStatements(db, period)), period, now);
}

/** The figures from the batch's results. */
export function periodFiguresOf(results: PeriodFiguresResults, period: FiguresPeriod, now: number): PeriodFigures {
  const [tree, sums, disclosure] = results;
  const rollup = new DepartmentRollup(firstLevelUnits(tree));
  for (const { departmentCode, ...s } of sums) rollup.add(departmentCode, s);
  const { rows, total } = rollup.result(dayMinutes);
  const root = tree.find((d) => d.parentCode === null && d.kind === 'city');
  return {
    period,
    city: root?.name.replace(/人民政府$/, '') ?? '',
    cutoff: cutoffOf(period, now),
    departments: rows,
    total,
    disclosure: buildDisclosureTable(disclosure as DisclosureCountRow[], period),
  };
}
