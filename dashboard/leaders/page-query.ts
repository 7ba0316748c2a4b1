// The leaders' pages' query: the stats API's own period and department (tickets/stats/
// stats-period.ts), with the page's choices beside them, checked with zod at the edge. A query
// that does not parse is a 422 page naming the field, never a 5xx.
import { z } from '@hono/zod-openapi';
import { HubError, validationError } from '../../tickets/hub-error';
import { type DrillMetric, drillMetrics } from '../../tickets/stats/drill-down';
import { type StatsScope, scopeOf, statsQuerySchema } from '../../tickets/stats/stats-period';

/** The ranking table's columns a `?sort=` link may order by. */
export const rankingSorts = [
  'compositeScore',
  'received',
  'replied',
  'responseRate',
  'onTimeRate',
  'resolutionRate',
  'satisfactionRate',
  'rated',
  'yellow',
  'red',
] as const;
export type RankingSort = (typeof rankingSorts)[number];

export const dashboardQuerySchema = statsQuerySchema.pick({ from: true, to: true, department: true }).extend({
  granularity: z.enum(['day', 'week', 'month']).default('day'),
  sort: z.enum(rankingSorts).default('compositeScore'),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

const breakdownKeys = z.string().max(100).optional();

export const drillQuerySchema = statsQuerySchema.pick({ from: true, to: true, department: true }).extend({
  metric: z.enum(drillMetrics),
  channel: breakdownKeys,
  type: breakdownKeys,
  category: breakdownKeys,
  district: breakdownKeys,
  hotspot: z.string().max(100).optional(),
  before: z.string().max(40).optional(),
});
export type DrillQuery = z.output<typeof drillQuerySchema> & { metric: DrillMetric };

/** The form's fields left empty mean "not chosen" (an empty breakdown key is a key, and stays). */
const optionalFields = ['from', 'to', 'department', 'granularity', 'sort', 'before', 'hotspot'];

export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const given = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' || !optionalFields.includes(k)));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw validationError(parsed.error, '查询条件无效');
  return parsed.data;
}

/** The period and department of a parsed query, or a 422 naming what is wrong with it. */
export function scopeOrRefuse(q: { from?: string; to?: string }, department: string | null, now: number): StatsScope {
  const scope = scopeOf({ from: q.from, to: q.to, department: department ?? undefined }, now);
  if ('path' in scope) throw new HubError('validation_failed', scope.message, [scope]);
  return scope;
}
