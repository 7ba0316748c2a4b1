// The ticket lifecycle: the only module that writes ticket state. Every change is planned by
// the state machine (tickets/transitions.ts), checked against the actor's role, and written in
// one D1 batch together with its event. The event's sequence number is the ticket's new
// version and is unique per ticket, so of two concurrent changes only one can land: the other
// batch fails as a whole and the caller gets 409.

import { z } from '@hono/zod-openapi';
import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { contacts, departments, ratings, replies, routingCorrections, ticketEvents, tickets } from '../db/schema';
import {
  clockKindOf,
  computeDeadline,
  extendDeadline,
  findSlaPolicy,
  remainingMinutes,
  resumeDeadline,
} from '../routing/sla';
import { type ActionInput, actionInputSchemas } from './action-inputs';
import { HubError, validationError } from './hub-error';
import { newId } from './ids';
import { announceDeliveries, deliveryTargetFor, messageTexts, outboxInsert, trackingLink } from './outbox';
import {
  IllegalTransition,
  planTransition,
  type TicketAction,
  type TicketStatus,
  type TransitionSubject,
} from './transitions';
import { loadWorkingTime } from './working-calendar';

export type TicketRow = typeof tickets.$inferSelect;
export type StaffRole = 'admin' | 'dispatcher' | 'supervisor' | 'leader' | 'handler' | 'reviewer';

/** Who acts: a staff member, the hub itself (intake, import), or the resident (tracking page). */
export interface Actor {
  id: string | null;
  role: StaffRole | 'system' | 'resident';
  departmentCode: string | null;
}

export const systemActor: Actor = { id: null, role: 'system', departmentCode: null };

type Statement = BatchItem<'sqlite'>;

export interface LifecycleEnv {
  db: Db;
  env: Pick<Env, 'JOBS' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>;
}

const centreRoles = new Set<Actor['role']>(['admin', 'dispatcher', 'supervisor', 'system']);

/** Which subjects each kind of actor may carry out; department staff only on their own tickets. */
function authorize(actor: Actor, subject: TransitionSubject, ticket: TicketRow): void {
  const ownDepartment = actor.departmentCode !== null && actor.departmentCode === ticket.leadDepartmentCode;
  const isCentre = centreRoles.has(actor.role);
  let allowed: boolean;
  switch (subject) {
    case 'sign':
    case 'request_return':
    case 'request_supplement':
    case 'request_extension':
    case 'reply':
      allowed = actor.role === 'admin' || actor.role === 'system' || (actor.role === 'handler' && ownDepartment);
      break;
    case 'approve_reply':
    case 'reject_reply':
      allowed = actor.role === 'admin' || actor.role === 'system' || (actor.role === 'reviewer' && ownDepartment);
      break;
    case 'receive_supplement':
      allowed = isCentre || actor.role === 'resident' || (actor.role === 'handler' && ownDepartment);
      break;
    case 'reopen':
      allowed = isCentre || actor.role === 'resident';
      break;
    default:
      allowed = isCentre;
  }
  if (!allowed) throw new HubError('forbidden', '当前账号无权对该工单执行此操作');
}

export function parseActionInput<A extends TicketAction>(action: A, raw: unknown): ActionInput<A> {
  const result = actionInputSchemas[action].safeParse(raw ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data as ActionInput<A>;
}

function eventInsert(
  db: Db,
  ticket: { id: string; version: number },
  e: {
    at: number;
    actor: Actor;
    action: string;
    from: TicketStatus | null;
    to: TicketStatus;
    reason?: string | null;
    data?: Record<string, unknown> | null;
  },
) {
  return db.insert(ticketEvents).values({
    ticketId: ticket.id,
    seq: ticket.version + 1,
    at: e.at,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    action: e.action,
    fromStatus: e.from,
    toStatus: e.to,
    reason: e.reason ?? null,
    data: e.data ?? null,
  });
}

function isConstraintConflict(err: unknown): boolean {
  const text = String(err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : err);
  return /UNIQUE constraint failed/i.test(text);
}

/** Every code must name an active department: one query for the lead and co-handlers. */
async function assertDepartments(db: Db, codes: string[]): Promise<void> {
  const found = await db
    .select({ code: departments.code })
    .from(departments)
    .where(and(inArray(departments.code, codes), eq(departments.active, true)));
  const missing = codes.find((code) => !found.some((d) => d.code === code));
  if (missing) throw new HubError('unknown_department', `部门不存在或已停用：${missing}`);
}

// Creating tickets and appending to them is the lifecycle's intake half: tickets/lifecycle-intake.ts.

// ---------------------------------------------------------------------------------------------
// Actions on existing tickets

export interface ActionResult {
  ticket: TicketRow;
  subject: TransitionSubject;
}

export async function applyAction(
  { db, env }: LifecycleEnv,
  ticketNo: string,
  action: TicketAction,
  actor: Actor,
  rawInput: unknown,
  /** notify: false for replays of history (import): the resident heard about it years ago. */
  opts: { now?: number; notify?: boolean } = {},
): Promise<ActionResult> {
  const now = opts.now ?? Date.now();
  const input = parseActionInput(action, rawInput);
  const [ticket, workingTime] = await Promise.all([
    db.query.tickets.findFirst({ where: eq(tickets.ticketNo, ticketNo) }),
    loadWorkingTime(db, now),
  ]);
  if (!ticket) throw new HubError('ticket_not_found', `工单不存在：${ticketNo}`);

  let plan;
  try {
    plan = planTransition(
      {
        status: ticket.status as TicketStatus,
        pendingRequest: ticket.pendingRequest ?? null,
        supplementRequested: ticket.supplementRequested,
      },
      action,
    );
  } catch (err) {
    if (err instanceof IllegalTransition) {
      throw new HubError(
        'illegal_transition',
        `工单当前状态为「${ticket.status}」，不能执行「${action}」：${err.why}`,
        [{ path: 'action', message: err.why }],
      );
    }
    throw err;
  }
  authorize(actor, plan.subject, ticket);

  const patch: Partial<TicketRow> = {};
  const extra: Statement[] = [];
  const outboxChannels: string[] = [];
  const eventData: Record<string, unknown> = {};
  const reason: string | null = 'reason' in input ? ((input.reason as string | undefined) ?? null) : null;
  const { calendar, policies } = workingTime;

  const notify = async (kind: 'supplement_request' | 'reply' | 'ack' | 'notice', body: string) => {
    if (opts.notify === false) return;
    const contact = ticket.contactId
      ? await db.query.contacts.findFirst({ where: eq(contacts.id, ticket.contactId) })
      : null;
    const target = deliveryTargetFor(ticket.channel, contact);
    if (!target) return;
    outboxChannels.push(target.channel);
    extra.push(
      outboxInsert(db, {
        id: newId(),
        ticketId: ticket.id,
        target,
        kind,
        body,
        now,
        subject: `工单 ${ticket.ticketNo}`,
      }),
    );
  };

  switch (plan.subject) {
    case 'dispatch':
    case 'redispatch': {
      const i = input as ActionInput<'dispatch'>;
      await assertDepartments(db, [i.departmentCode, ...i.coDepartmentCodes]);
      const type = i.type ?? ticket.type;
      const urgency = i.urgency ?? ticket.urgency;
      const policy = findSlaPolicy(policies, type, urgency);
      const deadlineAt = computeDeadline(calendar, policy, now);
      Object.assign(patch, {
        leadDepartmentCode: i.departmentCode,
        coDepartmentCodes: i.coDepartmentCodes,
        type,
        urgency,
        category: i.category ?? ticket.category,
        dispatchedAt: now,
        deadlineAt,
        clockKind: clockKindOf(policy),
        clockPausedAt: null,
        pausedRemainingMinutes: null,
      });
      Object.assign(eventData, {
        departmentCode: i.departmentCode,
        coDepartmentCodes: i.coDepartmentCodes,
        deadlineAt,
        type,
        urgency,
      });
      // A person choosing another department than routing did, or than the last dispatch, is a
      // labelled example for retraining (the export keeps each ticket's latest).
      const suggested = (ticket.routing as { departmentCode?: string | null; category?: string | null } | null) ?? null;
      const before = ticket.leadDepartmentCode ?? suggested?.departmentCode ?? null;
      if (
        actor.role !== 'system' &&
        suggested &&
        (suggested.departmentCode !== i.departmentCode || before !== i.departmentCode)
      ) {
        extra.push(
          db.insert(routingCorrections).values({
            id: newId(),
            ticketId: ticket.id,
            title: ticket.title,
            text: ticket.text,
            predictedCategory: suggested.category ?? null,
            category: i.category ?? null,
            fromDepartmentCode: suggested.departmentCode ?? null,
            toDepartmentCode: i.departmentCode,
            actorId: actor.id,
            at: now,
          }),
        );
      }
      break;
    }
    case 'sign':
      patch.signedAt = now;
      break;
    case 'request_return':
      patch.pendingRequest = { kind: 'return', reason: reason ?? '', requestedBy: actor.id ?? '', at: now };
      break;
    case 'approve_return':
      Object.assign(patch, {
        pendingRequest: null,
        leadDepartmentCode: null,
        coDepartmentCodes: [],
        signedAt: null,
        deadlineAt: null,
        clockKind: null,
        clockPausedAt: null,
        pausedRemainingMinutes: null,
      });
      eventData.returnedBy = ticket.leadDepartmentCode;
      break;
    case 'reject_return':
    case 'reject_extension':
      patch.pendingRequest = null;
      break;
    case 'request_supplement': {
      const i = input as ActionInput<'supplement'>;
      if (!i.request)
        throw new HubError('validation_failed', 'request: 请一次性列明需要居民补充的全部材料', [
          { path: 'request', message: '必填' },
        ]);
      const minutes = ticket.deadlineAt
        ? remainingMinutes(calendar, ticket.clockKind ?? 'working', now, ticket.deadlineAt)
        : null;
      Object.assign(patch, { supplementRequested: true, clockPausedAt: now, pausedRemainingMinutes: minutes });
      Object.assign(eventData, { request: i.request, remainingMinutes: minutes });
      await notify('supplement_request', messageTexts.supplementRequest(ticket.ticketNo, i.request));
      break;
    }
    case 'receive_supplement': {
      const i = input as ActionInput<'supplement'>;
      if (!i.text) throw new HubError('validation_failed', 'text: 请填写补充内容', [{ path: 'text', message: '必填' }]);
      const deadlineAt =
        ticket.pausedRemainingMinutes !== null
          ? resumeDeadline(calendar, ticket.clockKind ?? 'working', now, ticket.pausedRemainingMinutes)
          : ticket.deadlineAt;
      Object.assign(patch, {
        clockPausedAt: null,
        pausedRemainingMinutes: null,
        deadlineAt,
        text: `${ticket.text}\n【补充】${i.text}`,
      });
      Object.assign(eventData, {
        text: i.text,
        deadlineAt,
        pausedMs: ticket.clockPausedAt ? now - ticket.clockPausedAt : null,
      });
      break;
    }
    case 'request_extension': {
      const i = input as ActionInput<'extend'>;
      const policy = findSlaPolicy(policies, ticket.type, ticket.urgency);
      if (ticket.extensionCount >= policy.maxExtensions || policy.maxExtensionWorkingDays === 0) {
        throw new HubError('extension_not_allowed', `该类工单最多延期 ${policy.maxExtensions} 次，已用完`);
      }
      if (i.workingDays > policy.maxExtensionWorkingDays) {
        throw new HubError('extension_too_long', `该类工单每次最多延期 ${policy.maxExtensionWorkingDays} 个工作日`, [
          { path: 'workingDays', message: `最多 ${policy.maxExtensionWorkingDays}` },
        ]);
      }
      patch.pendingRequest = {
        kind: 'extension',
        workingDays: i.workingDays,
        reason: i.reason,
        requestedBy: actor.id ?? '',
        at: now,
      };
      eventData.workingDays = i.workingDays;
      break;
    }
    case 'approve_extension': {
      const request = ticket.pendingRequest;
      if (request?.kind !== 'extension') throw new Error('unreachable: approve_extension without a request');
      patch.pendingRequest = null;
      patch.extensionCount = ticket.extensionCount + 1;
      if (ticket.clockPausedAt !== null && ticket.pausedRemainingMinutes !== null) {
        // The clock is stopped: the extension adds working days to what is left on it.
        const dayMinutes = calendar.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
        patch.pausedRemainingMinutes = ticket.pausedRemainingMinutes + request.workingDays * dayMinutes;
        eventData.pausedRemainingMinutes = patch.pausedRemainingMinutes;
      } else if (ticket.deadlineAt !== null) {
        patch.deadlineAt = extendDeadline(calendar, ticket.deadlineAt, request.workingDays);
        eventData.deadlineAt = patch.deadlineAt;
      }
      Object.assign(eventData, { workingDays: request.workingDays, previousDeadlineAt: ticket.deadlineAt });
      break;
    }
    case 'reply': {
      const i = input as ActionInput<'reply'>;
      const replyId = newId();
      extra.push(
        db.insert(replies).values({
          id: replyId,
          ticketId: ticket.id,
          departmentCode: ticket.leadDepartmentCode ?? '',
          authorId: actor.id,
          text: i.text,
          createdAt: now,
        }),
      );
      patch.repliedAt = now;
      eventData.replyId = replyId;
      break;
    }
    case 'approve_reply':
    case 'reject_reply': {
      const latest = await db.query.replies.findFirst({
        where: and(eq(replies.ticketId, ticket.id), eq(replies.status, 'submitted')),
        orderBy: (r, { desc }) => [desc(r.createdAt)],
      });
      if (!latest) throw new HubError('no_reply', '没有待审核的答复');
      const approved = plan.subject === 'approve_reply';
      extra.push(
        db
          .update(replies)
          .set({ status: approved ? 'approved' : 'rejected', reviewedBy: actor.id, reviewedAt: now })
          .where(eq(replies.id, latest.id)),
      );
      eventData.replyId = latest.id;
      if (approved) {
        const dept = ticket.leadDepartmentCode
          ? await db.query.departments.findFirst({ where: eq(departments.code, ticket.leadDepartmentCode) })
          : null;
        const link = trackingLink(env.PUBLIC_BASE_URL, ticket.ticketNo, ticket.queryCode);
        await notify('reply', messageTexts.reply(ticket.ticketNo, dept?.name ?? '承办部门', latest.text, link));
      } else {
        patch.repliedAt = null;
      }
      break;
    }
    case 'close': {
      const i = input as ActionInput<'close'>;
      if (ticket.status === 'received' && i.kind === 'resolved') {
        throw new HubError('validation_failed', 'kind: 未派单的工单只能以直接答复(direct_answer)或无效(invalid)办结', [
          { path: 'kind', message: 'direct_answer | invalid' },
        ]);
      }
      if (i.kind === 'direct_answer') {
        if (!i.directAnswer)
          throw new HubError('validation_failed', 'directAnswer: 直接办结须填写答复内容', [
            { path: 'directAnswer', message: '必填' },
          ]);
        patch.directAnswer = i.directAnswer;
      }
      patch.closedAt = now;
      eventData.kind = i.kind;
      break;
    }
    case 'reopen':
      Object.assign(patch, {
        closedAt: null,
        deadlineAt: null,
        clockKind: null,
        signedAt: null,
        repliedAt: null,
        supplementRequested: false,
        extensionCount: 0,
      });
      break;
    case 'merge': {
      const i = input as ActionInput<'merge'>;
      const target = await db.query.tickets.findFirst({ where: eq(tickets.ticketNo, i.intoTicketNo) });
      if (!target) throw new HubError('unknown_ticket', `要合并到的工单不存在：${i.intoTicketNo}`);
      if (target.id === ticket.id) throw new HubError('merge_into_self', '不能合并到自身');
      if (target.status === 'merged' || target.status === 'closed')
        throw new HubError('merge_target_closed', '目标工单已办结或已合并');
      patch.mergedIntoId = target.id;
      eventData.intoTicketNo = target.ticketNo;
      // The open ticket carries the duplicate's words on, so its department sees them too.
      extra.push(
        eventInsert(db, target, {
          at: now,
          actor,
          action: 'append',
          from: target.status as TicketStatus,
          to: target.status as TicketStatus,
          data: { mergedTicketNo: ticket.ticketNo, text: ticket.text },
        }),
        db
          .update(tickets)
          .set({
            text: `${target.text}\n【合并工单 ${ticket.ticketNo}】${ticket.text}`,
            updatedAt: now,
            version: target.version + 1,
          })
          .where(and(eq(tickets.id, target.id), eq(tickets.version, target.version))),
      );
      await notify('notice', messageTexts.merged(ticket.ticketNo, target.ticketNo));
      break;
    }
  }

  const nextVersion = ticket.version + 1;
  const statements: Statement[] = [
    eventInsert(db, ticket, {
      at: now,
      actor,
      action,
      from: ticket.status as TicketStatus,
      to: plan.to,
      reason,
      data: { subject: plan.subject, ...eventData },
    }),
    db
      .update(tickets)
      .set({ ...patch, status: plan.to, updatedAt: now, version: nextVersion })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.version, ticket.version))),
    ...extra,
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('concurrent_change', '工单已被他人更新，请刷新后重试');
    throw err;
  }
  await announceDeliveries(env, outboxChannels);
  return {
    ticket: { ...ticket, ...patch, status: plan.to, updatedAt: now, version: nextVersion },
    subject: plan.subject,
  };
}

// ---------------------------------------------------------------------------------------------
// The resident's rating (回访): answers whether the matter was resolved and how satisfied they
// are. On a reviewed ticket it closes the ticket; on a closed one it is recorded as it stands.

export const ratingInputSchema = z
  .object({
    resolved: z.boolean(),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
    comment: z.string().trim().max(500).optional(),
  })
  .openapi('RatingInput');

export async function rateTicket(
  { db }: Pick<LifecycleEnv, 'db'>,
  ticket: TicketRow,
  input: z.output<typeof ratingInputSchema>,
  opts: { now?: number } = {},
): Promise<TicketRow> {
  const now = opts.now ?? Date.now();
  if (ticket.status !== 'reviewed' && ticket.status !== 'closed') {
    throw new HubError('not_ready_for_rating', '工单尚未答复，暂不能评价');
  }
  const existing = await db.query.ratings.findFirst({ where: eq(ratings.ticketId, ticket.id) });
  if (existing) throw new HubError('already_rated', '该工单已评价');
  const to: TicketStatus = 'closed';
  const resident: Actor = { id: null, role: 'resident', departmentCode: null };
  const patch: Partial<TicketRow> = ticket.status === 'reviewed' ? { closedAt: now } : {};
  const statements: Statement[] = [
    eventInsert(db, ticket, {
      at: now,
      actor: resident,
      action: 'rate',
      from: ticket.status as TicketStatus,
      to,
      data: { ...input },
    }),
    db
      .update(tickets)
      .set({ ...patch, status: to, updatedAt: now, version: ticket.version + 1 })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.version, ticket.version))),
    db.insert(ratings).values({
      ticketId: ticket.id,
      resolved: input.resolved,
      satisfaction: input.satisfaction,
      comment: input.comment ?? null,
      at: now,
    }),
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('already_rated', '该工单已评价');
    throw err;
  }
  return { ...ticket, ...patch, status: to, updatedAt: now, version: ticket.version + 1 };
}
