// What the monthly 通报 reports: the month's city figures beside the month before's, the ranking,
// the departments below the line, and the month's overdue and supervised (督办) tickets. The
// figures come from the stats loaders, as on the dashboard and in the API.
import { and, asc, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { supervisions, tickets } from '../../db/schema';
import { localDate } from '../../routing/calendar';
import type { Actor } from '../../tickets/lifecycle/actor';
import type { FiguresPeriod } from '../../tickets/publication/monthly-figures-period';
import { type DepartmentNode, departmentTree } from '../../tickets/stats/department-units';
import { loadOverview, type Overview } from '../../tickets/stats/overview';
import { loadRanking, type Ranking, type RankingRow } from '../../tickets/stats/ranking';
import { dateOfDay, dayOf, type StatsScope } from '../../tickets/stats/stats-period';
import { listTickets, type TicketListRow } from '../../tickets/ticket-list';

/** How many overdue and supervised tickets the 通报 lists by number (the count is always whole). */
export const LISTED = 20;

export interface SupervisedTicket {
  ticketNo: string;
  title: string | null;
  departmentCode: string | null;
  deadlineAt: number;
  closedAt: number | null;
}

export interface MonthReport {
  scope: StatsScope;
  previousScope: StatsScope;
  city: string;
  tree: DepartmentNode[];
  month: Overview;
  previous: Overview;
  ranking: Ranking;
  /** Ranked units whose composite is below the city's (the line the 通报 draws). */
  belowLine: RankingRow[];
  overdue: TicketListRow[];
  supervisedCount: number;
  supervised: SupervisedTicket[];
}

/** A month's days, up to today while it runs. */
function monthScope(period: FiguresPeriod, now: number): StatsScope {
  const startDay = dayOf(period.start);
  const endDay = Math.min(dayOf(period.end) - 1, dayOf(now));
  return { from: dateOfDay(startDay), to: dateOfDay(endDay), startDay, endDay, department: null };
}

function previousScope(period: FiguresPeriod): StatsScope {
  const endDay = dayOf(period.start) - 1;
  const first = `${dateOfDay(endDay).slice(0, 8)}01`;
  const startDay = dayOf(Date.parse(`${first}T00:00:00+08:00`));
  return { from: first, to: dateOfDay(endDay), startDay, endDay, department: null };
}

function supervisedIn(db: Db, period: FiguresPeriod) {
  const opened = and(gte(supervisions.openedAt, period.start), lt(supervisions.openedAt, period.end));
  return [
    db
      .select({
        ticketNo: tickets.ticketNo,
        title: tickets.title,
        departmentCode: supervisions.departmentCode,
        deadlineAt: supervisions.deadlineAt,
        closedAt: supervisions.closedAt,
      })
      .from(supervisions)
      .innerJoin(tickets, sql`${tickets.id} = ${supervisions.ticketId}`)
      .where(opened)
      .orderBy(asc(supervisions.deadlineAt))
      .limit(LISTED),
    db.select({ n: sql<number>`count(*)` }).from(supervisions).where(opened),
  ] as const;
}

export async function loadMonthReport(db: Db, actor: Actor, period: FiguresPeriod, now: number): Promise<MonthReport> {
  const scope = monthScope(period, now);
  const before = previousScope(period);
  const [supervisedRows, supervisedCount] = supervisedIn(db, period);
  const [month, previous, ranking, overdue, tree, supervised, counted] = await Promise.all([
    loadOverview(db, scope),
    loadOverview(db, before),
    loadRanking(db, scope),
    listTickets(db, actor, { drill: { metric: 'overdue', scope }, limit: LISTED }, now),
    departmentTree(db),
    supervisedRows,
    supervisedCount,
  ]);
  const cityScore = month.compositeScore;
  const belowLine =
    cityScore === null ? [] : ranking.ranked.filter((r) => r.compositeScore !== null && r.compositeScore < cityScore);
  const root = tree.find((d) => d.parentCode === null && d.kind === 'city');
  return {
    scope,
    previousScope: before,
    city: (root?.name ?? '').replace(/人民政府$/, ''),
    tree,
    month,
    previous,
    ranking,
    belowLine,
    overdue: overdue.rows,
    supervisedCount: counted[0]?.n ?? 0,
    supervised,
  };
}

/** When the 通报 was drawn up, for its footer. */
export const issuedOn = (now: number) => localDate(now);
