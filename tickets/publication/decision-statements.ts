// The writes of one publication decision, for one D1 batch: the publications row (inserted at the
// first decision, updated after), its history row, the full-text row, and the bump of the public
// generation that retires every cached public page. Every decision moves the row to a new version
// and the history row carries that version under a unique index, so of two decisions planned on
// the same version the second batch fails whole (the first decision's insert collides on the
// ticket instead).
import { and, eq } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { publicationHistory, publications } from '../../db/schema';
import type { Statement } from '../lifecycle/actor';
import { insertSelect } from '../lifecycle/sql-statements';
import type { Redaction, ReviewerEdits } from '../redaction/types';
import type { PublicationDraft } from './draft';
import { repliedAtOf } from './draft';
import { bumpPublicGeneration } from './public-cache';
import { searchTokens } from './search-tokens';

export type DecisionAction = 'publish' | 'decline' | 'withdraw';
type Status = Exclude<PublicationRow['status'], 'pending'>;
type PublicationRow = typeof publications.$inferSelect;

export interface PlannedDecision {
  action: DecisionAction;
  status: Status;
  actorId: string | null;
  at: number;
  reason: string | null;
  source: 'live' | 'import';
  /** The draft as redacted (for a publish, with the reviewer's edits); a withdrawal needs none. */
  redaction?: Redaction;
  /** For publish: the reviewer's edits and mark. */
  published?: { edits: ReviewerEdits; fitForPublication: boolean };
}

/** What every decided row holds: the ticket's facts and its redacted texts (never the originals). */
function redactedColumns(draft: PublicationDraft, redaction: Redaction, repliedAtFallback: number) {
  const { facts } = draft;
  const { texts } = redaction;
  return {
    replyId: facts.reply?.id ?? null,
    type: facts.ticket.type,
    category: facts.ticket.category,
    departmentCode: facts.ticket.leadDepartmentCode,
    districtCode: facts.districtCode,
    title: texts.title,
    question: texts.question,
    reply: texts.reply,
    address: texts.address || null,
    receivedAt: facts.ticket.receivedAt,
    repliedAt: repliedAtOf(facts) ?? repliedAtFallback,
  };
}

/** A publish adds what the public reads beside the texts: the masks, the edits, the figures. */
function publishedColumns(
  draft: PublicationDraft,
  redaction: Redaction,
  p: NonNullable<PlannedDecision['published']>,
  at: number,
) {
  const { facts } = draft;
  return {
    ...redactedColumns(draft, redaction, at),
    masks: redaction.masks,
    edits: p.edits,
    fitForPublication: p.fitForPublication,
    workingDays: draft.workingDays,
    satisfaction: facts.rating?.satisfaction ?? null,
    resolved: facts.rating?.resolved ?? null,
    publishedAt: at,
  };
}

/** A decline still needs the row's texts (not public: the public pages read published rows only). */
const declinedColumns = (draft: PublicationDraft, redaction: Redaction) =>
  redactedColumns(draft, redaction, draft.facts.ticket.receivedAt);

/**
 * The FTS5 table of db/migrations/0010 as drizzle sees it, for batched writes. Kept out of
 * db/schema.ts: drizzle-kit cannot describe a virtual table and would try to create a plain one.
 */
export const publicationSearch = sqliteTable('publication_search', {
  rowid: integer('rowid').notNull(),
  title: text('title').notNull(),
  question: text('question').notNull(),
  reply: text('reply').notNull(),
});

/** The tokens of the redacted texts, under the publication's id (its rowid). */
function searchRowInsert(db: Db, ticketId: string, texts: Redaction['texts']) {
  return insertSelect(
    db,
    publicationSearch,
    {
      rowid: publications.id,
      title: searchTokens(texts.title),
      question: searchTokens(texts.question),
      reply: searchTokens(texts.reply),
    },
    { from: publications, where: eq(publications.ticketId, ticketId) },
  );
}

function searchRowDelete(db: Db, publicationId: number) {
  return db.delete(publicationSearch).where(eq(publicationSearch.rowid, publicationId));
}

function historyInsert(db: Db, ticketId: string, seq: number, d: PlannedDecision) {
  const texts = d.action === 'publish' ? d.redaction?.texts : undefined;
  return insertSelect(
    db,
    publicationHistory,
    {
      publicationId: publications.id,
      ticketId,
      seq,
      at: d.at,
      actorId: d.actorId,
      action: d.action,
      reason: d.reason,
      data: texts ? { ...texts, source: d.source } : null,
    },
    { from: publications, where: eq(publications.ticketId, ticketId) },
  );
}

/** The batch for a decision on the draft's ticket; the row is inserted when the ticket has none yet. */
export function decisionStatements(db: Db, draft: PublicationDraft, d: PlannedDecision): [Statement, ...Statement[]] {
  const { ticket, publication } = draft.facts;
  const { redaction } = d;
  const review = { status: d.status, reviewedBy: d.actorId, reviewedAt: d.at, reason: d.reason, updatedAt: d.at };
  const columns =
    redaction && d.published
      ? publishedColumns(draft, redaction, d.published, d.at)
      : redaction && d.action === 'decline'
        ? declinedColumns(draft, redaction)
        : {};
  const search = redaction && d.action === 'publish' ? [searchRowInsert(db, ticket.id, redaction.texts)] : [];
  if (!publication) {
    if (!redaction) throw new Error('the first decision on a ticket needs its redacted draft');
    const values = {
      ...declinedColumns(draft, redaction),
      ...columns,
      ...review,
      ticketId: ticket.id,
      ticketNo: ticket.ticketNo,
      source: d.source,
      version: 1,
      createdAt: d.at,
    };
    return [
      db.insert(publications).values(values),
      historyInsert(db, ticket.id, 1, d),
      ...search,
      bumpPublicGeneration(db),
    ];
  }
  const next = publication.version + 1;
  return [
    historyInsert(db, ticket.id, next, d),
    db
      .update(publications)
      .set({ ...columns, ...review, version: next })
      .where(and(eq(publications.id, publication.id), eq(publications.version, publication.version))),
    searchRowDelete(db, publication.id),
    ...search,
    bumpPublicGeneration(db),
  ];
}
