// History brought online (npm run import): an archive's replies were answered and most often
// published before, so an imported ticket with the resident's consent and an approved reply is
// published as reviewed by the import, through the same draft and redaction as a reviewer's
// (source `import`, no actor, history reason 历史数据导入). With --hold-for-review it is left for
// the reviewers' queue instead, and a 依申请公开 or 举报 always is: only a person can give the mark
// those types need. A ticket that already has a publication row is left as it is, so a re-import
// changes nothing. Two round trips a record: the facts, then the publishing batch.
import type { Db } from '../../db/client';
import { HubError } from '../hub-error';
import { systemActor } from '../lifecycle/actor';
import { buildDraft, type DraftSources } from './draft';
import { loadPublicationFacts } from './facts';
import { needsMark, publicationGates } from './gates';
import { planDecision, runDecision } from './review';

export const IMPORT_REASON = '历史数据导入';

/** What became of an imported ticket's publication; null when it has nothing to publish. */
export type ImportPublication = 'published' | 'awaiting_review' | 'unchanged' | null;

export async function publishImported(
  db: Db,
  ticketNo: string,
  opts: { holdForReview: boolean; sources: DraftSources; now?: number },
): Promise<ImportPublication> {
  const facts = await loadPublicationFacts(db, ticketNo, systemActor);
  if (!facts) return null;
  if (facts.publication) return 'unchanged';
  const [consent, answer] = publicationGates({
    consentToPublish: facts.ticket.consentToPublish,
    status: facts.ticket.status,
    type: facts.ticket.type,
    approvedReplyId: facts.reply?.id ?? null,
    fitForPublication: false,
  });
  if (!consent?.ok || !answer?.ok) return null;
  if (opts.holdForReview || needsMark(facts.ticket.type)) return 'awaiting_review';
  const draft = await buildDraft(db, facts, opts.sources);
  const planned = planDecision(
    draft,
    'publish',
    systemActor,
    {},
    {
      now: opts.now ?? Date.now(),
      source: 'import',
      reason: IMPORT_REASON,
    },
  );
  try {
    await runDecision(db, draft, planned);
  } catch (err) {
    // The same record imported twice at once: the other request published it.
    if (err instanceof HubError && err.code === 'concurrent_change') return 'unchanged';
    throw err;
  }
  return 'published';
}
