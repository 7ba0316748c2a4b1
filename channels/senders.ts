// Outbound senders by outbox channel. The core's outbox picks the channel for each answer
// (tickets/outbox.ts deliveryTargetFor: phone numbers go by `sms`, e-mail addresses by
// `email`); its queue consumer calls the sender here, and a throw means "retry later".
import type { ChannelSender } from '../tickets/outbox';
import { sendEmail } from './email/email-sender';
import { sendSms } from './sms/sms-sender';

export const senders: Partial<Record<string, ChannelSender>> = {
  sms: sendSms,
  email: sendEmail,
};
