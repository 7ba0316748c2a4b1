// One send method per channel: how an outbox delivery reaches a resident. Each channel adds
// its sender here; a delivery whose channel has none is marked failed, not retried forever.
// A sender throws to have the queue retry, or throws PermanentDeliveryError to give up at once.
// The Wechaty bridge has no sender: it pulls its deliveries (channels/wechaty-hub/routes.ts).
import type { ChannelSender } from '../tickets/outbox';
import { sendWechat } from './wechat/sender';

export const senders: Partial<Record<string, ChannelSender>> = {
  wechat: sendWechat,
};
