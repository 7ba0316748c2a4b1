// The tickets behind one figure of the dashboard, a page at a time (newest first, `before` the
// last number of the previous page), and how many there are in all, counted with the same
// condition: the staff list's drill-down (tickets/ticket-list.ts), or a hot spot's members.
import { and, desc, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { hotspots, hotspotTickets, tickets } from '../../db/schema';
import type { Actor } from '../../tickets/lifecycle/actor';
import { visibleTo } from '../../tickets/lifecycle/visibility';
import { type DrillMetric, drillCondition } from '../../tickets/stats/drill-down';
import type { VolumeDimension } from '../../tickets/stats/facts';
import { type StatsScope, startOfDay } from '../../tickets/stats/stats-period';
import { listTickets, type TicketListRow } from '../../tickets/ticket-list';

const WEEK_MS = 7 * 86_400_000;
export const PAGE_SIZE = 50;

export interface DrillRequest {
  metric: DrillMetric;
  scope: StatsScope;
  key?: { dimension: VolumeDimension; value: string };
  /** A hot spot's id, with `:last` or `:before` for the 7 days up to the period's end or before. */
  hotspot?: string;
  before?: string;
}

export interface DrillPage {
  rows: TicketListRow[];
  next: string | null;
  total: number;
  hotspotTitle?: string;
}

/** A hot spot's members, optionally those received in one of the two weeks the list compares. */
function hotspotCondition(hotspot: string, scope: StatsScope): { id: string; condition: SQL } {
  const [id = '', week] = hotspot.split(':');
  const member = sql`exists (select 1 from ${hotspotTickets} where ${hotspotTickets.hotspotId} = ${id}
    and ${hotspotTickets.ticketId} = ${tickets.id})`;
  if (week !== 'last' && week !== 'before') return { id, condition: member };
  const end = startOfDay(scope.endDay + 1) - (week === 'before' ? WEEK_MS : 0);
  return {
    id,
    condition: sql`${member} and ${tickets.receivedAt} >= ${end - WEEK_MS} and ${tickets.receivedAt} < ${end}`,
  };
}

async function hotspotPage(db: Db, actor: Actor, r: DrillRequest & { hotspot: string }): Promise<DrillPage> {
  const { id, condition } = hotspotCondition(r.hotspot, r.scope);
  const where = and(condition, visibleTo(actor));
  const [rows, counted, spot] = await db.batch([
    db
      .select()
      .from(tickets)
      .where(and(where, r.before ? lt(tickets.ticketNo, r.before) : undefined))
      .orderBy(desc(tickets.ticketNo))
      .limit(PAGE_SIZE + 1),
    db.select({ n: sql<number>`count(*)` }).from(tickets).where(where),
    db.select({ title: hotspots.title }).from(hotspots).where(sql`${hotspots.id} = ${id}`),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const next = rows.length > PAGE_SIZE ? (page.at(-1)?.ticketNo ?? null) : null;
  return { rows: page, next, total: counted[0]?.n ?? 0, hotspotTitle: spot[0]?.title ?? '（已不存在的热点）' };
}

export async function loadDrillPage(db: Db, actor: Actor, r: DrillRequest): Promise<DrillPage> {
  if (r.hotspot) return hotspotPage(db, actor, { ...r, hotspot: r.hotspot });
  const drill = { metric: r.metric, scope: r.scope, key: r.key };
  const [list, counted] = await Promise.all([
    listTickets(db, actor, { drill, before: r.before, limit: PAGE_SIZE }),
    db
      .select({ n: sql<number>`count(*)` })
      .from(tickets)
      .where(and(drillCondition(r.metric, r.scope, r.key), visibleTo(actor))),
  ]);
  return { ...list, total: counted[0]?.n ?? 0 };
}
