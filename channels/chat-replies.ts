// What a chat channel (WeChat account, Wechaty bridge) says back at once when it takes a
// message: the ticket number, query code and tracking link, in the resident's language. The
// wording for a new ticket is the core's acknowledgement, so every channel says it alike.
import type { IntakeResult } from '../tickets/intake';
import { messageTexts, trackingLink } from '../tickets/outbox';

export const chatReplyTexts = {
  appended: (ticketNo: string, queryCode: string, link: string) =>
    `您补充的内容已并入工单 ${ticketNo}（查询码：${queryCode}）。办理进度可查询：${link}`,
  unavailable: '系统繁忙，请稍后再试，或拨打12345热线。',
};

export function chatReplyFor(result: IntakeResult, publicBaseUrl: string): string {
  const link = trackingLink(publicBaseUrl, result.ticketNo, result.queryCode);
  return result.appended
    ? chatReplyTexts.appended(result.ticketNo, result.queryCode, link)
    : messageTexts.ack(result.ticketNo, result.queryCode, link, result.referral);
}
