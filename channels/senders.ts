// One send method per channel: how an outbox delivery reaches a resident. Each channel adds
// its sender here; a delivery whose channel has none is marked failed, not retried forever.
import type { ChannelSender } from '../tickets/outbox';

export const senders: Partial<Record<string, ChannelSender>> = {};
