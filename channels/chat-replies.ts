// What a chat channel (WeChat account, Wechaty bridge) says back at once when it takes a
// message: the ticket number, query code and tracking link, in the resident's language. The
// wording for a new ticket is the core's acknowledgement, so every channel says it alike, with the
// question whether the matter may be published (公开意愿), which the resident answers in the chat.
import type { Db } from '../db/client';
import { consentOfText, consentThanks, ticketAwaitingConsent } from '../tickets/awaiting-consent';
import { ratingOfText, ratingThanks, ticketAwaitingRating } from '../tickets/awaiting-rating';
import type { IntakeResult } from '../tickets/intake';
import { messageTexts, trackingLink } from '../tickets/outbox';

export const chatReplyTexts = {
  appended: (ticketNo: string, queryCode: string, link: string) =>
    `您补充的内容已并入工单 ${ticketNo}（查询码：${queryCode}）。办理进度可查询：${link}`,
  unavailable: '系统繁忙，请稍后再试，或拨打12345热线。',
  deferred: '您的留言已收到。系统正忙，受理后会把工单号和查询码发给您，无需重复发送。',
};

export function chatReplyFor(result: IntakeResult, publicBaseUrl: string): string {
  const link = trackingLink(publicBaseUrl, result.ticketNo, result.queryCode);
  return result.appended
    ? chatReplyTexts.appended(result.ticketNo, result.queryCode, link)
    : messageTexts.ack(result.ticketNo, result.queryCode, link, result.referral, true);
}

/**
 * The thanks for a message that answers one of the hub's questions (a rating digit after an
 * answer, 同意公开 or 不公开 after an acknowledgement) when a ticket awaits that answer; null for an
 * ordinary message. Read before intake queues the follow-up that applies the answer. An answer
 * is taken in as a ticket of its own, never joined to the open conversation: appended to the
 * ticket it would read as the resident's words about the matter, and the follow-up would not see it.
 */
export async function answerThanks(
  db: Db,
  message: { channel: string; text: string },
  openId: string,
  now: number,
): Promise<string | null> {
  if (ratingOfText(message.channel, message.text) !== null) {
    return (await ticketAwaitingRating(db, { openId }, now)) ? ratingThanks : null;
  }
  const consent = consentOfText(message.channel, message.text);
  if (consent === null) return null;
  const target = await ticketAwaitingConsent(db, { openId }, message.channel, consent, now);
  return target ? consentThanks(target.ticketNo, consent) : null;
}
