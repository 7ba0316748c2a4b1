// What the reviewer sees of a draft (GET /api/v1/tickets/{ticketNo}/publication and the review
// page): the unredacted texts with every mask, the texts as the public would read them with the
// edits given, the gates and what is missing, the current decision and its history.
import type { Db } from '../../db/client';
import type { Actor } from '../lifecycle/actor';
import { type Mask, noEdits, type ReviewerEdits } from '../redaction/types';
import { buildDraft, offeredMasks, type PublicationDraft, redactDraft, repliedAtOf } from './draft';
import { type GateResult, markedTypes, publicationGates } from './gates';
import { loadForDecision } from './review';

export interface ReviewView {
  draft: PublicationDraft;
  edits: ReviewerEdits;
  fitForPublication: boolean;
  /** Every mask offered, each marked whether the edits take it off. */
  masks: Array<Mask & { removed: boolean }>;
  redacted: PublicationDraft['original'];
  gates: GateResult[];
  /** The reviewer's mark this type needs, if any. */
  markLabel: string | null;
  /** The latest approved answer is not the one the current decision was about. */
  newerAnswer: boolean;
}

/** The view with the edits and mark given, or (without them) those of the current decision. */
export async function loadReviewView(
  db: Db,
  ticketNo: string,
  actor: Actor,
  given?: { edits?: ReviewerEdits; fitForPublication?: boolean },
): Promise<ReviewView> {
  const facts = await loadForDecision(db, ticketNo, actor);
  const draft = await buildDraft(db, facts);
  const current = facts.publication;
  const edits = given?.edits ?? current?.edits ?? noEdits;
  const fitForPublication = given?.fitForPublication ?? current?.fitForPublication ?? false;
  const removed = new Set(edits.remove);
  return {
    draft,
    edits,
    fitForPublication,
    masks: offeredMasks(draft, edits).map((m) => ({ ...m, removed: removed.has(m.id) })),
    redacted: redactDraft(draft, edits).texts,
    gates: publicationGates({
      consentToPublish: facts.ticket.consentToPublish,
      status: facts.ticket.status,
      type: facts.ticket.type,
      approvedReplyId: facts.reply?.id ?? null,
      fitForPublication,
    }),
    markLabel: markedTypes[facts.ticket.type] ?? null,
    newerAnswer: !!facts.reply && !!current && current.replyId !== facts.reply.id,
  };
}

const iso = (at: number | null | undefined) => (at === null || at === undefined ? null : new Date(at).toISOString());

/** The view as the API answers it. */
export function reviewViewJson(v: ReviewView) {
  const { facts } = v.draft;
  const p = facts.publication;
  return {
    ticketNo: facts.ticket.ticketNo,
    type: facts.ticket.type,
    category: facts.ticket.category,
    department: { code: facts.ticket.leadDepartmentCode, name: facts.departmentName },
    districtCode: facts.districtCode,
    receivedAt: iso(facts.ticket.receivedAt),
    repliedAt: iso(repliedAtOf(facts)),
    workingDays: v.draft.workingDays,
    rating: facts.rating ? { resolved: facts.rating.resolved, satisfaction: facts.rating.satisfaction } : null,
    original: v.draft.original,
    masks: v.masks,
    redacted: v.redacted,
    edits: v.edits,
    fitForPublication: v.fitForPublication,
    markLabel: v.markLabel,
    gates: v.gates,
    publishable: v.gates.every((g) => g.ok),
    missing: v.gates.filter((g) => !g.ok).map((g) => g.message),
    newerAnswer: v.newerAnswer,
    decision: p
      ? {
          status: p.status,
          version: p.version,
          source: p.source,
          reviewedBy: p.reviewedBy,
          reviewedAt: iso(p.reviewedAt),
          publishedAt: iso(p.publishedAt),
          reason: p.reason,
        }
      : null,
    history: facts.history.map((h) => ({
      at: iso(h.at),
      action: h.action,
      actorId: h.actorId,
      reason: h.reason,
    })),
  };
}
