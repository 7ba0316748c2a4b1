// 公开意愿 by an answer on a chat channel: the acknowledgement on WeChat (and the Wechaty bridge)
// asks the resident whether their question and its answer may be published with personal data
// removed, and to answer 同意公开, or 不公开 to withdraw at any time. Intake takes the answer in as it
// takes any message; the follow-up job records it on the ticket it answers
// (tickets/consent-by-answer.ts), and the chat route thanks the resident at once. Both ask here,
// so the words and the rule of which ticket an answer is about are written once.
//
// Which ticket: of the resident's tickets on that channel that can still be published (not merged
// into another, not closed without an answer, not itself such an answer),
// - 同意公开: the most recent received within the last 7 days (the question came with its
//   acknowledgement, so an older one is no longer what the resident is answering);
// - 不公开: the most recent whose consent is given, however old (withdrawing is always possible,
//   and it is the safe direction), else the most recent of the last 7 days (a plain no).
// With no such ticket the words are an ordinary message.
import { and, desc, eq, exists, gt, inArray, isNull, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ticketEvents, tickets } from '../db/schema';
import { ofResident, type ResidentKey } from './awaiting-rating';
import type { TicketRow } from './lifecycle/actor';

/** The channels whose acknowledgement asks the consent question (channels/chat-replies.ts). */
export const consentAnswerChannels: readonly string[] = ['wechat', 'wechaty'];

/** Every answer the hub understands, and what it means. */
export const consentAnswers: Record<string, boolean> = {
  同意公开: true,
  同意: true,
  公开: true,
  可以公开: true,
  不公开: false,
  不同意: false,
  不同意公开: false,
  不要公开: false,
};

/**
 * What may stand around an answer and still leave it a bare answer: spaces (full-width too) and
 * the punctuation people end a chat line with. Trimmed from both ends only, so 同意公开，谢谢 is
 * an ordinary message.
 */
const answerTrim = ' \t\r\n\u3000。，、！？；：.,!?;:~～…"“”\'‘’「」【】()（）';

/** A reply this long after the ticket was received no longer grants consent. */
export const CONSENT_WINDOW_MS = 7 * 86_400_000;

function trimAnswer(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && answerTrim.includes(text[start]!)) start++;
  while (end > start && answerTrim.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** The consent a chat message's text gives or withdraws, if it is a bare answer. */
export function consentOfText(channel: string, text: string): boolean | null {
  if (!consentAnswerChannels.includes(channel)) return null;
  const answer = trimAnswer(text);
  return Object.hasOwn(consentAnswers, answer) ? consentAnswers[answer]! : null;
}

/**
 * The same test in SQL (1 or 0), for intake's candidates read (tickets/follow-up.ts,
 * candidateColumns): SQLite's trim(X, Y) strips the same characters from both ends.
 */
export const consentAnswerColumn: SQL<number> = sql<number>`(${inArray(tickets.channel, [...consentAnswerChannels])}
  and trim(${tickets.text}, ${answerTrim}) in ${Object.keys(consentAnswers)})`;

/** The chat channel's passive reply to an answer it has taken. */
export const consentThanks = (ticketNo: string, consent: boolean) =>
  consent
    ? `感谢您的支持！工单 ${ticketNo} 的诉求和答复将在隐去个人信息后于政务公开栏目公开。回复“不公开”可随时撤回。`
    : `已记录：工单 ${ticketNo} 不公开。`;

/** Closed without an answer (invalid, or a rating or consent answer of its own): nothing to publish. */
const closedUnanswered = and(eq(tickets.status, 'closed'), isNull(tickets.repliedAt), isNull(tickets.directAnswer))!;

export type ConsentTarget = TicketRow & { answered: boolean };

/**
 * The ticket a chat answer is about (the rule above), with whether the resident has answered on
 * it before. One read on tickets_contact; `exceptId` is the answer's own ticket.
 */
export async function ticketAwaitingConsent(
  db: Db,
  resident: ResidentKey,
  channel: string,
  consent: boolean,
  now: number,
  exceptId?: string,
): Promise<ConsentTarget | null> {
  const contact = ofResident(db, resident);
  const since = now - CONSENT_WINDOW_MS;
  const answeredBefore = exists(
    db
      .select({ one: sql`1` })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, tickets.id), eq(ticketEvents.action, 'consent'))),
  );
  const rows = await db
    .select({ ticket: tickets, answered: sql<number>`${answeredBefore}` })
    .from(tickets)
    .where(
      and(
        contact,
        eq(tickets.channel, channel),
        ne(tickets.status, 'merged'),
        not(closedUnanswered),
        exceptId ? ne(tickets.id, exceptId) : undefined,
        or(gt(tickets.receivedAt, since), eq(tickets.consentToPublish, true)),
      ),
    )
    .orderBy(desc(tickets.receivedAt))
    .limit(20);
  // An answer still waiting for its follow-up is a ticket of its own for a moment: never a target.
  const eligible = rows.filter((r) => consentOfText(r.ticket.channel, r.ticket.text) === null);
  const recent = eligible.find((r) => r.ticket.receivedAt > since);
  const chosen = consent ? recent : (eligible.find((r) => r.ticket.consentToPublish) ?? recent);
  return chosen ? { ...chosen.ticket, answered: chosen.answered === 1 } : null;
}
