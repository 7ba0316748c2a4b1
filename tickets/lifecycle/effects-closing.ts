// Reviewing the department's answer, closing and reopening, and merging a duplicate into the
// ticket that carries its matter on.
import { and, desc, eq } from 'drizzle-orm';
import { departments, replies, tickets } from '../../db/schema';
import { digitRatingChannels } from '../awaiting-rating';
import { HubError } from '../hub-error';
import { messageTexts, trackingLink } from '../outbox';
import { noDeadline } from './deadline-light';
import { currentContributions } from './effects-cohandling';
import type { ActionContext, Effects } from './handler-types';
import { noResponseTimes } from './response-times';
import { appendToTicket } from './writes';

/**
 * The answer waiting for review. Four eyes: no one reviews an answer they wrote, admins included
 * (the hub itself, replaying history, has no id and is not held to it).
 */
async function latestSubmittedReply({ lifecycle, ticket, actor }: ActionContext<'approve' | 'reject'>) {
  const [latest] = await lifecycle.db
    .select()
    .from(replies)
    .where(and(eq(replies.ticketId, ticket.id), eq(replies.status, 'submitted')))
    .orderBy(desc(replies.createdAt))
    .limit(1);
  if (!latest) throw new HubError('no_reply', '没有待审核的答复');
  if (actor.id !== null && latest.authorId === actor.id) {
    throw new HubError('forbidden', '不能审核自己撰写的答复，请由本单位其他审核人审核');
  }
  return latest;
}

function reviewReply(ctx: ActionContext<'approve' | 'reject'>, replyId: string, status: 'approved' | 'rejected') {
  return ctx.lifecycle.db
    .update(replies)
    .set({ status, reviewedBy: ctx.actor.id, reviewedAt: ctx.now })
    .where(eq(replies.id, replyId));
}

/**
 * The approved answer goes to the resident with the co-departments' parts, and the link to rate
 * it; on a chat channel also the digits to rate it by.
 */
export async function approveReplyEffects(ctx: ActionContext<'approve'>): Promise<Effects> {
  const { lifecycle, ticket } = ctx;
  const [latest, [department], parts] = await Promise.all([
    latestSubmittedReply(ctx),
    ticket.leadDepartmentCode
      ? lifecycle.db
          .select({ name: departments.name })
          .from(departments)
          .where(eq(departments.code, ticket.leadDepartmentCode))
      : [],
    currentContributions(lifecycle.db, ticket),
  ]);
  const link = trackingLink(lifecycle.env.PUBLIC_BASE_URL, ticket.ticketNo, ticket.queryCode);
  return {
    data: { replyId: latest.id, contributions: parts.length },
    statements: [reviewReply(ctx, latest.id, 'approved')],
    notice: {
      kind: 'reply',
      body: messageTexts.reply(
        ticket.ticketNo,
        department?.name ?? '承办部门',
        latest.text,
        link,
        parts,
        digitRatingChannels.includes(ticket.channel),
      ),
    },
  };
}

export async function rejectReplyEffects(ctx: ActionContext<'reject'>): Promise<Effects> {
  const latest = await latestSubmittedReply(ctx);
  return {
    patch: { repliedAt: null, replyMinutes: null },
    data: { replyId: latest.id },
    statements: [reviewReply(ctx, latest.id, 'rejected')],
  };
}

export function closeEffects({ ticket, input, now }: ActionContext<'close'>): Effects {
  if (ticket.status === 'received' && input.kind === 'resolved') {
    throw new HubError('validation_failed', 'kind: 未派单的工单只能以直接答复(direct_answer)或无效(invalid)办结', [
      { path: 'kind', message: 'direct_answer | invalid' },
    ]);
  }
  if (input.kind === 'direct_answer' && !input.directAnswer) {
    throw new HubError('validation_failed', 'directAnswer: 直接办结须填写答复内容', [
      { path: 'directAnswer', message: '必填' },
    ]);
  }
  return {
    patch: { closedAt: now, ...(input.kind === 'direct_answer' ? { directAnswer: input.directAnswer } : {}) },
    data: { kind: input.kind },
  };
}

/**
 * 重办: a new answer round, back to the centre for a new dispatch; the resident hears that it is
 * worked again and rates the new answer (ratings.round is the ticket's reopenCount).
 */
export function reopenEffects({ lifecycle, ticket }: ActionContext<'reopen'>): Effects {
  const link = trackingLink(lifecycle.env.PUBLIC_BASE_URL, ticket.ticketNo, ticket.queryCode);
  return {
    data: { round: ticket.reopenCount + 1 },
    notice: { kind: 'notice', body: messageTexts.reopened(ticket.ticketNo, link) },
    patch: {
      reopenCount: ticket.reopenCount + 1,
      closedAt: null,
      ...noDeadline,
      clockKind: null,
      ...noResponseTimes,
      supplementRequested: false,
      extensionCount: 0,
    },
  };
}

/** The open ticket carries the duplicate's words on, so its department sees them too. */
export async function mergeEffects({ lifecycle, ticket, actor, input, now }: ActionContext<'merge'>): Promise<Effects> {
  const [target] = await lifecycle.db.select().from(tickets).where(eq(tickets.ticketNo, input.intoTicketNo)).limit(1);
  if (!target) throw new HubError('unknown_ticket', `要合并到的工单不存在：${input.intoTicketNo}`);
  if (target.id === ticket.id) throw new HubError('merge_into_self', '不能合并到自身');
  if (target.status === 'merged' || target.status === 'closed') {
    throw new HubError('merge_target_closed', '目标工单已办结或已合并');
  }
  return {
    patch: { mergedIntoId: target.id },
    data: { intoTicketNo: target.ticketNo },
    statements: appendToTicket(lifecycle.db, eq(tickets.id, target.id), {
      at: now,
      actor,
      // Planned on the target as loaded: had it changed since (closed, say), the batch fails.
      expectedVersion: target.version,
      // Words the target already carries (taken in as its supplement) are not written twice.
      text: `【合并工单 ${ticket.ticketNo}】${target.text.includes(ticket.text.trim()) ? '（内容已记入本工单）' : ticket.text}`,
      data: { mergedTicketNo: ticket.ticketNo, text: ticket.text },
    }),
    notice: { kind: 'notice', body: messageTexts.merged(ticket.ticketNo, target.ticketNo) },
  };
}
