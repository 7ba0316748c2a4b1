// The addresses the leaders' pages link to: the drill-down of a figure (the same period and
// department, the figure's metric, a breakdown key or a hot spot), the CSV of a table from the
// stats API, and the dashboard itself with one choice changed. Absent values are left out; an
// empty breakdown key stays (it names the tickets without the attribute).
import type { DrillMetric } from '../../tickets/stats/drill-down';
import type { VolumeDimension } from '../../tickets/stats/facts';
import type { StatsScope } from '../../tickets/stats/stats-period';

type Params = Record<string, string | null | undefined>;

export function withQuery(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) search.set(k, v);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const scopeParams = (scope: StatsScope): Params => ({
  from: scope.from,
  to: scope.to,
  department: scope.department,
});

export interface DrillTarget {
  metric: DrillMetric;
  key?: { dimension: VolumeDimension; value: string };
  hotspot?: string;
}

export function drillHref(scope: StatsScope, target: DrillTarget): string {
  return withQuery('/dashboard/tickets', {
    metric: target.metric,
    ...scopeParams(scope),
    ...(target.key ? { [target.key.dimension]: target.key.value } : {}),
    hotspot: target.hotspot,
  });
}

/** A table of the stats API as CSV (UTF-8 with BOM, for Excel). */
export function csvHref(route: string, scope: StatsScope, extra: Params = {}): string {
  return withQuery(`/api/v1/stats/${route}`, { ...scopeParams(scope), ...extra, format: 'csv' });
}

export function dashboardHref(scope: StatsScope, extra: Params = {}): string {
  return withQuery('/dashboard', { ...scopeParams(scope), ...extra });
}
