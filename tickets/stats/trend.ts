// GET /api/v1/stats/trend: received, replied, on-time and satisfaction rates by day, ISO week or
// month over the period, every step of it listed (a quiet day shows as 0, not as a gap).
import type { Db } from '../../db/client';
import { assertDepartment, departmentTree } from './department-units';
import { addSums, type DailySums, emptySums, ratesOf } from './figures';
import { defaultMetricSettings } from './metric-settings';
import { totalsByDay } from './rollup-reads';
import { type Granularity, periodKeyOf, type StatsScope } from './stats-period';

export interface TrendPoint {
  period: string;
  received: number;
  replied: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

export async function loadTrend(
  db: Db,
  scope: StatsScope,
  granularity: Granularity,
): Promise<{ points: TrendPoint[] }> {
  const [tree, days] = await db.batch([departmentTree(db), totalsByDay(db, scope)]);
  assertDepartment(tree, scope.department);
  const byPeriod = new Map<string, DailySums>();
  for (let day = scope.startDay; day <= scope.endDay; day++) {
    const key = periodKeyOf(day, granularity);
    if (!byPeriod.has(key)) byPeriod.set(key, emptySums());
  }
  for (const row of days) addSums(byPeriod.get(periodKeyOf(row.day, granularity))!, row);
  const points = [...byPeriod].map(([period, s]) => {
    // The rates the trend shows do not depend on the composite's weights.
    const rates = ratesOf(s, defaultMetricSettings);
    return {
      period,
      received: s.received,
      replied: s.replied,
      onTimeRate: rates.onTimeRate,
      satisfactionRate: rates.satisfactionRate,
    };
  });
  return { points };
}
