// The staff ticket list, newest first, as one query: the workbench queues, the centre's
// department filter, and the leaders' drill-down (the tickets behind a figure,
// tickets/stats/drill-down.ts, or a hot spot's), each ANDed with what the actor may see. The API
// (`GET /api/v1/tickets`) and the dashboard's drill-down page both list through it.
import { and, desc, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { hotspotTickets, tickets } from '../db/schema';
import type { Actor } from './lifecycle/actor';
import { subtreeOf, visibleTo } from './lifecycle/visibility';
import { type QueueName, queueCondition } from './queues';
import { type DrillMetric, drillCondition } from './stats/drill-down';
import type { VolumeDimension } from './stats/facts';
import type { StatsScope } from './stats/stats-period';
import { statusLabels } from './transitions';

export interface TicketListFilters {
  status?: string;
  queue?: QueueName;
  /** A department and those under it, as lead or co-handler. */
  department?: string;
  /** The tickets behind a figure of the scope (its department replaces `department`). */
  drill?: { metric: DrillMetric; scope: StatsScope; key?: { dimension: VolumeDimension; value: string } };
  /** The tickets of one hot spot (tickets/follow-up.ts). */
  hotspot?: string;
  /** Cursor: the last ticket number of the previous page. */
  before?: string;
  limit: number;
}

export type TicketListRow = typeof tickets.$inferSelect;

function departmentCondition(code: string): SQL {
  const subtree = subtreeOf(code);
  return or(
    sql`${tickets.leadDepartmentCode} in ${subtree}`,
    sql`exists (select 1 from json_each(${tickets.coDepartmentCodes}) where value in ${subtree})`,
  )!;
}

export async function listTickets(
  db: Db,
  actor: Actor,
  f: TicketListFilters,
  now = Date.now(),
): Promise<{ rows: TicketListRow[]; next: string | null }> {
  const filters: SQL[] = [];
  if (f.status) filters.push(sql`${tickets.status} = ${f.status}`);
  if (f.queue) filters.push(queueCondition(f.queue, actor, now));
  const visible = visibleTo(actor);
  if (visible) filters.push(visible);
  if (f.drill) filters.push(drillCondition(f.drill.metric, f.drill.scope, f.drill.key));
  else if (f.department) filters.push(departmentCondition(f.department));
  if (f.hotspot) {
    filters.push(sql`exists (select 1 from ${hotspotTickets} where ${hotspotTickets.hotspotId} = ${f.hotspot}
      and ${hotspotTickets.ticketId} = ${tickets.id})`);
  }
  if (f.before) filters.push(lt(tickets.ticketNo, f.before));
  const rows = await db
    .select()
    .from(tickets)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(tickets.ticketNo))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return { rows: page, next: rows.length > f.limit ? (page.at(-1)?.ticketNo ?? null) : null };
}

/** A list row as the API and pages show it. */
export function ticketListItem(t: TicketListRow) {
  return {
    ticketNo: t.ticketNo,
    status: t.status,
    statusLabel: statusLabels[t.status as keyof typeof statusLabels],
    type: t.type,
    urgency: t.urgency,
    category: t.category,
    title: t.title,
    summary: t.text.slice(0, 80),
    leadDepartmentCode: t.leadDepartmentCode,
    receivedAt: new Date(t.receivedAt).toISOString(),
    deadlineAt: t.deadlineAt === null ? null : new Date(t.deadlineAt).toISOString(),
  };
}
