// Delivers the hub's later answers (replies, requests for more information, notices) to a
// WeChat user as customer-service messages. WeChat accepts those only within 48 hours of the
// user's last message; past that no retry can succeed, so the delivery fails at once with a
// reason staff can act on (reach the resident another way) instead of retrying for nothing.
import { type ChannelSender, PermanentDeliveryError } from '../../tickets/outbox';
import { sendCustomerServiceText, WechatApiError } from './api';
import { wechatSettings } from './settings';
import { customerServiceWindowMs, lastInboundAt } from './store';

/** WeChat's limit for a customer-service text is 2048 bytes; cut longer texts with a pointer to the link. */
const maxContentBytes = 2048;

function fitContent(text: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxContentBytes) return text;
  const ellipsis = '……（全文请点击查询链接）';
  let cut = text;
  while (encoder.encode(cut + ellipsis).length > maxContentBytes) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut + ellipsis;
}

export const sendWechat: ChannelSender = async (env, delivery) => {
  const result = wechatSettings(env);
  if (!result.ok) throw new Error(`WeChat channel is not configured: ${result.missing.join(', ')} not set`);
  const now = Date.now();
  const last = await lastInboundAt(env.DB, delivery.recipient);
  if (last === null || now - last > customerServiceWindowMs) {
    throw new PermanentDeliveryError(
      last === null
        ? 'WeChat 48-hour window closed: no message from this user on record, ' +
            'so WeChat refuses customer-service messages; reach the resident by phone or SMS'
        : `WeChat 48-hour window closed: the user last wrote ${Math.floor((now - last) / 3_600_000)} hours ago; ` +
            'reach the resident by phone or SMS',
    );
  }
  const content = fitContent(delivery.subject ? `【${delivery.subject}】\n${delivery.body}` : delivery.body);
  try {
    await sendCustomerServiceText(env.DB, result.settings, delivery.recipient, content, now);
  } catch (err) {
    if (err instanceof WechatApiError && err.permanent) throw new PermanentDeliveryError(err.message);
    throw err;
  }
};
