// The leaders' figures (DESIGN.md "Stats API"): overview, department ranking, trend, breakdown and
// hot spots for a period of Asia/Shanghai days and a department subtree, each read from the
// rollups in one D1 batch (tickets/stats/), as JSON or, with `format=csv`, as the same table for
// download. Every staff role reads figures; a department's staff only its own subtree.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { openDb } from '../../db/client';
import { fieldError } from '../../tickets/hub-error';
import { loadBreakdown } from '../../tickets/stats/breakdown';
import { attachmentDisposition, type CsvColumn, toCsv } from '../../tickets/stats/csv';
import {
  breakdownColumns,
  hotspotColumns,
  overviewColumns,
  rankingColumns,
  tableLabels,
  trendColumns,
} from '../../tickets/stats/csv-tables';
import { volumeDimensions } from '../../tickets/stats/facts';
import { loadHotspots } from '../../tickets/stats/hotspots';
import { loadOverview } from '../../tickets/stats/overview';
import { loadRanking } from '../../tickets/stats/ranking';
import { authorisedScope } from '../../tickets/stats/stats-access';
import { type StatsQuery, type StatsScope, statsQuerySchema } from '../../tickets/stats/stats-period';
import { loadTrend } from '../../tickets/stats/trend';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { breakdownSchema, hotspotsSchema, overviewSchema, rankingSchema, trendSchema } from './stats-schemas';

const app = createApi<StaffVariables>();
app.use('*', requireStaff());

/** A day-by-day trend longer than a year is no longer a line anyone reads. */
const MAX_DAILY_POINTS = 366;

const security = [{ staffSession: [] }];

function statsRoute<Q extends z.ZodObject, S extends z.ZodType>(path: string, summary: string, query: Q, schema: S) {
  return createRoute({
    method: 'get',
    path,
    summary,
    description:
      'from/to: Asia/Shanghai dates, both included (default: this month up to today); department: a subtree ' +
      "(default: the whole city, or a department account's own department); format=csv: the same table as a " +
      'CSV download (UTF-8 with BOM, CRLF, RFC 4180).',
    security,
    request: { query },
    responses: {
      200: {
        description: 'The figures',
        content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
      },
      ...errorResponses(401, 403, 422),
    },
  });
}

/** The table as a download named for its period, e.g. stats-departments-2026-11-01-2026-11-30.csv. */
function csvDownload<T>(
  table: keyof typeof tableLabels,
  scope: StatsScope,
  columns: ReadonlyArray<CsvColumn<T>>,
  rows: readonly T[],
  variant?: string,
): never {
  const named = [table, variant, scope.department].filter(Boolean).join('-');
  const ascii = `stats-${named}-${scope.from}-${scope.to}.csv`;
  const label = [tableLabels[table], variant, scope.department].filter(Boolean).join('-');
  const chinese = `${label}-${scope.from}至${scope.to}.csv`;
  return new Response(toCsv(columns, rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(ascii, chinese),
      'cache-control': 'private, no-store',
    },
  }) as never;
}

/** The database and the scope the caller may read (422 or 403 otherwise). */
async function readScope(c: Context<{ Bindings: Env; Variables: StaffVariables }>, q: StatsQuery) {
  const db = openDb(c.env.DB);
  return { db, scope: await authorisedScope(db, c.get('actor'), q, Date.now()) };
}

app.openapi(
  statsRoute('/overview', 'Figures of a period and department subtree', statsQuerySchema, overviewSchema),
  async (c) => {
    const q = c.req.valid('query');
    const { db, scope } = await readScope(c, q);
    const overview = await loadOverview(db, scope);
    if (q.format === 'csv') return csvDownload('overview', scope, overviewColumns, [overview]);
    return c.json(overview, 200);
  },
);

app.openapi(
  statsRoute(
    '/departments',
    'The units under the department ranked by composite score; those with too few ratings apart',
    statsQuerySchema,
    rankingSchema,
  ),
  async (c) => {
    const q = c.req.valid('query');
    const { db, scope } = await readScope(c, q);
    const ranking = await loadRanking(db, scope);
    if (q.format === 'csv') {
      return csvDownload('departments', scope, rankingColumns, [...ranking.ranked, ...ranking.unranked]);
    }
    return c.json(ranking, 200);
  },
);

const trendQuery = statsQuerySchema.extend({
  granularity: z.enum(['day', 'week', 'month']).default('day').openapi({ description: '按日、ISO 周或月' }),
});

app.openapi(
  statsRoute(
    '/trend',
    'Received, replied, on-time and satisfaction by day, ISO week or month',
    trendQuery,
    trendSchema,
  ),
  async (c) => {
    const q = c.req.valid('query');
    const { db, scope } = await readScope(c, q);
    if (q.granularity === 'day' && scope.endDay - scope.startDay + 1 > MAX_DAILY_POINTS) {
      throw fieldError('granularity', `按日趋势最多 ${MAX_DAILY_POINTS} 天，请按周或按月查看`);
    }
    const trend = await loadTrend(db, scope, q.granularity);
    if (q.format === 'csv') return csvDownload('trend', scope, trendColumns, trend.points, q.granularity);
    return c.json(trend, 200);
  },
);

const breakdownQuery = statsQuerySchema.extend({
  by: z.enum(volumeDimensions).openapi({ description: '渠道、类型、类别或区县' }),
});

app.openapi(
  statsRoute(
    '/breakdown',
    'Received and replied by channel, type, category or district',
    breakdownQuery,
    breakdownSchema,
  ),
  async (c) => {
    const q = c.req.valid('query');
    const { db, scope } = await readScope(c, q);
    const breakdown = await loadBreakdown(db, scope, q.by);
    if (q.format === 'csv') return csvDownload('breakdown', scope, breakdownColumns, breakdown.rows, q.by);
    return c.json(breakdown, 200);
  },
);

app.openapi(
  statsRoute('/hotspots', 'Hot spots active in the period, largest first', statsQuerySchema, hotspotsSchema),
  async (c) => {
    const q = c.req.valid('query');
    const { db, scope } = await readScope(c, q);
    const hotspots = await loadHotspots(db, scope);
    if (q.format === 'csv') return csvDownload('hotspots', scope, hotspotColumns, hotspots.items);
    return c.json(hotspots, 200);
  },
);

export default app;
