// 协办: a co-handling department adds its part of the answer while the lead holds the ticket,
// and the lead's answer goes to the resident with those parts (DESIGN.md, Staff). The parts that
// count are the current co-departments' since the ticket was last dispatched: a re-dispatch or a
// reopen starts a new answer, and a department no longer co-handling no longer speaks in it.
import { asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contributions, departments } from '../../db/schema';
import { newId } from '../ids';
import type { TicketRow } from './actor';
import type { ActionContext, Effects } from './handler-types';

export function contributeEffects({ lifecycle, ticket, actor, input, now }: ActionContext<'contribute'>): Effects {
  const id = newId();
  // The permission guarantees the department; the row names it so the part outlives a re-dispatch.
  const departmentCode = actor.departmentCode ?? '';
  return {
    data: { contributionId: id, departmentCode, text: input.text },
    statements: [
      lifecycle.db.insert(contributions).values({
        id,
        ticketId: ticket.id,
        departmentCode,
        authorId: actor.id,
        text: input.text,
        at: now,
      }),
    ],
  };
}

export interface ContributionPart {
  departmentName: string;
  text: string;
}

/** Whether a part counts in the ticket's current answer: its department co-handles since the last dispatch. */
export function inCurrentAnswer(ticket: Pick<TicketRow, 'coDepartmentCodes' | 'dispatchedAt'>) {
  return (part: { departmentCode: string; at: number }) =>
    ticket.coDepartmentCodes.includes(part.departmentCode) && part.at >= (ticket.dispatchedAt ?? 0);
}

/** Every co-handling part of a ticket (its id, or a subquery for it), oldest first, with department names. */
export function contributionsOf(db: Db, ticketId: string | SQL) {
  return db
    .select({
      departmentCode: contributions.departmentCode,
      departmentName: departments.name,
      text: contributions.text,
      at: contributions.at,
    })
    .from(contributions)
    .leftJoin(departments, eq(departments.code, contributions.departmentCode))
    .where(eq(contributions.ticketId, ticketId))
    .orderBy(asc(contributions.at), asc(contributions.id));
}

/** The parts the lead's current answer goes out with, oldest first, each with its department's name. */
export async function currentContributions(db: Db, ticket: TicketRow): Promise<ContributionPart[]> {
  if (ticket.coDepartmentCodes.length === 0) return [];
  const rows = await contributionsOf(db, ticket.id);
  return rows
    .filter(inCurrentAnswer(ticket))
    .map((r) => ({ departmentName: r.departmentName ?? r.departmentCode, text: r.text }));
}
