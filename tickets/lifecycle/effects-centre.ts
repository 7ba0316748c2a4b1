// The 12345 centre's transitions: dispatching (again), and deciding a department's request to
// return a ticket or to extend its deadline.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, routingCorrections } from '../../db/schema';
import { clockKindOf, computeDeadline, extendDeadline, findSlaPolicy, remainingMinutes } from '../../routing/sla';
import { HubError } from '../hub-error';
import { newId } from '../ids';
import { movedDeadline, newDeadline, noDeadline } from './deadline-light';
import type { ActionContext, Effects } from './handler-types';
import { noResponseTimes } from './response-times';

/** Every code must name an active department: one query for the lead and co-handlers. */
async function assertDepartments(db: Db, codes: string[]): Promise<void> {
  const found = await db
    .select({ code: departments.code })
    .from(departments)
    .where(and(inArray(departments.code, codes), eq(departments.active, true)));
  const missing = codes.find((code) => !found.some((d) => d.code === code));
  if (missing) throw new HubError('unknown_department', `部门不存在或已停用：${missing}`);
}

/**
 * A person choosing another department than routing did, or than the last dispatch, is a
 * labelled example for retraining (the export keeps each ticket's latest).
 */
function routingCorrection({ lifecycle, ticket, actor, input, now }: ActionContext<'dispatch'>) {
  const suggested = (ticket.routing as { departmentCode?: string | null; category?: string | null } | null) ?? null;
  const before = ticket.leadDepartmentCode ?? suggested?.departmentCode ?? null;
  const overruled = suggested && (suggested.departmentCode !== input.departmentCode || before !== input.departmentCode);
  if (actor.role === 'system' || !overruled) return [];
  return [
    lifecycle.db.insert(routingCorrections).values({
      id: newId(),
      ticketId: ticket.id,
      title: ticket.title,
      text: ticket.text,
      predictedCategory: suggested.category ?? null,
      category: input.category ?? null,
      fromDepartmentCode: suggested.departmentCode ?? null,
      toDepartmentCode: input.departmentCode,
      actorId: actor.id,
      at: now,
    }),
  ];
}

export async function dispatchEffects(ctx: ActionContext<'dispatch'>): Promise<Effects> {
  const { ticket, input, now, workingTime } = ctx;
  await assertDepartments(ctx.lifecycle.db, [input.departmentCode, ...input.coDepartmentCodes]);
  const type = input.type ?? ticket.type;
  const urgency = input.urgency ?? ticket.urgency;
  const policy = findSlaPolicy(workingTime.policies, type, urgency);
  const deadlineAt = computeDeadline(workingTime.calendar, policy, now);
  const clockKind = clockKindOf(policy);
  return {
    patch: {
      leadDepartmentCode: input.departmentCode,
      coDepartmentCodes: input.coDepartmentCodes,
      type,
      urgency,
      category: input.category ?? ticket.category,
      // A new dispatch is a new department's clock: it signs for the ticket afresh.
      signedAt: null,
      signMinutes: null,
      signedInTime: null,
      dispatchedAt: now,
      ...newDeadline(workingTime.calendar, clockKind, now, deadlineAt),
      clockKind,
      clockPausedAt: null,
      pausedRemainingMinutes: null,
    },
    data: {
      departmentCode: input.departmentCode,
      coDepartmentCodes: input.coDepartmentCodes,
      deadlineAt,
      type,
      urgency,
    },
    statements: routingCorrection(ctx),
  };
}

/** The ticket goes back to the centre's queue, its department and clock cleared. */
export function approveReturnEffects({ ticket }: ActionContext<'approve'>): Effects {
  return {
    patch: {
      pendingRequest: null,
      leadDepartmentCode: null,
      coDepartmentCodes: [],
      ...noResponseTimes,
      ...noDeadline,
      clockKind: null,
      clockPausedAt: null,
      pausedRemainingMinutes: null,
    },
    data: { returnedBy: ticket.leadDepartmentCode },
  };
}

export function approveExtensionEffects({ ticket, workingTime, now }: ActionContext<'approve'>): Effects {
  const request = ticket.pendingRequest;
  if (request?.kind !== 'extension') throw new Error('unreachable: approve_extension without a request');
  const data: Record<string, unknown> = { workingDays: request.workingDays, previousDeadlineAt: ticket.deadlineAt };
  const patch: Effects['patch'] = { pendingRequest: null, extensionCount: ticket.extensionCount + 1 };
  if (ticket.clockPausedAt !== null && ticket.pausedRemainingMinutes !== null) {
    // The clock is stopped: the extension adds working days to what is left on it.
    const dayMinutes = workingTime.calendar.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
    const added = request.workingDays * dayMinutes;
    patch.pausedRemainingMinutes = ticket.pausedRemainingMinutes + added;
    data.pausedRemainingMinutes = patch.pausedRemainingMinutes;
    // The light stays as it was until the clock runs again; the yellow margin grows now.
    if (ticket.deadlineAt !== null) {
      const { yellowAt } = movedDeadline(workingTime.calendar, ticket, ticket.deadlineAt, now, added);
      patch.yellowAt = yellowAt;
    }
  } else if (ticket.deadlineAt !== null) {
    const deadlineAt = extendDeadline(workingTime.calendar, ticket.deadlineAt, request.workingDays);
    const added = remainingMinutes(workingTime.calendar, 'working', ticket.deadlineAt, deadlineAt);
    Object.assign(patch, movedDeadline(workingTime.calendar, ticket, deadlineAt, now, added));
    data.deadlineAt = deadlineAt;
  }
  return { patch, data };
}

/** A return or extension request refused: the request is dropped, nothing else changes. */
export function rejectRequestEffects(): Effects {
  return { patch: { pendingRequest: null } };
}
