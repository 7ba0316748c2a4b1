// Everything the dashboard shows, from the stats loaders the API answers with (so the page and
// `/api/v1/stats/*` agree to the ticket), read in parallel: each loader is one D1 batch over the
// rollups, none reads the tickets table but the hot spots' member counts.
import type { Db } from '../../db/client';
import { type BreakdownRow, loadBreakdown } from '../../tickets/stats/breakdown';
import { type VolumeDimension, volumeDimensions } from '../../tickets/stats/facts';
import { type HotspotItem, loadHotspots } from '../../tickets/stats/hotspots';
import { loadOverview, type Overview } from '../../tickets/stats/overview';
import { loadRanking, type Ranking } from '../../tickets/stats/ranking';
import type { Granularity, StatsScope } from '../../tickets/stats/stats-period';
import { loadTrend, type TrendPoint } from '../../tickets/stats/trend';

export interface DashboardData {
  overview: Overview;
  ranking: Ranking;
  trend: TrendPoint[];
  breakdowns: Array<{ by: VolumeDimension; rows: BreakdownRow[] }>;
  hotspots: HotspotItem[];
}

export async function loadDashboard(db: Db, scope: StatsScope, granularity: Granularity): Promise<DashboardData> {
  const [overview, ranking, trend, hotspots, ...breakdowns] = await Promise.all([
    loadOverview(db, scope),
    loadRanking(db, scope),
    loadTrend(db, scope, granularity),
    loadHotspots(db, scope),
    ...volumeDimensions.map((by) => loadBreakdown(db, scope, by)),
  ]);
  return { overview, ranking, trend: trend.points, breakdowns, hotspots: hotspots.items };
}
