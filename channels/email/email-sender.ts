// Outbound e-mail to residents through the Workers `send_email` binding (MAILBOX_EMAIL).
// A ticket that came in by e-mail is answered in the same thread: In-Reply-To and References
// point at the resident's Message-ID (kept as the inbox externalId), the subject is "Re: …".
import { EmailMessage } from 'cloudflare:email';
import { createMimeMessage } from 'mimetext/browser';
import type { OutboxRow } from '../../tickets/outbox';
import { isProduction, setting } from '../../tickets/settings';

export interface ReplyMimeInput {
  from: string;
  fromName: string;
  to: string;
  subject: string;
  body: string;
  inReplyTo?: string | null;
  messageId?: string;
}

export function buildReplyMime(input: ReplyMimeInput): string {
  const msg = createMimeMessage();
  msg.setSender({ name: input.fromName, addr: input.from });
  msg.setRecipient(input.to);
  msg.setSubject(input.subject);
  const domain = input.from.split('@')[1] ?? 'localhost';
  msg.setHeader('Message-ID', input.messageId ?? `<${crypto.randomUUID()}@${domain}>`);
  if (input.inReplyTo) {
    msg.setHeader('In-Reply-To', input.inReplyTo);
    msg.setHeader('References', input.inReplyTo);
  }
  // Replies are sent by the machine on behalf of the centre: tell auto-responders not to answer.
  msg.setHeader('Auto-Submitted', 'auto-replied');
  msg.addMessage({ contentType: 'text/plain', data: input.body });
  return msg.asRaw();
}

/** The resident's original mail for this ticket, if it came by e-mail: the thread to answer in. */
async function originalEmail(
  env: Env,
  ticketId: string | null,
): Promise<{ messageId: string; subject: string | null } | null> {
  if (!ticketId) return null;
  const row = await env.DB.prepare(
    `SELECT i.external_id AS messageId, t.title AS subject FROM inbox i LEFT JOIN tickets t ON t.id = i.ticket_id
     WHERE i.ticket_id = ? AND i.channel = 'email' ORDER BY i.received_at LIMIT 1`,
  )
    .bind(ticketId)
    .first<{ messageId: string; subject: string | null }>();
  if (!row || row.messageId.startsWith('sha256:')) return null;
  return row;
}

const defaultSubjects: Record<OutboxRow['kind'], string> = {
  ack: '您的来信已受理',
  supplement_request: '请补充材料',
  reply: '您的来信已答复',
  notice: '工单通知',
};

/** The mail for one outbox delivery: threaded on the resident's own mail when there is one. */
export async function composeEmailDelivery(
  env: Env,
  delivery: OutboxRow,
  from: string,
): Promise<{ from: string; to: string; raw: string }> {
  const original = await originalEmail(env, delivery.ticketId);
  const base = delivery.subject ?? defaultSubjects[delivery.kind];
  const subject = original?.subject ? `Re: ${original.subject.replace(/^(re:\s*)+/i, '')}` : base;
  const raw = buildReplyMime({
    from,
    fromName: '12345 市长信箱',
    to: delivery.recipient,
    subject,
    body: delivery.body,
    inReplyTo: original?.messageId ?? null,
  });
  return { from, to: delivery.recipient, raw };
}

export async function sendEmail(env: Env, delivery: OutboxRow): Promise<void> {
  const from = setting(env, 'MAILBOX_ADDRESS');
  if (from === null) throw new Error('MAILBOX_ADDRESS is not set');
  const binding = env.MAILBOX_EMAIL;
  if (!binding) {
    if (isProduction(env)) throw new Error('the MAILBOX_EMAIL send_email binding is missing');
    console.info(`[email] (no MAILBOX_EMAIL binding, not sent) to ${delivery.recipient}: ${delivery.body}`);
    return;
  }
  const mail = await composeEmailDelivery(env, delivery, from);
  await binding.send(new EmailMessage(mail.from, mail.to, mail.raw));
}
