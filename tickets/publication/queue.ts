// The reviewer's queue (待公开审查): answered tickets the resident agreed to publish that wait for
// a publication decision, newest answer first. Nothing is written until someone decides, so the
// queue is tickets LEFT JOIN publications: a ticket with no row yet, or whose row is about an
// older answer than its latest approved one (a reopened ticket answered again). A reviewer sees
// the tickets their department (or one under it) leads; admins and supervisors see the city's.
import { and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publications, replies, tickets } from '../../db/schema';
import { type Actor, centreRoles } from '../lifecycle/actor';
import { subtreeOf } from '../lifecycle/visibility';

export const QUEUE_PAGE_SIZE = 30;

export interface QueueItem {
  ticketNo: string;
  title: string | null;
  summary: string;
  type: string;
  category: string | null;
  leadDepartmentCode: string | null;
  receivedAt: number;
  repliedAt: number | null;
  /** The publication's status when a decision about an older answer exists, else null. */
  currentStatus: string | null;
}

const latestApproved = sql`(select ${replies.id} from ${replies}
  where ${replies.ticketId} = ${tickets.id} and ${replies.status} = 'approved'
  order by ${replies.createdAt} desc, ${replies.id} desc limit 1)`;

function leadCondition(actor: Actor): SQL | undefined {
  if (centreRoles.has(actor.role)) return undefined;
  if (actor.role !== 'reviewer' || !actor.departmentCode) return sql`0`;
  return sql`${tickets.leadDepartmentCode} in ${subtreeOf(actor.departmentCode)}`;
}

function awaitingDecision(actor: Actor): SQL {
  return and(
    inArray(tickets.status, ['reviewed', 'closed']),
    eq(tickets.consentToPublish, true),
    leadCondition(actor),
    sql`${latestApproved} is not null`,
    or(isNull(publications.id), sql`${publications.replyId} is not ${latestApproved}`),
  )!;
}

/** One page of the queue (pages count from 1) and whether another follows. */
export async function listPublicationQueue(
  db: Db,
  actor: Actor,
  page = 1,
  size = QUEUE_PAGE_SIZE,
): Promise<{ items: QueueItem[]; more: boolean }> {
  const rows = await db
    .select({
      ticketNo: tickets.ticketNo,
      title: tickets.title,
      text: tickets.text,
      type: tickets.type,
      category: tickets.category,
      leadDepartmentCode: tickets.leadDepartmentCode,
      receivedAt: tickets.receivedAt,
      repliedAt: tickets.repliedAt,
      currentStatus: publications.status,
    })
    .from(tickets)
    .leftJoin(publications, eq(publications.ticketId, tickets.id))
    .where(awaitingDecision(actor))
    .orderBy(desc(tickets.repliedAt), desc(tickets.ticketNo))
    .limit(size + 1)
    .offset((Math.max(1, page) - 1) * size);
  const items = rows.slice(0, size).map(({ text, ...r }) => ({ ...r, summary: text.slice(0, 80) }));
  return { items, more: rows.length > size };
}

/** The query's text, for the test that checks its plan uses the indexes. */
export function publicationQueueQuery(db: Db, actor: Actor) {
  return db
    .select({ ticketNo: tickets.ticketNo })
    .from(tickets)
    .leftJoin(publications, eq(publications.ticketId, tickets.id))
    .where(awaitingDecision(actor))
    .orderBy(desc(tickets.repliedAt), desc(tickets.ticketNo))
    .limit(QUEUE_PAGE_SIZE + 1)
    .toSQL();
}
