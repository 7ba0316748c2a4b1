// The stats API's answers as OpenAPI schemas (DESIGN.md "Stats API"), for /api/v1/openapi.json.
// The loaders in tickets/stats/ build them; the schemas describe, they do not reshape.
import { z } from '@hono/zod-openapi';

const rate = (description: string) => z.number().min(0).max(1).nullable().openapi({ description });

const rates = {
  responseRate: rate('响应率：按时签收 ÷ 派单'),
  onTimeRate: rate('按时办结率：按时答复 ÷（答复 + 超期未答复）'),
  resolutionRate: rate('解决率：已解决 ÷ 回访评价'),
  satisfactionRate: rate('满意率：（满意 + 基本满意）÷ 回访评价'),
  compositeScore: rate('综合得分：0.30 响应率 + 0.35 解决率 + 0.35 满意率（权重可配置）'),
  avgSignHours: z.number().nullable().openapi({ description: '平均签收时长（工作小时）' }),
  avgReplyHours: z.number().nullable().openapi({ description: '平均答复时长（工作小时）' }),
};

const period = {
  from: z.string().openapi({ example: '2026-11-01' }),
  to: z.string().openapi({ example: '2026-11-30' }),
  department: z.string().nullable().openapi({ description: '部门编码；null 为全市' }),
};

export const overviewSchema = z
  .object({
    ...period,
    received: z.number().int(),
    dispatched: z.number().int(),
    signed: z.number().int(),
    replied: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int().openapi({ description: '当前黄灯（与时段无关）' }),
    ...rates,
    responded: z.number().int(),
    responseKnown: z.number().int(),
    repliedOnTime: z.number().int(),
    overdueOpen: z.number().int(),
    rated: z.number().int(),
    resolved: z.number().int(),
    satisfied: z.number().int(),
    red: z.number().int().openapi({ description: '当前红灯（与时段无关）' }),
  })
  .openapi('StatsOverview');

const rankingRow = z
  .object({
    rank: z.number().int().nullable(),
    code: z.string(),
    name: z.string(),
    received: z.number().int(),
    replied: z.number().int(),
    overdue: z.number().int(),
    ...rates,
    rated: z.number().int(),
    yellow: z.number().int(),
    red: z.number().int(),
  })
  .openapi('StatsRankingRow');

export const rankingSchema = z
  .object({
    ...period,
    minimumSample: z.number().int(),
    ranked: z.array(rankingRow),
    unranked: z.array(rankingRow).openapi({ description: '评价数少于最低样本量：不参与排名' }),
  })
  .openapi('StatsRanking');

export const trendSchema = z
  .object({
    points: z.array(
      z.object({
        period: z.string().openapi({ example: '2026-W45' }),
        received: z.number().int(),
        replied: z.number().int(),
        onTimeRate: rates.onTimeRate,
        satisfactionRate: rates.satisfactionRate,
      }),
    ),
  })
  .openapi('StatsTrend');

export const breakdownSchema = z
  .object({
    by: z.enum(['channel', 'type', 'category', 'district']),
    rows: z.array(
      z.object({
        key: z.string().openapi({ description: "编码；'' 为未知" }),
        label: z.string(),
        received: z.number().int(),
        replied: z.number().int(),
      }),
    ),
  })
  .openapi('StatsBreakdown');

export const hotspotsSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        place: z.string().nullable(),
        title: z.string(),
        category: z.string().nullable(),
        tickets: z.number().int(),
        residents: z.number().int(),
        firstAt: z.string(),
        lastAt: z.string(),
        lastWeek: z.number().int(),
        weekBefore: z.number().int(),
      }),
    ),
  })
  .openapi('StatsHotspots');
