// Who is told when a ticket turns red (督办), and the rows that tell them: the lead department's
// reviewers and the 12345 centre's supervisors and dispatchers, each by a notice on the staff
// channel of the outbox, which the workbench reads as the person's inbox (no delivery run sends
// it: 'staff' is a pulled channel, tickets/outbox.ts).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, staff, supervisions } from '../../db/schema';
import { newId } from '../ids';
import { messageTexts, outboxInsert, STAFF_CHANNEL } from '../outbox';
import type { Statement } from './actor';
import { D1_MAX_BOUND } from './sql-statements';

export interface RedTicket {
  id: string;
  ticketNo: string;
  leadDepartmentCode: string | null;
  deadlineAt: number;
}

/** The people to tell and the departments' names, loaded once for a run's red tickets. */
export interface Audience {
  centre: string[];
  reviewers: Map<string, string[]>;
  names: Map<string, string>;
}

export const noAudience: Audience = { centre: [], reviewers: new Map(), names: new Map() };

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function loadAudience(db: Db, departmentCodes: string[]): Promise<Audience> {
  const codes = [...new Set(departmentCodes)];
  const centre = await db
    .select({ username: staff.username })
    .from(staff)
    .where(and(inArray(staff.role, ['supervisor', 'dispatcher']), eq(staff.active, true)))
    .orderBy(asc(staff.username));
  const audience: Audience = { centre: centre.map((s) => s.username), reviewers: new Map(), names: new Map() };
  // D1 binds at most 100 values a statement: the codes go in slices.
  for (const slice of chunks(codes, D1_MAX_BOUND - 10)) {
    const [reviewers, names] = await db.batch([
      db
        .select({ username: staff.username, departmentCode: staff.departmentCode })
        .from(staff)
        .where(and(eq(staff.role, 'reviewer'), eq(staff.active, true), inArray(staff.departmentCode, slice)))
        .orderBy(asc(staff.username)),
      db
        .select({ code: departments.code, name: departments.name })
        .from(departments)
        .where(inArray(departments.code, slice)),
    ]);
    for (const r of reviewers)
      audience.reviewers.set(r.departmentCode, [...(audience.reviewers.get(r.departmentCode) ?? []), r.username]);
    for (const d of names) audience.names.set(d.code, d.name);
  }
  return audience;
}

/**
 * The 督办 record of the missed deadline and a notice to each person told. A record for the same
 * deadline (the ticket was answered, then its answer sent back) is opened again, its list of
 * who was told carried on.
 */
export function supervisionStatements(db: Db, ticket: RedTicket, audience: Audience, now: number): Statement[] {
  const lead = ticket.leadDepartmentCode;
  const people = [...new Set([...(lead ? (audience.reviewers.get(lead) ?? []) : []), ...audience.centre])];
  const told = people.map((who) => ({ who, at: now }));
  const record = db
    .insert(supervisions)
    .values({
      id: newId(),
      ticketId: ticket.id,
      departmentCode: lead,
      openedAt: now,
      deadlineAt: ticket.deadlineAt,
      told,
    })
    .onConflictDoUpdate({
      target: [supervisions.ticketId, supervisions.deadlineAt],
      set: {
        closedAt: null,
        told: sql`(select json_group_array(json(value)) from (select value from json_each(${supervisions.told})
          union all select value from json_each(excluded.told)))`,
      },
    });
  const department = (lead && audience.names.get(lead)) || '未指定';
  const body = messageTexts.supervision(ticket.ticketNo, department, ticket.deadlineAt);
  const notices = people.map((username) =>
    outboxInsert(db, {
      id: newId(),
      ticketId: ticket.id,
      target: { channel: STAFF_CHANNEL, recipient: username },
      kind: 'notice',
      subject: `督办：工单 ${ticket.ticketNo}`,
      body,
      now,
    }),
  );
  return [record, ...notices];
}
