// The workbench's queues as SQL conditions on `tickets`, in one place so the pages and the API's
// `GET /api/v1/tickets?queue=` list the same tickets. Each queue is ANDed with the actor's
// visibility (tickets/lifecycle/visibility.ts). The lights are read from the cron's column and,
// until the cron's next run, from the times themselves, so a ticket is in 已超期 the minute its
// deadline passes.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contacts, ratings, ticketEvents, tickets } from '../db/schema';
import { type Actor, centreRoles } from './lifecycle/actor';
import { visibleTo } from './lifecycle/visibility';

export const queueNames = [
  'dispatch',
  'new',
  'due_soon',
  'overdue',
  'supplement',
  'approvals',
  'dissatisfied',
  'mine',
] as const;
export type QueueName = (typeof queueNames)[number];

export const queueLabels: Record<QueueName, string> = {
  dispatch: '待派单',
  new: '新工单',
  due_soon: '即将超期',
  overdue: '已超期',
  supplement: '待补充',
  approvals: '待审批',
  dissatisfied: '不满意回访',
  mine: '我的',
};

/** States in which a department's clock runs (awaiting_supplement stops it). */
const clockRunning = ['dispatched', 'signed'];
const closedStates = ['closed', 'merged'];

/**
 * The rating of the ticket's current answer (its round is the reopen count) says 不满意 or not
 * resolved: a reopen starts a new round, which takes the ticket out until the new answer is rated.
 */
const currentAnswerRatedBad = sql`exists (select 1 from ${ratings} where ${ratings.ticketId} = ${tickets.id}
  and ${ratings.round} = ${tickets.reopenCount}
  and (${ratings.satisfaction} = 'dissatisfied' or ${ratings.resolved} = 0))`;

/** The queue's own condition, before visibility; `now` is epoch ms. */
export function queueCondition(queue: QueueName, actor: Actor, now: number): SQL {
  const centre = centreRoles.has(actor.role);
  switch (queue) {
    case 'dispatch':
      return inArray(tickets.status, ['received', 'reopened']);
    case 'new':
      // A handler signs only for their own department's tickets (the lifecycle's rule).
      return actor.role === 'handler'
        ? and(eq(tickets.status, 'dispatched'), eq(tickets.leadDepartmentCode, actor.departmentCode ?? ''))!
        : eq(tickets.status, 'dispatched');
    case 'due_soon':
      return and(
        inArray(tickets.status, clockRunning),
        or(eq(tickets.light, 'yellow'), and(lt(tickets.yellowAt, now), gte(tickets.deadlineAt, now))),
        or(sql`${tickets.light} is null`, sql`${tickets.light} <> 'red'`),
      )!;
    case 'overdue':
      return and(
        inArray(tickets.status, clockRunning),
        or(eq(tickets.light, 'red'), and(isNotNull(tickets.deadlineAt), lt(tickets.deadlineAt, now))),
      )!;
    case 'supplement':
      return eq(tickets.status, 'awaiting_supplement');
    case 'approvals':
      // The centre decides returns and extensions; a department's reviewer decides its replies.
      if (centre) return isNotNull(tickets.pendingRequest);
      return and(eq(tickets.status, 'replied'), eq(tickets.leadDepartmentCode, actor.departmentCode ?? ''))!;
    case 'dissatisfied':
      return currentAnswerRatedBad;
    case 'mine':
      return and(
        sql`${tickets.status} not in ${closedStates}`,
        sql`exists (select 1 from ${ticketEvents} where ${ticketEvents.ticketId} = ${tickets.id}
          and ${ticketEvents.actorId} = ${actor.id ?? ''})`,
      )!;
  }
}

/** The queues a role works: the centre dispatches, decides and calls back; departments do the work. */
export function queuesFor(actor: Actor): QueueName[] {
  if (centreRoles.has(actor.role)) return ['dispatch', 'approvals', 'dissatisfied', 'due_soon', 'overdue', 'mine'];
  if (actor.role === 'handler') return ['new', 'due_soon', 'overdue', 'supplement', 'mine'];
  if (actor.role === 'reviewer') return ['approvals', 'new', 'due_soon', 'overdue', 'supplement', 'mine'];
  return [];
}

export interface QueueFilters {
  department?: string;
  type?: string;
  category?: string;
  channel?: string;
  /** Asia/Shanghai days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  /** A ticket number, a phone number, or words. */
  q?: string;
}

const DAY_MS = 86_400_000;
const shanghaiDayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);
const ticketNoPattern = /^[A-Z]\d{8,}$/i;
const phonePattern = /^[\d-]{7,20}$/;

/** The search box: a ticket number exactly, a resident's phone exactly, else words in title or text. */
function searchCondition(q: string): SQL {
  if (ticketNoPattern.test(q)) return eq(tickets.ticketNo, q.toUpperCase());
  if (phonePattern.test(q)) {
    return sql`exists (select 1 from ${contacts} where ${contacts.id} = ${tickets.contactId}
      and ${contacts.phone} = ${q})`;
  }
  // LIKE scans the table; enough for a department's list, a full-text index is for later.
  const words = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return or(sql`${tickets.title} like ${words} escape '\\'`, sql`${tickets.text} like ${words} escape '\\'`)!;
}

export function filterConditions(f: QueueFilters): SQL[] {
  const out: SQL[] = [];
  if (f.department) {
    out.push(
      or(
        eq(tickets.leadDepartmentCode, f.department),
        sql`exists (select 1 from json_each(${tickets.coDepartmentCodes}) where value = ${f.department})`,
      )!,
    );
  }
  if (f.type) out.push(eq(tickets.type, f.type));
  if (f.category) out.push(eq(tickets.category, f.category));
  if (f.channel) out.push(eq(tickets.channel, f.channel));
  if (f.from) out.push(gte(tickets.receivedAt, shanghaiDayStart(f.from)));
  if (f.to) out.push(lt(tickets.receivedAt, shanghaiDayStart(f.to) + DAY_MS));
  if (f.q) out.push(searchCondition(f.q));
  return out;
}

/** The whole condition for a queue (or no queue: every ticket the actor sees) with its filters. */
export function queueWhere(actor: Actor, queue: QueueName | null, filters: QueueFilters, now: number) {
  return and(visibleTo(actor), queue ? queueCondition(queue, actor, now) : undefined, ...filterConditions(filters));
}

function queueOrder(queue: QueueName | null) {
  if (queue === 'dispatch') {
    return [desc(tickets.lifeDanger), sql`${tickets.urgency} = 'urgent' desc`, asc(tickets.receivedAt)];
  }
  if (queue === 'due_soon' || queue === 'overdue' || queue === 'new') {
    return [sql`${tickets.deadlineAt} is null`, asc(tickets.deadlineAt), asc(tickets.receivedAt)];
  }
  return [desc(tickets.receivedAt)];
}

export async function listQueue(
  db: Db,
  actor: Actor,
  queue: QueueName | null,
  filters: QueueFilters,
  opts: { now?: number; limit?: number } = {},
) {
  const now = opts.now ?? Date.now();
  return db
    .select()
    .from(tickets)
    .where(queueWhere(actor, queue, filters, now))
    .orderBy(...queueOrder(queue))
    .limit(opts.limit ?? 50);
}

/** How many tickets each of the actor's queues holds now, in one round trip. */
export async function countQueues(db: Db, actor: Actor, now = Date.now()): Promise<Record<string, number>> {
  const names = queuesFor(actor);
  if (!names.length) return {};
  const statements = names.map((name) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(tickets)
      .where(queueWhere(actor, name, {}, now)),
  );
  const results = await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  return Object.fromEntries(names.map((name, i) => [name, results[i]?.[0]?.n ?? 0]));
}

export type Light = 'green' | 'yellow' | 'red';

/**
 * The ticket's 督办 light now: the cron's, or worked out from the times between its runs; null
 * where no department clock runs (not yet dispatched, answered, closed, or paused).
 */
export function lightOf(
  t: Pick<typeof tickets.$inferSelect, 'status' | 'light' | 'deadlineAt' | 'yellowAt' | 'clockPausedAt'>,
  now: number,
): Light | null {
  if (!clockRunning.includes(t.status) || t.clockPausedAt !== null || t.deadlineAt === null) return null;
  if (t.light === 'red' || now > t.deadlineAt) return 'red';
  if (t.light === 'yellow' || (t.yellowAt !== null && now >= t.yellowAt)) return 'yellow';
  return 'green';
}

export const lightLabels: Record<Light, string> = {
  green: '绿灯 · 正常',
  yellow: '黄灯 · 即将超期',
  red: '红灯 · 已超期',
};
