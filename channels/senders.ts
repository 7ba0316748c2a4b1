// One send method per channel: how an outbox delivery reaches a resident. The core picks the
// channel for each answer (tickets/outbox.ts deliveryTargetFor: phone numbers go by `sms`,
// e-mail addresses by `email`); a delivery whose channel has none is marked failed, not retried
// forever, and a sender that throws has its delivery retried by the queue.
import type { ChannelSender } from '../tickets/outbox';
import { sendEmail } from './email/email-sender';
import { sendSms } from './sms/sms-sender';

export const senders: Partial<Record<string, ChannelSender>> = {
  sms: sendSms,
  email: sendEmail,
};
