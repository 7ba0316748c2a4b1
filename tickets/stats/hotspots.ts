// GET /api/v1/stats/hotspots: the hot spots (热点: many residents writing about one matter in one
// place, found by the follow-up, tickets/follow-up.ts) active in the period, largest first, with
// how many residents wrote and how the last week compares with the week before (growth).
import { and, desc, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { gazetteerPlaces, hotspots, hotspotTickets, tickets } from '../../db/schema';
import { subtreeOf } from '../lifecycle/visibility';
import { assertDepartment, departmentTree } from './department-units';
import { type StatsScope, startOfDay } from './stats-period';

const WEEK_MS = 7 * 86_400_000;
const LISTED = 20;

export interface HotspotItem {
  id: string;
  place: string | null;
  title: string;
  category: string | null;
  tickets: number;
  residents: number;
  firstAt: string;
  lastAt: string;
  /** Tickets received in the 7 days up to the period's end, and in the 7 days before. */
  lastWeek: number;
  weekBefore: number;
}

export async function loadHotspots(db: Db, scope: StatsScope): Promise<{ items: HotspotItem[] }> {
  const start = startOfDay(scope.startDay);
  const end = startOfDay(scope.endDay + 1);
  const member = (extra: ReturnType<typeof sql>) => sql<number>`(select count(${extra}) from ${hotspotTickets}
    join ${tickets} on ${tickets.id} = ${hotspotTickets.ticketId} where ${hotspotTickets.hotspotId} = ${hotspots.id}`;
  const inWeek = (from: number, to: number) =>
    sql<number>`${member(sql`*`)} and ${tickets.receivedAt} >= ${from} and ${tickets.receivedAt} < ${to})`;
  const inDepartment =
    scope.department === null
      ? undefined
      : sql`exists (select 1 from ${hotspotTickets} join ${tickets} on ${tickets.id} = ${hotspotTickets.ticketId}
          where ${hotspotTickets.hotspotId} = ${hotspots.id}
            and ${tickets.leadDepartmentCode} in ${subtreeOf(scope.department)})`;
  const [tree, rows] = await db.batch([
    departmentTree(db),
    db
      .select({
        id: hotspots.id,
        place: gazetteerPlaces.name,
        title: hotspots.title,
        category: hotspots.category,
        size: hotspots.size,
        firstAt: hotspots.firstAt,
        lastAt: hotspots.lastAt,
        // Named: in a batch D1 answers rows as objects, and the two weeks' subqueries read alike.
        residents: sql<number>`${member(sql`distinct ${tickets.contactId}`)})`.mapWith(Number).as('residents'),
        lastWeek: inWeek(end - WEEK_MS, end)
          .mapWith(Number)
          .as('last_week'),
        weekBefore: inWeek(end - 2 * WEEK_MS, end - WEEK_MS)
          .mapWith(Number)
          .as('week_before'),
      })
      .from(hotspots)
      .leftJoin(gazetteerPlaces, sql`${gazetteerPlaces.code} = ${hotspots.placeCode}`)
      .where(and(gte(hotspots.lastAt, start), lt(hotspots.firstAt, end), inDepartment))
      .orderBy(desc(hotspots.size), desc(hotspots.lastAt))
      .limit(LISTED),
  ]);
  assertDepartment(tree, scope.department);
  return {
    items: rows.map((r) => ({
      id: r.id,
      place: r.place,
      title: r.title,
      category: r.category,
      tickets: r.size,
      residents: r.residents,
      firstAt: new Date(r.firstAt).toISOString(),
      lastAt: new Date(r.lastAt).toISOString(),
      lastWeek: r.lastWeek,
      weekBefore: r.weekBefore,
    })),
  };
}
