// Each channel's raw message read back into the InboundMessage its route built, for the cron's
// retry of messages whose intake failed (tickets/inbox-retry.ts, wired in worker/index.ts). Each
// uses the channel's own parser; what the route took from outside the body (the hub's clock, a
// key derived from a header or the query string) comes from the stored row. Signatures and API
// keys were checked when the message first arrived, before anything was stored.
import PostalMime from 'postal-mime';
import { type InboundMessage, inboundMessageSchema } from '../tickets/inbound-message';
import type { InboxReaders, StoredMessage } from '../tickets/inbox-retry';
import { emailToInboundMessage } from './email/mailbox-email';
import { readStoredLetter } from './mailbox/routes';
import { open311RequestMessage } from './open311/request-message';
import { phoneCallSchema, phoneCallToInboundMessage } from './phone/phone-call';
import { wechatAction } from './wechat/message';
import { parseWechatMessage } from './wechat/xml';
import { wechatyInboundMessage, wechatyMessageSchema } from './wechaty-hub/routes';

const iso = (ms: number) => new Date(ms).toISOString();

/** A multipart body names its boundary on its first line; the content type was not stored. */
async function storedForm(raw: string): Promise<URLSearchParams> {
  const boundary = /^--([^\r\n]{1,200})\r?\n/.exec(raw)?.[1];
  if (!boundary) return new URLSearchParams(raw);
  const data = await new Response(raw, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }).formData();
  const form = new URLSearchParams();
  for (const [k, v] of data) if (typeof v === 'string') form.append(k, v);
  return form;
}

async function readEmail({ raw, externalId, receivedAt }: StoredMessage): Promise<InboundMessage | null> {
  const bytes = new Uint8Array(new TextEncoder().encode(raw));
  const email = await PostalMime.parse(bytes, { maxNestingDepth: 20, maxHeadersSize: 64 * 1024 });
  if (!email.from?.address) return null;
  const built = emailToInboundMessage(email, bytes, email.from.address, receivedAt);
  // A mail without a Message-ID is keyed by a digest of the bytes as they arrived.
  return built.ok ? { ...built.message, externalId, raw } : null;
}

function readWechat({ raw, receivedAt }: StoredMessage): InboundMessage | null {
  // The message's time is the hub's (when it came), never the sender's CreateTime.
  const action = wechatAction(parseWechatMessage(raw), receivedAt);
  return action.kind === 'ticket' ? { ...inboundMessageSchema.parse(action.message), raw } : null;
}

export const inboxReaders: InboxReaders = {
  api: ({ raw }) => ({ ...inboundMessageSchema.parse(JSON.parse(raw)), raw }),
  phone: ({ raw }) => {
    const converted = phoneCallToInboundMessage(phoneCallSchema.parse(JSON.parse(raw)), raw);
    return converted.ok ? converted.message : null;
  },
  wechat: readWechat,
  wechaty: ({ raw, receivedAt }) => ({
    ...wechatyInboundMessage(wechatyMessageSchema.parse(JSON.parse(raw)), iso(receivedAt)),
    raw,
  }),
  email: readEmail,
  mailbox: async ({ raw, externalId, receivedAt }) => {
    const letter = readStoredLetter(await storedForm(raw), { raw, externalId, receivedAt: iso(receivedAt) });
    return letter ? { ...inboundMessageSchema.parse(letter), raw } : null;
  },
  // The request's key hashes its API key, which may have come in the query string: the row's.
  open311: async ({ raw, externalId, receivedAt }) => {
    const built = open311RequestMessage(await storedForm(raw), null, receivedAt);
    return built.ok ? { ...built.candidate.data, externalId, raw } : null;
  },
};
