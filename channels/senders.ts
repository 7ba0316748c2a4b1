// One send method per channel: how an outbox delivery reaches a resident. The core picks the
// channel for each answer (tickets/outbox.ts deliveryTargetFor: phone numbers go by `sms`,
// e-mail addresses by `email`, WeChat users by `wechat`); a delivery whose channel has none is
// marked failed, not retried forever. A sender throws to have the row tried again later, or throws
// PermanentDeliveryError to give up at once.
// The Wechaty bridge has no sender: it pulls its deliveries (channels/wechaty-hub/routes.ts).
import type { ChannelSender } from '../tickets/outbox';
import { sendEmail } from './email/email-sender';
import { sendSms } from './sms/sms-sender';
import { sendWechat } from './wechat/sender';

export const senders: Partial<Record<string, ChannelSender>> = {
  sms: sendSms,
  email: sendEmail,
  wechat: sendWechat,
};
