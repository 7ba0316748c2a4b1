// GET /api/v1/stats/overview: a period's figures for a department subtree (DESIGN.md "Stats
// API"), from one D1 batch of rollup reads. `dueSoon` and `red` are the lights now (the cron
// sets them), whatever the period; everything else counts on the days of the period.
import type { Db } from '../../db/client';
import { assertDepartment, departmentTree } from './department-units';
import { addSums, emptySums, type Rates, ratesOf } from './figures';
import { metricSettingsOf } from './metric-settings';
import { lightsByDepartment, metricSettingsRow, totalsOf } from './rollup-reads';
import type { StatsScope } from './stats-period';

export interface Overview extends Rates {
  from: string;
  to: string;
  department: string | null;
  received: number;
  dispatched: number;
  signed: number;
  replied: number;
  closed: number;
  overdue: number;
  dueSoon: number;
  /** The parts of the rates, each a drill-down of its own. */
  responded: number;
  /** The response rate's base: dispatched tickets whose sign-for time is known. */
  responseKnown: number;
  repliedOnTime: number;
  overdueOpen: number;
  rated: number;
  resolved: number;
  satisfied: number;
  /** Open tickets past their deadline now (red). */
  red: number;
}

export async function loadOverview(db: Db, scope: StatsScope): Promise<Overview> {
  const [tree, totals, lights, settingRows] = await db.batch([
    departmentTree(db),
    totalsOf(db, scope),
    lightsByDepartment(db, scope.department),
    metricSettingsRow(db),
  ]);
  assertDepartment(tree, scope.department);
  const s = addSums(emptySums(), totals[0] ?? {});
  const lit = (light: string) => lights.filter((l) => l.light === light).reduce((n, l) => n + l.tickets, 0);
  return {
    from: scope.from,
    to: scope.to,
    department: scope.department,
    received: s.received,
    dispatched: s.dispatched,
    signed: s.signed,
    replied: s.replied,
    closed: s.closed,
    overdue: s.overdue,
    dueSoon: lit('yellow'),
    ...ratesOf(s, metricSettingsOf(settingRows)),
    responded: s.responded,
    responseKnown: s.responseKnown,
    repliedOnTime: s.repliedOnTime,
    overdueOpen: s.overdueOpen,
    rated: s.rated,
    resolved: s.resolved,
    satisfied: s.satisfied,
    red: lit('red'),
  };
}
