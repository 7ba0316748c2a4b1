// The tickets behind a figure (DESIGN.md: every figure drills down): `GET /api/v1/tickets?metric=`
// with the figure's own period and department lists the tickets whose fact (tickets/stats/facts.ts)
// holds on a day of the period, the same facts the rollups sum, so the list is as long as the
// number. The lights (dueSoon, red) are the lights now and take no period. A ticket whose two
// answers were both rated in the period counts twice in `rated` (each answer is rated) and is
// listed once.
import { type SQL, sql } from 'drizzle-orm';
import { ratings, tickets } from '../../db/schema';
import { subtreeOf } from '../lifecycle/visibility';
import { dimensionColumns, ratingFact, ticketFacts, type VolumeDimension } from './facts';
import { type StatsScope, startOfDay } from './stats-period';

/** Each drillable figure: the fact it comes from and the column of it that counts. */
const factMetrics = {
  received: ['received', 'received'],
  dispatched: ['dispatched', 'dispatched'],
  responded: ['dispatched', 'responded'],
  responseBase: ['dispatched', 'response_known'],
  signed: ['signed', 'signed'],
  replied: ['replied', 'replied'],
  onTime: ['replied', 'replied_on_time'],
  closed: ['closed', 'closed'],
  overdue: ['overdue', 'overdue'],
  overdueOpen: ['overdue', 'overdue_open'],
} as const;

const ratingMetrics = { rated: 'rated', resolved: 'resolved', satisfied: 'satisfied' } as const;

export const drillMetrics = [
  ...(Object.keys(factMetrics) as Array<keyof typeof factMetrics>),
  'onTimeBase',
  'dueSoon',
  'red',
  ...(Object.keys(ratingMetrics) as Array<keyof typeof ratingMetrics>),
] as const;
export type DrillMetric = (typeof drillMetrics)[number];

export const drillMetricLabels: Record<DrillMetric, string> = {
  received: '受理',
  dispatched: '派单',
  responded: '按时签收',
  responseBase: '派单（签收时间可考）',
  signed: '签收',
  replied: '答复',
  onTime: '按时答复',
  onTimeBase: '应按时办结（答复及超期未答复）',
  closed: '办结',
  overdue: '超期',
  overdueOpen: '超期未答复',
  dueSoon: '即将超期（当前黄灯）',
  red: '超期未办（当前红灯）',
  rated: '回访评价',
  resolved: '已解决',
  satisfied: '满意及基本满意',
};

const row = 'tickets';

function factCondition(metric: keyof typeof factMetrics, start: number, end: number): SQL {
  const [name, column] = factMetrics[metric];
  const fact = ticketFacts.find((f) => f.name === name)!;
  const value = fact.adds[column]!(row);
  return sql.raw(
    `(${fact.when(row)} and ${row}.${fact.on} >= ${start} and ${row}.${fact.on} < ${end} and ${value} <> 0)`,
  );
}

function ratingCondition(metric: keyof typeof ratingMetrics, scope: StatsScope, start: number, end: number): SQL {
  const value = sql.raw(ratingFact.adds[ratingMetrics[metric]]('r'));
  const department = scope.department === null ? sql`` : sql` and r.department_code in ${subtreeOf(scope.department)}`;
  return sql`exists (select 1 from ${ratings} r where r.ticket_id = ${tickets.id}
    and r.at >= ${start} and r.at < ${end} and ${value} <> 0${department})`;
}

/** The condition on `tickets` of a figure in a scope, optionally narrowed to one breakdown key. */
export function drillCondition(
  metric: DrillMetric,
  scope: StatsScope,
  key?: { dimension: VolumeDimension; value: string },
): SQL {
  const start = startOfDay(scope.startDay);
  const end = startOfDay(scope.endDay + 1);
  const parts: SQL[] = [];
  if (metric in factMetrics) parts.push(factCondition(metric as keyof typeof factMetrics, start, end));
  else if (metric in ratingMetrics)
    parts.push(ratingCondition(metric as keyof typeof ratingMetrics, scope, start, end));
  else if (metric === 'onTimeBase') {
    parts.push(sql`(${factCondition('replied', start, end)} or ${factCondition('overdueOpen', start, end)})`);
  } else {
    const light = metric === 'dueSoon' ? 'yellow' : 'red';
    parts.push(sql.raw(`(${row}.merged_into_id is null and ${row}.light = '${light}')`));
  }
  // Ratings count for the department whose answer was rated; every other figure for the lead.
  if (scope.department !== null && !(metric in ratingMetrics)) {
    parts.push(sql`${tickets.leadDepartmentCode} in ${subtreeOf(scope.department)}`);
  }
  if (key) {
    const column = sql.raw(`${row}.${dimensionColumns[key.dimension]}`);
    parts.push(sql`coalesce(${column}, '') = ${key.value}`);
  }
  return sql.join(parts, sql` and `);
}
