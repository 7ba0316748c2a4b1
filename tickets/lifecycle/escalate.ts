// 电子监察: the cron's run over the lights. It reads only the tickets whose light must change now,
// through the indexes on (light, yellow_at) and (light, deadline_at), so a run costs what changes
// and not what is open. Green turns yellow once 80 % of the time is used; green or yellow turns
// red at the deadline, which opens the 督办 record and tells the department's reviewers and the
// centre in the same batch. A clock stopped for the resident's supplement is left alone, and an
// answered ticket has no light to change. Each change is planned on the ticket's version, so a
// second run (or one racing a staff action) writes nothing for a ticket already changed.
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { tickets } from '../../db/schema';
import { type Statement, systemActor } from './actor';
import type { Light } from './deadline-light';
import { loadAudience, noAudience, supervisionStatements } from './supervision-notices';
import { isConstraintConflict, ticketChange } from './writes';

/** The most tickets one run changes; the rest are still due at the next run, five minutes on. */
export const ESCALATE_LIMIT = 500;
/** Tickets written per D1 batch: a conflict costs a retry of this many one by one. */
const BATCH_TICKETS = 25;

export interface EscalationRun {
  yellow: number;
  red: number;
  /** Tickets changed by someone else between reading and writing: left for the next run. */
  skipped: number;
  /** The run stopped at its limit: more tickets may be due. */
  more: boolean;
}

const dueFields = {
  id: tickets.id,
  ticketNo: tickets.ticketNo,
  version: tickets.version,
  light: tickets.light,
  deadlineAt: tickets.deadlineAt,
  yellowAt: tickets.yellowAt,
  leadDepartmentCode: tickets.leadDepartmentCode,
};

/** The queries of a run, each served by its own index (tickets/lifecycle/escalate.test.ts checks the plans). */
export function dueQueries(db: ReturnType<typeof openDb>, now: number, limit: number) {
  const running = isNull(tickets.clockPausedAt);
  return {
    red: db
      .select(dueFields)
      .from(tickets)
      .where(and(inArray(tickets.light, ['green', 'yellow']), lte(tickets.deadlineAt, now), running))
      .limit(limit),
    yellow: db
      .select(dueFields)
      .from(tickets)
      .where(and(eq(tickets.light, 'green'), lte(tickets.yellowAt, now), running))
      .limit(limit),
  };
}

type DueRow = Awaited<ReturnType<typeof dueQueries>['red']>[number];
type Due = DueRow & { to: Light };

async function findDue(db: ReturnType<typeof openDb>, now: number, limit: number): Promise<Due[]> {
  const queries = dueQueries(db, now, limit);
  const [red, yellow] = await db.batch([queries.red, queries.yellow]);
  const reds = new Set(red.map((t) => t.id));
  // A green ticket already past its deadline goes straight to red.
  const due: Due[] = [
    ...red.map((t) => ({ ...t, to: 'red' as const })),
    ...yellow.filter((t) => !reds.has(t.id)).map((t) => ({ ...t, to: 'yellow' as const })),
  ];
  return due.slice(0, limit);
}

function ticketStatements(db: ReturnType<typeof openDb>, t: Due, now: number, notices: Statement[]): Statement[] {
  const [event, update] = ticketChange(db, eq(tickets.id, t.id), {
    at: now,
    actor: systemActor,
    action: 'escalate',
    data: { light: t.to, from: t.light, deadlineAt: t.deadlineAt, yellowAt: t.yellowAt },
    patch: { light: t.to },
    expectedVersion: t.version,
  });
  return [event, update, ...notices];
}

interface Planned {
  ticket: Due;
  statements: Statement[];
}

/** Writes a slice in one batch; when another change got to one of its tickets first, one by one. */
async function writeSlice(db: ReturnType<typeof openDb>, planned: Planned[]): Promise<Due[]> {
  const [first, ...rest] = planned.flatMap((p) => p.statements);
  if (!first) return [];
  try {
    await db.batch([first, ...rest]);
    return planned.map((p) => p.ticket);
  } catch (err) {
    if (!isConstraintConflict(err)) throw err;
    if (planned.length === 1) return [];
  }
  const written: Due[] = [];
  for (const one of planned) written.push(...(await writeSlice(db, [one])));
  return written;
}

export async function escalate(env: Pick<Env, 'DB'>, now = Date.now(), limit = ESCALATE_LIMIT): Promise<EscalationRun> {
  const db = openDb(env.DB);
  const due = await findDue(db, now, limit);
  const leads = due.flatMap((t) => (t.to === 'red' && t.leadDepartmentCode ? [t.leadDepartmentCode] : []));
  const audience = due.some((t) => t.to === 'red') ? await loadAudience(db, leads) : noAudience;
  const run: EscalationRun = { yellow: 0, red: 0, skipped: 0, more: due.length >= limit };
  for (let i = 0; i < due.length; i += BATCH_TICKETS) {
    const planned = due.slice(i, i + BATCH_TICKETS).map((ticket) => {
      const deadlineAt = ticket.deadlineAt ?? now;
      const notices = ticket.to === 'red' ? supervisionStatements(db, { ...ticket, deadlineAt }, audience, now) : [];
      return { ticket, statements: ticketStatements(db, ticket, now, notices) };
    });
    const written = await writeSlice(db, planned);
    for (const t of written) run[t.to === 'red' ? 'red' : 'yellow']++;
    run.skipped += planned.length - written.length;
  }
  return run;
}
