// Outbound senders by outbox channel. The core's outbox picks the channel for each answer
// (tickets/outbox.ts deliveryTargetFor); its queue consumer calls the sender here, and a throw
// means "retry later" (a PermanentDeliveryError: "give up now"). The Wechaty bridge has no
// sender: it pulls its deliveries (channels/wechaty-hub/routes.ts).
import type { ChannelSender } from '../tickets/outbox';
import { sendWechat } from './wechat/sender';

export const senders: Partial<Record<string, ChannelSender>> = {
  wechat: sendWechat,
};
