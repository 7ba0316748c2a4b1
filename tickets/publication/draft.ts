// The draft of a publication: the texts the public would read before and after redaction
// (保密审查), and the facts shown beside them: the department, the district, the dates, the
// working days the answer took and the resident's rating. The reply is composed as the resident
// got it (tickets/outbox.ts messageTexts.reply), the lead's answer and each co-handling
// department's part after it, without the greeting, the tracking link and the rating prompt.
import type { Db } from '../../db/client';
import { type WorkingCalendar, workingMinutesBetween } from '../../routing/calendar';
import type { ContributionPart } from '../lifecycle/effects-cohandling';
import { redactForPublication } from '../redaction/redact';
import { loadServiceNumbers } from '../redaction/service-numbers';
import {
  noEdits,
  type PublicTexts,
  type Redaction,
  type RedactionContext,
  type ReviewerEdits,
} from '../redaction/types';
import { loadWorkingTime } from '../working-calendar';
import type { PublicationFacts } from './facts';

/** Working minutes in an office day: 09:00–12:00 and 13:30–17:30 (routing/calendar.ts defaultOfficePeriods). */
export const WORKING_MINUTES_PER_DAY = 420;

const TITLE_MAX = 30;

/** The ticket's title, or the first clause of its text when it has none. */
export function draftTitle(title: string | null, text: string): string {
  const given = title?.trim();
  if (given) return given;
  const clause = text.split(/[，。！？；,.!?;\n]/).find((part) => part.trim() !== '') ?? text;
  const chars = Array.from(clause.trim());
  return chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX).join('')}…` : chars.join('');
}

export function composeReply(text: string, parts: readonly ContributionPart[]): string {
  if (parts.length === 0) return text;
  return `${text}\n协办单位意见：\n${parts.map((p) => `【${p.departmentName}】${p.text}`).join('\n')}`;
}

/** The texts before redaction. */
export function unredactedTexts(facts: PublicationFacts): PublicTexts {
  const { ticket, reply, parts } = facts;
  return {
    title: draftTitle(ticket.title, ticket.text),
    question: ticket.text,
    reply: reply ? composeReply(reply.text, parts) : '',
    address: ticket.locationAddress ?? '',
  };
}

export function redactionContext(facts: PublicationFacts, serviceNumbers: readonly string[]): RedactionContext {
  const c = facts.contact;
  return {
    contact: c ? { name: c.name, phone: c.phone, email: c.email, openId: c.openId } : undefined,
    serviceNumbers,
  };
}

/** When the resident got the answer: its approval (as the tracking page dates it). */
export const repliedAtOf = (facts: PublicationFacts) => facts.reply?.reviewedAt ?? facts.reply?.createdAt ?? null;

export interface PublicationDraft {
  facts: PublicationFacts;
  original: PublicTexts;
  context: RedactionContext;
  /** Working days from receipt to the answer, one decimal; null without an answer. */
  workingDays: number | null;
}

export function workingDaysBetween(calendar: WorkingCalendar, from: number, to: number) {
  return Math.round((workingMinutesBetween(calendar, from, to) / WORKING_MINUTES_PER_DAY) * 10) / 10;
}

/** What a draft needs besides the ticket; the import reads them once for a whole batch of records. */
export interface DraftSources {
  calendar: WorkingCalendar;
  serviceNumbers: readonly string[];
}

export async function loadDraftSources(db: Db): Promise<DraftSources> {
  const [{ calendar }, serviceNumbers] = await Promise.all([loadWorkingTime(db), loadServiceNumbers(db)]);
  return { calendar, serviceNumbers };
}

/** The draft of the facts' ticket. */
export async function buildDraft(db: Db, facts: PublicationFacts, given?: DraftSources): Promise<PublicationDraft> {
  const { calendar, serviceNumbers: numbers } = given ?? (await loadDraftSources(db));
  const repliedAt = repliedAtOf(facts);
  return {
    facts,
    original: unredactedTexts(facts),
    context: redactionContext(facts, numbers),
    workingDays: repliedAt === null ? null : workingDaysBetween(calendar, facts.ticket.receivedAt, repliedAt),
  };
}

/** The draft redacted with the reviewer's edits. */
export function redactDraft(draft: PublicationDraft, edits: ReviewerEdits = noEdits): Redaction {
  return redactForPublication(draft.original, draft.context, edits);
}

/**
 * Every mask the reviewer can see, with none taken off: the automatic ones (each with a box to
 * take it off) and the phrases they asked to mask.
 */
export function offeredMasks(draft: PublicationDraft, edits: ReviewerEdits = noEdits) {
  return redactForPublication(draft.original, draft.context, { remove: [], add: edits.add }).masks;
}
