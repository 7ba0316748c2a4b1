// Which tickets an actor may see (DESIGN.md "Staff, workbench and escalation"): the 12345 centre
// and the hub itself see every ticket; a department's handler and reviewer see the tickets led by
// their department or one under it, and those it co-handles. The rule is one SQL condition, so the
// ticket list, the ticket view and every action ask it alike, and a ticket the actor may not see
// is simply not found: 404 whatever its state, before anything about it is told.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, tickets } from '../../db/schema';
import { HubError } from '../hub-error';
import type { Actor, TicketRow } from './actor';

/** The department and every department under it, as a subquery of codes. */
export function subtreeOf(code: string): SQL {
  return sql`(with recursive subtree(code) as (
      select ${code}
      union select ${departments.code} from ${departments} join subtree on ${departments.parentCode} = subtree.code
    ) select code from subtree)`;
}

/** The condition on `tickets` an actor's tickets meet; undefined when they see every ticket. */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role !== 'handler' && actor.role !== 'reviewer') return undefined;
  // A department account without a department sees nothing (never expected; refused all the same).
  if (!actor.departmentCode) return sql`0`;
  const subtree = subtreeOf(actor.departmentCode);
  return sql`(${tickets.leadDepartmentCode} in ${subtree}
    or exists (select 1 from json_each(${tickets.coDepartmentCodes}) where value in ${subtree}))`;
}

/** The ticket, if the actor may see it; otherwise, as for an unknown number, 404. */
export async function loadVisibleTicket(db: Db, ticketNo: string, actor: Actor): Promise<TicketRow> {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.ticketNo, ticketNo), visibleTo(actor)))
    .limit(1);
  if (!ticket) throw new HubError('ticket_not_found', `工单不存在：${ticketNo}`);
  return ticket;
}
