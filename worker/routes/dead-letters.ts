// Dead letters (deliveries to residents that used up their retries), read for the admin API
// (worker/routes/admin-dead-letters.ts) and the admins' workbench page alike: newest first, a
// page at a time, the recipient masked. An admin needs the channel and enough of the address to
// recognise it, not the resident's number or the message itself (an acknowledgement carries the
// query code).
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox, tickets } from '../../db/schema';

/** 138****5678, z***@example.com, oAbc****: the shape of the address, not the address. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const [name = '', domain = ''] = recipient.split('@');
    return `${name.slice(0, 1)}***@${domain}`;
  }
  if (channel === 'sms' || /^\+?\d{7,}$/.test(recipient)) return `${recipient.slice(0, 3)}****${recipient.slice(-4)}`;
  return `${recipient.slice(0, 4)}****`;
}

export interface DeadLetter {
  id: string;
  ticketNo: string | null;
  channel: string;
  /** Masked. */
  recipient: string;
  kind: (typeof outbox.$inferSelect)['kind'];
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

/** `before` is the `next` of the previous page: `{createdAt}_{id}` of its last row. */
export async function listDeadLetters(
  db: Db,
  { before, limit }: { before?: string; limit: number },
): Promise<{ items: DeadLetter[]; next: string | null }> {
  const filters: SQL[] = [eq(outbox.status, 'failed')];
  if (before) {
    const [at, id] = [Number(before.slice(0, before.indexOf('_'))), before.slice(before.indexOf('_') + 1)];
    filters.push(or(lt(outbox.createdAt, at), and(eq(outbox.createdAt, at), lt(outbox.id, id)))!);
  }
  const rows = await db
    .select({
      id: outbox.id,
      ticketNo: tickets.ticketNo,
      channel: outbox.channel,
      recipient: outbox.recipient,
      kind: outbox.kind,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(and(...filters))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...r, recipient: maskRecipient(r.channel, r.recipient) })),
    next: rows.length > limit && last ? `${last.createdAt}_${last.id}` : null,
  };
}
