// The dashboard benchmark's routes (scripts/bench/dashboard.mjs), mounted under /__bench by the
// benchmark's own Worker entry only, and 404 in production like the others:
// POST /seed-tickets: synthetic tickets [from, from + count) and their ratings
//   (channels/bench/synthetic-tickets.ts), written as INSERT … SELECT over json_each of one bound
//   JSON array per statement (D1 binds at most 100 values), so the rollups' triggers build the
//   figures row by row as they would live.
// POST /index-time-columns: the indexes a GROUP BY over tickets needs to read a period by each
//   fact's time column (dispatched, signed, closed have none in the schema: the dashboard never
//   reads them), and ANALYZE, so the yardstick is the best plain SQL can do, not a table scan.
// GET /stats/:kind?from&to&source=rollups|group-by: the overview, ranking or trend for the whole
//   city, through the stats loaders (what /api/v1/stats/… answers) or through the yardstick.
import { Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { loadOverview } from '../../tickets/stats/overview';
import { loadRanking } from '../../tickets/stats/ranking';
import { type StatsScope, scopeOf } from '../../tickets/stats/stats-period';
import { loadTrend } from '../../tickets/stats/trend';
import { type FigureKind, groupByFigures } from './group-by-figures';
import { ratingColumns, syntheticTicket, ticketColumns } from './synthetic-tickets';

export const dashboardBenchRoutes = new Hono<{ Bindings: Env }>();

dashboardBenchRoutes.use('*', async (c, next) => (c.env.HUB_ENV === 'production' ? c.notFound() : next()));

/** Rows per INSERT: one bound JSON array each, well inside a statement's limits. */
const ROWS_PER_STATEMENT = 1000;

export const insertFromJson = (table: string, columns: readonly string[], constants: Record<string, string> = {}) => {
  const names = [...columns, ...Object.keys(constants)].join(', ');
  const values = [...columns.map((_, i) => `json_extract(value, '$[${i}]')`), ...Object.values(constants)].join(', ');
  return `insert into ${table} (${names}) select ${values} from json_each(?)`;
};
const insertTickets = insertFromJson('tickets', ticketColumns);
const insertRatings = insertFromJson('ratings', ratingColumns, { round: '0' });

const seedSchema = z.object({
  from: z.number().int().min(0),
  count: z.number().int().min(1).max(50_000),
  startMs: z.number().int(),
  endMs: z.number().int(),
});

dashboardBenchRoutes.post('/seed-tickets', async (c) => {
  const parsed = seedSchema.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 422);
  const { from, count, startMs, endMs } = parsed.data;
  const statements: D1PreparedStatement[] = [];
  let ratings = 0;
  for (let i = from; i < from + count; i += ROWS_PER_STATEMENT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_STATEMENT, from + count - i) }, (_, k) =>
      syntheticTicket(i + k, { startMs, endMs }),
    );
    const rated = batch.flatMap((t) => (t.rating ? [t.rating] : []));
    ratings += rated.length;
    statements.push(c.env.DB.prepare(insertTickets).bind(JSON.stringify(batch.map((t) => t.row))));
    if (rated.length) statements.push(c.env.DB.prepare(insertRatings).bind(JSON.stringify(rated)));
  }
  await c.env.DB.batch(statements);
  return c.json({ tickets: count, ratings }, 201);
});

const timeIndexes = [
  'create index if not exists bench_tickets_dispatched on tickets (dispatched_at)',
  'create index if not exists bench_tickets_signed on tickets (signed_at)',
  'create index if not exists bench_tickets_closed on tickets (closed_at)',
  'analyze',
];

dashboardBenchRoutes.post('/index-time-columns', async (c) => {
  for (const sql of timeIndexes) await c.env.DB.prepare(sql).run();
  return c.json({ ok: true });
});

const statsSchema = z.object({
  kind: z.enum(['overview', 'departments', 'trend']),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.enum(['rollups', 'group-by']),
});

function loadFromRollups(db: ReturnType<typeof openDb>, scope: StatsScope, kind: FigureKind) {
  if (kind === 'overview') return loadOverview(db, scope);
  if (kind === 'departments') return loadRanking(db, scope);
  return loadTrend(db, scope, scope.endDay - scope.startDay > 62 ? 'month' : 'day');
}

dashboardBenchRoutes.get('/stats/:kind', async (c) => {
  const parsed = statsSchema.safeParse({ ...c.req.query(), kind: c.req.param('kind') });
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 422);
  const { kind, from, to, source } = parsed.data;
  const scope = scopeOf({ from, to }, Date.now());
  if ('path' in scope) return c.json({ error: scope }, 422);
  const db = openDb(c.env.DB);
  const figures = source === 'rollups' ? await loadFromRollups(db, scope, kind) : await groupByFigures(db, scope, kind);
  return c.json(figures);
});
