// The dashboard benchmark's yardstick: the same figures as the rollup reads, computed with plain
// GROUP BY over the tickets and ratings at request time. One aggregate per fact of
// tickets/stats/facts.ts, each over the rows whose time column lies in the period (every time
// column indexed for it, scripts/bench/dashboard.mjs says how), all in one D1 batch as the rollup
// reads are, then summed the way the loaders sum the rollups' rows.
import type { Db } from '../../db/client';
import { departmentTree, unitsUnder } from '../../tickets/stats/department-units';
import { type DailyColumn, localDaySql, ratingFact, type TicketFact, ticketFacts } from '../../tickets/stats/facts';
import { addSums, type DailySums, emptySums, ratesOf } from '../../tickets/stats/figures';
import { defaultMetricSettings } from '../../tickets/stats/metric-settings';
import { periodKeyOf, type StatsScope, startOfDay } from '../../tickets/stats/stats-period';

export type FigureKind = 'overview' | 'departments' | 'trend';
type Grouping = 'none' | 'department' | 'day';
type Row = Record<string, number | string>;

const camel = (c: string) => c.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());

function keyOf(grouping: Grouping, on: string, department: string) {
  if (grouping === 'department') return `coalesce(${department}, '')`;
  if (grouping === 'day') return localDaySql(on);
  return `''`;
}

/** One fact's sums over the period, grouped. */
function factQuery(fact: Pick<TicketFact, 'adds'>, from: string, when: string, on: string, key: string) {
  const sums = Object.entries(fact.adds as Record<DailyColumn, (r: string) => string>)
    .map(([column, add]) => `sum(${add(from)}) as ${camel(column)}`)
    .join(', ');
  const table = from === 't' ? 'tickets' : 'ratings';
  return `select ${key} as k, ${sums} from ${table} ${from} where ${on} between ?1 and ?2 and ${when} group by k`;
}

/** The period's sums keyed by the grouping ('' for no grouping), from one batch of aggregates. */
async function sumsOver(db: Db, scope: StatsScope, grouping: Grouping): Promise<Map<string, DailySums>> {
  const bounds = [startOfDay(scope.startDay), startOfDay(scope.endDay + 1) - 1];
  const statements = [
    ...ticketFacts.map((f) =>
      factQuery(f, 't', f.when('t'), `t.${f.on}`, keyOf(grouping, `t.${f.on}`, 't.lead_department_code')),
    ),
    factQuery(ratingFact, 'r', '1', 'r.at', keyOf(grouping, 'r.at', 'r.department_code')),
  ].map((sql) => db.$client.prepare(sql).bind(...bounds));
  const results = await db.$client.batch<Row>(statements);
  const sums = new Map<string, DailySums>();
  for (const { results: rows } of results) {
    for (const row of rows) {
      const key = String(row.k);
      if (!sums.has(key)) sums.set(key, emptySums());
      addSums(sums.get(key)!, row as Partial<DailySums>);
    }
  }
  return sums;
}

function lightsOver(db: Db) {
  return db.$client
    .prepare(
      `select coalesce(lead_department_code, '') as departmentCode, light, count(*) as tickets from tickets
       where light in ('yellow', 'red') and merged_into_id is null group by 1, 2`,
    )
    .all<{ departmentCode: string; light: string; tickets: number }>();
}

/** The overview's figures for the whole city. */
async function overviewOf(db: Db, scope: StatsScope) {
  const [sums, lights] = await Promise.all([sumsOver(db, scope, 'none'), lightsOver(db)]);
  const s = sums.get('') ?? emptySums();
  const lit = (light: string) => lights.results.filter((l) => l.light === light).reduce((n, l) => n + l.tickets, 0);
  return { ...s, ...ratesOf(s, defaultMetricSettings), dueSoon: lit('yellow'), red: lit('red') };
}

/** The ranking's rows: the city's units, each with its departments' sums. */
async function departmentsOf(db: Db, scope: StatsScope) {
  const [sums, lights, tree] = await Promise.all([
    sumsOver(db, scope, 'department'),
    lightsOver(db),
    departmentTree(db),
  ]);
  const { units, unitOf } = unitsUnder(tree, null);
  const byUnit = new Map(units.map((u) => [u.code, { sums: emptySums(), yellow: 0, red: 0 }]));
  for (const [code, s] of sums) {
    const unit = byUnit.get(unitOf.get(code) ?? '');
    if (unit) addSums(unit.sums, s);
  }
  for (const l of lights.results) {
    const unit = byUnit.get(unitOf.get(l.departmentCode) ?? '');
    if (unit && (l.light === 'yellow' || l.light === 'red')) unit[l.light] += l.tickets;
  }
  const rows = [...byUnit].map(([code, u]) => ({
    code,
    ...u.sums,
    ...ratesOf(u.sums, defaultMetricSettings),
    yellow: u.yellow,
    red: u.red,
  }));
  return rows.sort((a, b) => (b.compositeScore ?? -1) - (a.compositeScore ?? -1) || a.code.localeCompare(b.code));
}

/** The trend's points by day (a month) or by month (a year). */
async function trendOf(db: Db, scope: StatsScope) {
  const granularity = scope.endDay - scope.startDay > 62 ? 'month' : 'day';
  const sums = await sumsOver(db, scope, 'day');
  const byPeriod = new Map<string, DailySums>();
  for (let day = scope.startDay; day <= scope.endDay; day++) byPeriod.set(periodKeyOf(day, granularity), emptySums());
  for (const [day, s] of sums) addSums(byPeriod.get(periodKeyOf(Number(day), granularity))!, s);
  return [...byPeriod].map(([period, s]) => ({
    period,
    received: s.received,
    replied: s.replied,
    ...ratesOf(s, defaultMetricSettings),
  }));
}

export function groupByFigures(db: Db, scope: StatsScope, kind: FigureKind) {
  if (kind === 'overview') return overviewOf(db, scope);
  if (kind === 'departments') return departmentsOf(db, scope);
  return trendOf(db, scope);
}
