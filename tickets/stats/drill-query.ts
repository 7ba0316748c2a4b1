// The drill-down's query parameters of `GET /api/v1/tickets` (DESIGN.md "Stats API"): a figure
// (`metric`) with the same `from`, `to` and `department` as the stats route that showed it, and
// at most one breakdown key (`channel`, `type`, `category` or `district`; '' for tickets without
// one), turned into the list's drill filter under the same access rules as the figures.
import { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client';
import { fieldError } from '../hub-error';
import type { Actor } from '../lifecycle/actor';
import type { TicketListFilters } from '../ticket-list';
import { drillMetrics } from './drill-down';
import { volumeDimensions } from './facts';
import { authorisedScope } from './stats-access';
import { statsQuerySchema } from './stats-period';

const breakdownKey = (label: string) =>
  z
    .string()
    .trim()
    .max(50)
    .optional()
    .openapi({ description: `与 metric 一起：只列${label}为此值的工单（空值：未知）` });

export const drillQueryShape = {
  metric: z
    .enum(drillMetrics)
    .optional()
    .openapi({ description: '统计口径：列出构成该数字的工单（tickets/stats/drill-down.ts）', example: 'overdue' }),
  from: statsQuerySchema.shape.from,
  to: statsQuerySchema.shape.to,
  channel: breakdownKey('渠道'),
  type: breakdownKey('类型'),
  category: breakdownKey('类别'),
  district: breakdownKey('区县'),
};

type DrillQuery = z.output<z.ZodObject<typeof drillQueryShape>> & { department?: string };

/** The list's drill filter, or none when no figure is asked for (then the period means nothing: 422). */
export async function drillFilterOf(
  db: Db,
  actor: Actor,
  q: DrillQuery,
  now: number,
): Promise<TicketListFilters['drill']> {
  const keys = volumeDimensions.filter((d) => q[d] !== undefined);
  if (!q.metric) {
    const stray = (['from', 'to', ...keys] as const).find((p) => q[p] !== undefined);
    if (stray) throw fieldError(stray, '仅与 metric 一起使用');
    return undefined;
  }
  if (keys.length > 1) throw fieldError(keys[1]!, '一次只能按一个维度筛选');
  const scope = await authorisedScope(db, actor, q, now);
  const dimension = keys[0];
  return { metric: q.metric, scope, key: dimension ? { dimension, value: q[dimension]! } : undefined };
}
