// The reviewer's decisions on a ticket's publication (政务公开审查): publish the redacted draft
// with their edits and mark (批准公开; again after a withdrawal or a new approved answer), decline
// it with a reason (不予公开), or take a published reply down with a reason (撤回). Who decides:
// the reviewer of the lead department or of a department above it, and the centre's admins and
// supervisors. Four eyes, as for answers: nobody publishes an answer they wrote themselves, since
// the writer is the one least likely to see what in it gives the resident away; declining and
// withdrawing only keep text from the public, and anyone who decides may do them.
import { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client';
import { fieldError, HubError, validationError } from '../hub-error';
import type { Actor } from '../lifecycle/actor';
import { isConstraintConflict } from '../lifecycle/writes';
import { noEdits } from '../redaction/types';
import { type DecisionAction, decisionStatements, type PlannedDecision } from './decision-statements';
import { buildDraft, type PublicationDraft, redactDraft } from './draft';
import { loadPublicationFacts, type PublicationFacts } from './facts';
import { assertPublishable } from './gates';

export const decisionActions = ['publish', 'decline', 'withdraw'] as const satisfies readonly DecisionAction[];

export const decisionLabels: Record<DecisionAction, string> = {
  publish: '批准公开',
  decline: '不予公开',
  withdraw: '撤回',
};

/** The roles that decide on publication; a reviewer only for the tickets their department leads. */
export const publicationRoles = ['admin', 'supervisor', 'reviewer'] as const;

export const reviewerEditsSchema = z.object({
  remove: z.array(z.string().max(100)).max(500).default([]),
  add: z
    .array(z.string().trim().min(1, { error: '要隐去的内容不能为空' }).max(100))
    .max(100)
    .default([]),
});

export const decisionInputSchema = z
  .object({
    edits: reviewerEditsSchema.optional(),
    fitForPublication: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .openapi('PublicationDecisionInput');

export type DecisionInput = z.input<typeof decisionInputSchema>;

export interface PublicationState {
  ticketNo: string;
  status: 'published' | 'declined' | 'withdrawn';
  version: number;
  decidedAt: number;
}

const statusAfter = { publish: 'published', decline: 'declined', withdraw: 'withdrawn' } as const;

/** The ticket, for an actor who may decide on it: 404 when they may not see it, 403 when not theirs to decide. */
export async function loadForDecision(db: Db, ticketNo: string, actor: Actor): Promise<PublicationFacts> {
  if (!(publicationRoles as readonly string[]).includes(actor.role) && actor.role !== 'system') {
    throw new HubError('forbidden', '只有审核人和12345中心的管理员、督办员可以作出公开决定');
  }
  const facts = await loadPublicationFacts(db, ticketNo, actor);
  if (!facts) throw new HubError('ticket_not_found', `工单不存在：${ticketNo}`);
  if (!facts.actorLeads) throw new HubError('forbidden', '只有主办单位（或其上级单位）的审核人可以作出公开决定');
  return facts;
}

function needReason(reason: string | undefined, what: string): string {
  if (!reason) throw fieldError('reason', `请填写${what}的理由`, '必填');
  return reason;
}

/** Whether the ticket's latest approved answer is newer than the one the row records. */
const newerAnswer = (facts: PublicationFacts) => !!facts.reply && facts.reply.id !== facts.publication?.replyId;

function planPublish(draft: PublicationDraft, actor: Actor, input: z.output<typeof decisionInputSchema>) {
  const { facts } = draft;
  const fit = input.fitForPublication ?? false;
  assertPublishable({
    consentToPublish: facts.ticket.consentToPublish,
    status: facts.ticket.status,
    type: facts.ticket.type,
    approvedReplyId: facts.reply?.id ?? null,
    fitForPublication: fit,
  });
  if (actor.id !== null && facts.reply?.authorId === actor.id) {
    throw new HubError('forbidden', '不能审查公开自己撰写的答复，请由本单位其他审核人审查');
  }
  const edits = input.edits ?? noEdits;
  return { redaction: redactDraft(draft, edits), published: { edits, fitForPublication: fit } };
}

function planDecline(draft: PublicationDraft, input: z.output<typeof decisionInputSchema>) {
  const { facts } = draft;
  const reason = needReason(input.reason, '不予公开');
  if (!facts.reply) throw new HubError('no_reply', '没有已审核通过的答复，无需作出公开决定');
  const current = facts.publication;
  // A published answer superseded by a new one may be declined (it comes down); otherwise withdraw.
  if (current?.status === 'published' && !newerAnswer(facts)) {
    throw new HubError('illegal_transition', '该答复已公开；如不宜继续公开，请使用「撤回」');
  }
  if (current?.status === 'declined' && !newerAnswer(facts)) {
    throw new HubError('illegal_transition', '已对该答复作出不予公开的决定');
  }
  return { reason, redaction: redactDraft(draft, noEdits) };
}

function planWithdraw(facts: PublicationFacts, input: z.output<typeof decisionInputSchema>) {
  const reason = needReason(input.reason, '撤回');
  if (facts.publication?.status !== 'published')
    throw new HubError('illegal_transition', '该工单没有已公开的答复可撤回');
  return { reason };
}

/** The decision as planned on the draft: what the batch will write. Throws the refusal. */
export function planDecision(
  draft: PublicationDraft,
  action: DecisionAction,
  actor: Actor,
  rawInput: unknown,
  opts: { now: number; source?: 'live' | 'import'; reason?: string },
): PlannedDecision {
  const parsed = decisionInputSchema.safeParse(rawInput ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const base = { action, status: statusAfter[action], actorId: actor.id, at: opts.now, source: opts.source ?? 'live' };
  if (action === 'publish')
    return { ...base, reason: opts.reason ?? input.reason ?? null, ...planPublish(draft, actor, input) };
  if (action === 'decline') return { ...base, ...planDecline(draft, input) };
  return { ...base, ...planWithdraw(draft.facts, input) };
}

/** Carries out a decision in one batch; 409 when another decision landed since it was planned. */
export async function runDecision(db: Db, draft: PublicationDraft, d: PlannedDecision): Promise<PublicationState> {
  try {
    await db.batch(decisionStatements(db, draft, d));
  } catch (err) {
    if (isConstraintConflict(err)) {
      throw new HubError('concurrent_change', '其他审核人刚刚对该工单作出了公开决定，请刷新页面查看后再操作');
    }
    throw err;
  }
  const version = (draft.facts.publication?.version ?? 0) + 1;
  return { ticketNo: draft.facts.ticket.ticketNo, status: d.status, version, decidedAt: d.at };
}

export async function decidePublication(
  db: Db,
  ticketNo: string,
  action: DecisionAction,
  actor: Actor,
  input: unknown,
  opts: { now?: number } = {},
): Promise<PublicationState> {
  const facts = await loadForDecision(db, ticketNo, actor);
  const draft = await buildDraft(db, facts);
  const planned = planDecision(draft, action, actor, input, { now: opts.now ?? Date.now() });
  return runDecision(db, draft, planned);
}
