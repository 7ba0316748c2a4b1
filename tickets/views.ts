// What each audience sees of a ticket. The resident's view (tracking) carries no staff names
// and no contact data; the staff view carries the whole record with its history.
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contacts, departments, ratings, replies, supervisions, ticketEvents, tickets } from '../db/schema';
import { formatShanghai } from '../routing/calendar';
import { type ContactReader, contactShownRecord } from './contact-audit';
import { HubError } from './hub-error';
import type { TicketRow } from './lifecycle/actor';
import { contributionsOf, inCurrentAnswer } from './lifecycle/effects-cohandling';
import { satisfactionLabels } from './lifecycle/rate-ticket';
import { consentEventLabel } from './lifecycle/record-consent';
import { safeEqual } from './settings';
import { actionLabels, statusLabels, subjectLabels, type TicketStatus, type TransitionSubject } from './transitions';

export type EventRow = typeof ticketEvents.$inferSelect;

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/**
 * The ticket with all it shows, if it meets `visible` (the staff member's, tickets/lifecycle/visibility.ts).
 * With `reader` (a staff view that shows the contact), the read of the contact is recorded in the
 * same batch as the read itself (tickets/contact-audit.ts): no contact without its record.
 */
export async function loadTicketBundle(db: Db, ticketNo: string, visible?: SQL, reader?: ContactReader) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.ticketNo, ticketNo), visible))
    .limit(1);
  if (!ticket) return null;
  const deptCodes = [ticket.leadDepartmentCode, ...ticket.coDepartmentCodes].filter((c): c is string => !!c);
  const [events, replyRows, depts, contactRows, ratingRows, contributionRows, supervisionRows] = await db.batch([
    db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id)).orderBy(asc(ticketEvents.seq)),
    db.select().from(replies).where(eq(replies.ticketId, ticket.id)).orderBy(asc(replies.createdAt)),
    db
      .select({ code: departments.code, name: departments.name })
      .from(departments)
      .where(inArray(departments.code, deptCodes.length ? deptCodes : [''])),
    db
      .select()
      .from(contacts)
      .where(eq(contacts.id, ticket.contactId ?? '')),
    db.select().from(ratings).where(eq(ratings.ticketId, ticket.id)).orderBy(asc(ratings.round)),
    contributionsOf(db, ticket.id),
    db.select().from(supervisions).where(eq(supervisions.ticketId, ticket.id)).orderBy(asc(supervisions.openedAt)),
    ...(reader ? [contactShownRecord(db, reader, ticket.ticketNo, ticket.contactId)] : []),
  ]);
  return {
    ticket,
    events,
    replies: replyRows,
    departmentNames: new Map(depts.map((d) => [d.code, d.name])),
    contact: contactRows[0] ?? null,
    /** One per answer round, the first answer's first. */
    ratings: ratingRows,
    /** The rating of the ticket's current answer (its round is the reopen count), if given. */
    rating: ratingRows.find((r) => r.round === ticket.reopenCount) ?? null,
    contributions: contributionRows,
    supervisions: supervisionRows,
  };
}

/** The bundle for a resident, or 404 alike for an unknown number and a wrong code. */
export async function findTicketForResident(db: Db, ticketNo: string, code: string): Promise<TicketBundle> {
  const bundle = await loadTicketBundle(db, ticketNo);
  if (!bundle || !safeEqual(bundle.ticket.queryCode, code))
    throw new HubError('ticket_not_found', '工单号或查询码不正确');
  return bundle;
}

export type TicketBundle = NonNullable<Awaited<ReturnType<typeof loadTicketBundle>>>;

function deadlineView(ticket: TicketRow, now: number) {
  return {
    deadlineAt: iso(ticket.deadlineAt),
    deadlineText: ticket.deadlineAt === null ? null : formatShanghai(ticket.deadlineAt),
    clockPaused: ticket.clockPausedAt !== null,
    overdue:
      ticket.deadlineAt !== null &&
      ticket.clockPausedAt === null &&
      !['replied', 'reviewed', 'closed', 'merged'].includes(ticket.status) &&
      now > ticket.deadlineAt,
  };
}

/** The steps a resident sees on their timeline. */
const residentActions = new Set([
  'create',
  'dispatch',
  'sign',
  'supplement',
  'approve',
  'close',
  'reopen',
  'merge',
  'append',
  'rate',
  'consent',
]);

function residentEventLabel(e: EventRow): string {
  if (e.action === 'approve') return '答复已审核';
  if (e.action === 'consent') return consentEventLabel(e.data);
  return actionLabels[e.action as keyof typeof actionLabels] ?? e.action;
}

export function residentView(bundle: TicketBundle, now = Date.now()) {
  const { ticket } = bundle;
  const approved = bundle.replies.filter((r) => r.status === 'approved').at(-1);
  return {
    ticketNo: ticket.ticketNo,
    status: ticket.status,
    statusLabel: statusLabels[ticket.status as TicketStatus],
    type: ticket.type,
    title: ticket.title,
    text: ticket.text,
    receivedAt: iso(ticket.receivedAt),
    department: ticket.leadDepartmentCode ? (bundle.departmentNames.get(ticket.leadDepartmentCode) ?? null) : null,
    ...deadlineView(ticket, now),
    reply: approved
      ? {
          text: approved.text,
          at: iso(approved.reviewedAt ?? approved.createdAt),
          // The co-departments' parts, as the reply message carried them (协办单位意见).
          contributions: bundle.contributions
            .filter(inCurrentAnswer(ticket))
            .map((c) => ({ department: c.departmentName ?? c.departmentCode, text: c.text })),
        }
      : ticket.directAnswer
        ? { text: ticket.directAnswer, at: iso(ticket.closedAt), contributions: [] }
        : null,
    rating: bundle.rating ? { resolved: bundle.rating.resolved, satisfaction: bundle.rating.satisfaction } : null,
    /** 公开意愿: whether the resident agreed to publish the question and answer, personal data removed. */
    consentToPublish: ticket.consentToPublish,
    // Internal steps (review, rejected replies, return requests) are not the resident's business.
    timeline: bundle.events
      .filter((e) => residentActions.has(e.action))
      .filter((e) => e.action !== 'approve' || (e.data as { subject?: string } | null)?.subject === 'approve_reply')
      .map((e) => ({
        at: iso(e.at),
        atText: formatShanghai(e.at),
        action: e.action,
        label: residentEventLabel(e),
        status: e.toStatus,
        statusLabel: statusLabels[e.toStatus as TicketStatus],
      })),
  };
}

export const roleLabels: Record<string, string> = {
  admin: '管理员',
  dispatcher: '派单员',
  supervisor: '督办员',
  leader: '领导',
  handler: '承办人',
  reviewer: '审核人',
  system: '系统',
  resident: '群众',
};

/** An event's Chinese name: its transition's where the action has several meanings (approve, supplement). */
function eventLabel(e: EventRow): string {
  if (e.action === 'consent') return consentEventLabel(e.data);
  const subject = (e.data as { subject?: TransitionSubject } | null)?.subject;
  if (subject && subject in subjectLabels) return subjectLabels[subject];
  return actionLabels[e.action as keyof typeof actionLabels] ?? e.action;
}

/** Every event of the ticket, oldest first, for staff. */
function staffTimeline(events: EventRow[]) {
  return events.map((e) => ({
    seq: e.seq,
    at: iso(e.at),
    atText: formatShanghai(e.at),
    action: e.action,
    label: eventLabel(e),
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorRoleLabel: roleLabels[e.actorRole] ?? e.actorRole,
    from: e.fromStatus,
    to: e.toStatus,
    reason: e.reason,
    data: e.data,
  }));
}

/** The rounds' ratings (回访), the first answer's first. */
function ratingsView(rows: TicketBundle['ratings']) {
  return rows.map((r) => ({
    round: r.round,
    resolved: r.resolved,
    satisfaction: r.satisfaction,
    satisfactionLabel: satisfactionLabels[r.satisfaction],
    comment: r.comment,
    source: r.source,
    at: iso(r.at),
  }));
}

/**
 * Never the query code: it is the resident's key to tracking and rating, and a handler who had
 * it could rate its own answer as the resident (DESIGN.md, Staff).
 */
export function staffView(bundle: TicketBundle, now = Date.now()) {
  const { ticket } = bundle;
  const timeline = staffTimeline(bundle.events);
  return {
    id: ticket.id,
    ticketNo: ticket.ticketNo,
    channel: ticket.channel,
    status: ticket.status,
    statusLabel: statusLabels[ticket.status as TicketStatus],
    type: ticket.type,
    urgency: ticket.urgency,
    lifeDanger: ticket.lifeDanger,
    category: ticket.category,
    title: ticket.title,
    text: ticket.text,
    location: { address: ticket.locationAddress, lat: ticket.lat, lng: ticket.lng, placeCode: ticket.placeCode },
    leadDepartment: ticket.leadDepartmentCode
      ? { code: ticket.leadDepartmentCode, name: bundle.departmentNames.get(ticket.leadDepartmentCode) ?? null }
      : null,
    coDepartments: ticket.coDepartmentCodes.map((code) => ({ code, name: bundle.departmentNames.get(code) ?? null })),
    contact: bundle.contact
      ? { name: bundle.contact.name, phone: bundle.contact.phone, email: bundle.contact.email }
      : null,
    consentToPublish: ticket.consentToPublish,
    receivedAt: iso(ticket.receivedAt),
    dispatchedAt: iso(ticket.dispatchedAt),
    signedAt: iso(ticket.signedAt),
    repliedAt: iso(ticket.repliedAt),
    closedAt: iso(ticket.closedAt),
    ...deadlineView(ticket, now),
    // 督办灯: null once the ticket is answered (tickets/lifecycle/deadline-light.ts puts it out).
    light: ticket.light,
    supervision: bundle.supervisions.map((s) => ({
      openedAt: iso(s.openedAt),
      deadlineAt: iso(s.deadlineAt),
      told: s.told.map((t) => ({ who: t.who, at: iso(t.at) })),
      closedAt: iso(s.closedAt),
    })),
    pendingRequest: ticket.pendingRequest,
    supplementRequested: ticket.supplementRequested,
    extensionCount: ticket.extensionCount,
    routing: ticket.routing,
    version: ticket.version,
    replies: bundle.replies.map((r) => ({
      id: r.id,
      text: r.text,
      status: r.status,
      departmentCode: r.departmentCode,
      createdAt: iso(r.createdAt),
      reviewedAt: iso(r.reviewedAt),
    })),
    reopenCount: ticket.reopenCount,
    contributions: bundle.contributions.map((c) => ({
      departmentCode: c.departmentCode,
      departmentName: c.departmentName,
      text: c.text,
      at: iso(c.at),
    })),
    ratings: ratingsView(bundle.ratings),
    timeline,
    /** The timeline under its earlier name, for clients written before it. */
    events: timeline,
  };
}
