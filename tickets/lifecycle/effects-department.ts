// The department's transitions: signing for a ticket, asking to return it or for more time,
// asking the resident for what it needs (once) and taking the supplement in, and replying.
import { replies } from '../../db/schema';
import { findSlaPolicy, remainingMinutes, resumeDeadline } from '../../routing/sla';
import { type Disclosure, disclosureTicketType } from '../disclosure-outcomes';
import { HubError } from '../hub-error';
import { newId } from '../ids';
import { messageTexts } from '../outbox';
import { movedDeadline } from './deadline-light';
import type { ActionContext, Effects } from './handler-types';
import { replyMinutesOf, signTiming } from './response-times';
import { appendedText } from './writes';

export function signEffects({ ticket, actor, now, workingTime }: ActionContext<'sign'>): Effects {
  // The hub itself signs only when replaying history (import), which records no sign-for time:
  // the time it signs at is the reply's, and would be no measure of the department's response.
  const timing =
    actor.role === 'system'
      ? { signMinutes: null, signedInTime: null }
      : signTiming(workingTime.calendar, workingTime.metrics.signWindow, ticket, now);
  return { patch: { signedAt: now, ...timing }, data: timing };
}

export function requestReturnEffects({ actor, input, now }: ActionContext<'return'>): Effects {
  return { patch: { pendingRequest: { kind: 'return', reason: input.reason, requestedBy: actor.id ?? '', at: now } } };
}

/** 一次性告知: the request lists everything at once; the clock stops until the resident answers. */
export function requestSupplementEffects({ ticket, input, now, workingTime }: ActionContext<'supplement'>): Effects {
  if (!input.request) {
    throw new HubError('validation_failed', 'request: 请一次性列明需要居民补充的全部材料', [
      { path: 'request', message: '必填' },
    ]);
  }
  const minutes = ticket.deadlineAt
    ? remainingMinutes(workingTime.calendar, ticket.clockKind ?? 'working', now, ticket.deadlineAt)
    : null;
  return {
    patch: { supplementRequested: true, clockPausedAt: now, pausedRemainingMinutes: minutes },
    data: { request: input.request, remainingMinutes: minutes },
    notice: { kind: 'supplement_request', body: messageTexts.supplementRequest(ticket.ticketNo, input.request) },
  };
}

/** The resident's supplement joins the ticket's text and the clock runs again. */
export function receiveSupplementEffects({ ticket, input, now, workingTime }: ActionContext<'supplement'>): Effects {
  // A second request while the first waits: 一次性告知 refuses it as it does once answered.
  if (input.request) {
    throw new HubError('illegal_transition', '已要求过补充材料，应一次性告知', [
      { path: 'request', message: '已要求过补充材料，应一次性告知' },
    ]);
  }
  if (!input.text) throw new HubError('validation_failed', 'text: 请填写补充内容', [{ path: 'text', message: '必填' }]);
  const deadlineAt =
    ticket.pausedRemainingMinutes !== null
      ? resumeDeadline(workingTime.calendar, ticket.clockKind ?? 'working', now, ticket.pausedRemainingMinutes)
      : ticket.deadlineAt;
  return {
    patch: {
      clockPausedAt: null,
      pausedRemainingMinutes: null,
      ...(deadlineAt === null ? {} : movedDeadline(workingTime.calendar, ticket, deadlineAt, now)),
      text: appendedText(`【补充】${input.text}`),
    },
    data: { text: input.text, deadlineAt, pausedMs: ticket.clockPausedAt ? now - ticket.clockPausedAt : null },
  };
}

export function requestExtensionEffects({ ticket, actor, input, now, workingTime }: ActionContext<'extend'>): Effects {
  const policy = findSlaPolicy(workingTime.policies, ticket.type, ticket.urgency);
  if (ticket.extensionCount >= policy.maxExtensions || policy.maxExtensionWorkingDays === 0) {
    throw new HubError('extension_not_allowed', `该类工单最多延期 ${policy.maxExtensions} 次，已用完`);
  }
  if (input.workingDays > policy.maxExtensionWorkingDays) {
    throw new HubError('extension_too_long', `该类工单每次最多延期 ${policy.maxExtensionWorkingDays} 个工作日`, [
      { path: 'workingDays', message: `最多 ${policy.maxExtensionWorkingDays}` },
    ]);
  }
  return {
    patch: {
      pendingRequest: {
        kind: 'extension',
        workingDays: input.workingDays,
        reason: input.reason,
        requestedBy: actor.id ?? '',
        at: now,
      },
    },
    data: { workingDays: input.workingDays },
  };
}

/** 依申请公开 answers record their outcome (the annual report counts them); other answers have none. */
function disclosureOf(ticketType: string, disclosure: Disclosure | undefined): Disclosure | null {
  if (ticketType === disclosureTicketType && !disclosure) {
    throw new HubError('validation_failed', 'disclosure: 依申请公开的答复须选择办理结果', [
      { path: 'disclosure', message: '请选择依申请公开的办理结果' },
    ]);
  }
  if (ticketType !== disclosureTicketType && disclosure) {
    throw new HubError('validation_failed', `disclosure: 「${ticketType}」类工单的答复不记录公开办理结果`, [
      { path: 'disclosure', message: '只有依申请公开的答复记录办理结果' },
    ]);
  }
  return disclosure ?? null;
}

/** The answer waits for the department's reviewer. */
export function replyEffects({ lifecycle, ticket, actor, input, now, workingTime }: ActionContext<'reply'>): Effects {
  const disclosure = disclosureOf(ticket.type, input.disclosure);
  const replyId = newId();
  return {
    patch: { repliedAt: now, replyMinutes: replyMinutesOf(workingTime.calendar, ticket, now) },
    data: { replyId, ...(disclosure ? { disclosure } : {}) },
    statements: [
      lifecycle.db.insert(replies).values({
        id: replyId,
        ticketId: ticket.id,
        departmentCode: ticket.leadDepartmentCode ?? '',
        authorId: actor.id,
        text: input.text,
        createdAt: now,
        disclosure,
      }),
    ],
  };
}
