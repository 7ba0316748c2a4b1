// E-mail to the mayor's mailbox address, delivered by Cloudflare Email Routing to the Worker's
// `email` handler. The Message-ID is the idempotency key (a redelivered mail is one ticket);
// mail we cannot read or that is too large is rejected at SMTP time, with a reason the sender's
// mail server shows them, and nothing is stored.
import PostalMime, { type Email } from 'postal-mime';
import { digestHex } from '../../tickets/hex';
import { HubError } from '../../tickets/hub-error';
import { type InboundMessage, inboundMessageSchema } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { readStreamLimited } from '../read-body';
import { htmlToText } from './html-to-text';

export const mailboxEmailMaxBytes = 1024 * 1024;

const maxTitle = 200;
const maxText = 20_000;

/** The parts of ForwardableEmailMessage we use, so tests can hand in a plain object. */
export type IncomingEmail = Pick<ForwardableEmailMessage, 'from' | 'to' | 'raw' | 'rawSize' | 'setReject'> & {
  headers?: Headers;
};

export type MailboxEmailOutcome =
  | { kind: 'accepted'; ticketNo: string; duplicate: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'ignored'; reason: string };

const reject = (message: IncomingEmail, reason: string): MailboxEmailOutcome => {
  message.setReject(reason);
  return { kind: 'rejected', reason };
};

function isAutomatic(email: Email): boolean {
  const header = (name: string) =>
    email.headers
      .find((h) => h.key === name)
      ?.value.toLowerCase()
      .trim();
  const autoSubmitted = header('auto-submitted');
  const precedence = header('precedence');
  return (
    (autoSubmitted !== undefined && autoSubmitted !== 'no') || precedence === 'bulk' || precedence === 'auto_reply'
  );
}

/** Builds the InboundMessage from a parsed mail, or says why it cannot become a ticket. */
export function emailToInboundMessage(
  email: Email,
  rawBytes: Uint8Array<ArrayBuffer>,
  envelopeFrom: string,
  now: number,
): { ok: true; message: InboundMessage } | { ok: false; reason: string } {
  // The header From is whom the resident wrote as; the envelope sender may be a forwarder's bounce address.
  const fromAddress = email.from?.address || envelopeFrom;
  const fromName = email.from?.name?.trim();
  let text = (email.text?.trim() || (email.html ? htmlToText(email.html) : '')).trim();
  const subject = email.subject?.trim() ?? '';
  if (text === '' && subject === '') {
    return { ok: false, reason: '邮件没有标题和正文，未受理。The message has neither subject nor body; not accepted.' };
  }
  if (text === '') text = subject;
  if (text.length > maxText) text = `${text.slice(0, maxText - 1)}…`;
  // Without a Message-ID the bytes themselves identify a redelivery.
  const externalId = email.messageId?.trim() || `sha256:${digestHex('sha256', rawBytes)}`;
  const candidate = {
    channel: 'email' as const,
    externalId: externalId.slice(0, 200),
    receivedAt: new Date(now).toISOString(),
    sender: { email: fromAddress, ...(fromName ? { name: fromName.slice(0, 50) } : {}) },
    ...(subject ? { title: subject.slice(0, maxTitle) } : {}),
    text,
    // Only metadata: the hub keeps no attachment store yet, the raw MIME is in the inbox.
    attachments: email.attachments.slice(0, 20).map((a) => ({
      name: (a.filename ?? '(unnamed)').slice(0, 200),
      contentType: a.mimeType.slice(0, 100),
      size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    })),
    consentToPublish: false,
  };
  const parsed = inboundMessageSchema.safeParse(candidate);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    const reason = field.startsWith('sender')
      ? '发件人地址无法识别，未受理。The sender address is not valid; not accepted.'
      : `邮件无法受理（${field}）。The message could not be accepted (${field}).`;
    return { ok: false, reason };
  }
  return { ok: true, message: { ...parsed.data, raw: new TextDecoder().decode(rawBytes) } };
}

/** The Worker `email` handler for the mailbox address (wired in worker/index.ts). */
export async function handleMailboxEmail(
  message: IncomingEmail,
  env: Env,
  now = Date.now(),
): Promise<MailboxEmailOutcome> {
  if (message.rawSize > mailboxEmailMaxBytes) {
    return reject(
      message,
      '邮件超过 1 MB 上限，未受理；附件请改用网上信箱或致电12345。Message larger than 1 MB; not accepted.',
    );
  }
  const rawBytes = await readStreamLimited(message.raw, mailboxEmailMaxBytes);
  if (rawBytes === null) {
    return reject(
      message,
      '邮件超过 1 MB 上限，未受理；附件请改用网上信箱或致电12345。Message larger than 1 MB; not accepted.',
    );
  }
  let email: Email;
  try {
    // The library's own limits: a resident's mail is neither 20 parts deep nor has 64 KB of headers.
    email = await PostalMime.parse(rawBytes, { maxNestingDepth: 20, maxHeadersSize: 64 * 1024 });
  } catch {
    return reject(message, '邮件格式无法解析，未受理。The message could not be parsed as MIME; not accepted.');
  }
  // RFC 5322 requires a From header; text without one is not a mail we can answer.
  if (!email.from?.address) {
    return reject(message, '邮件格式无法解析，未受理。The message could not be parsed as MIME; not accepted.');
  }
  // Out-of-office and list mail would each open a ticket and draw an acknowledgement back.
  if (isAutomatic(email)) return { kind: 'ignored', reason: 'automatic message (Auto-Submitted/Precedence)' };

  const built = emailToInboundMessage(email, rawBytes, message.from, now);
  if (!built.ok) return reject(message, built.reason);
  try {
    const result = await intakeMessage(env, built.message);
    return { kind: 'accepted', ticketNo: result.ticketNo, duplicate: result.duplicate };
  } catch (err) {
    // A refusal the sender can act on bounces; anything else throws so the mail is retried.
    if (err instanceof HubError && err.status < 500) return reject(message, `未受理：${err.message}`);
    throw err;
  }
}
