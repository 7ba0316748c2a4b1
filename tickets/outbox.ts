// The notifications outbox: messages to residents are written in the same D1 batch as the
// ticket change that causes them, then handed to the JOBS queue. The queue consumer
// (worker/index.ts) sends each through its channel's sender; a cron sweep re-queues rows whose
// queue message was lost, so nothing written is ever dropped.
import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contacts, outbox } from '../db/schema';
import { formatShanghai } from '../routing/calendar';
import { enqueueJobs } from './jobs';

export type OutboxRow = typeof outbox.$inferSelect;
export type DeliveryKind = OutboxRow['kind'];

export interface DeliveryTarget {
  channel: string;
  recipient: string;
}

type ContactRow = Pick<typeof contacts.$inferSelect, 'phone' | 'email' | 'openId'>;

/**
 * Where to answer a resident: back on the channel they used where it can carry an answer,
 * else by SMS to their phone, else by e-mail. Null when they left no way to reach them.
 */
export function deliveryTargetFor(channel: string, contact: ContactRow | null | undefined): DeliveryTarget | null {
  if (!contact) return null;
  if ((channel === 'wechat' || channel === 'wechaty') && contact.openId) return { channel, recipient: contact.openId };
  if (channel === 'email' && contact.email) return { channel: 'email', recipient: contact.email };
  if (contact.phone) return { channel: 'sms', recipient: contact.phone };
  if (contact.email) return { channel: 'email', recipient: contact.email };
  return null;
}

export function trackingLink(baseUrl: string, ticketNo: string, queryCode: string): string {
  return `${baseUrl.replace(/\/$/, '')}/track?no=${encodeURIComponent(ticketNo)}&code=${encodeURIComponent(queryCode)}`;
}

const emergencyNumbers = { '110': '110报警', '119': '119火警', '120': '120急救' } as const;

export const messageTexts = {
  ack: (ticketNo: string, queryCode: string, link: string, referral?: '110' | '119' | '120' | null) =>
    `${referral ? `如有人身危险，请立即拨打${emergencyNumbers[referral]}！` : ''}您的诉求已受理。工单号：${ticketNo}，查询码：${queryCode}。办理进度可查询：${link}`,
  supplementRequest: (ticketNo: string, request: string) =>
    `您的工单 ${ticketNo} 需要补充以下材料：${request}。请回复本消息或致电12345补充，补充后我们将继续办理。`,
  reply: (ticketNo: string, department: string, text: string, link: string) =>
    `您的工单 ${ticketNo} 已由${department}答复：${text}\n请对办理结果进行评价：${link}`,
  directAnswer: (ticketNo: string, text: string) => `您的咨询（工单号 ${ticketNo}）已在来电中答复：${text}`,
  merged: (ticketNo: string, intoTicketNo: string) =>
    `您的诉求（工单号 ${ticketNo}）与您此前反映的工单 ${intoTicketNo} 为同一事项，已合并办理，请以工单 ${intoTicketNo} 查询进度。`,
  deadlineNotice: (at: number) => `办理时限：${formatShanghai(at)}`,
};

export function outboxInsert(
  db: Db,
  row: { id: string; ticketId: string | null; target: DeliveryTarget; kind: DeliveryKind; subject?: string; body: string; now: number },
) {
  return db.insert(outbox).values({
    id: row.id,
    ticketId: row.ticketId,
    channel: row.target.channel,
    recipient: row.target.recipient,
    kind: row.kind,
    subject: row.subject ?? null,
    body: row.body,
    createdAt: row.now,
  });
}

/** Hands written rows to the queue. A failure here is repaired by the cron sweep. */
export async function queueDeliveries(env: Pick<Env, 'JOBS'>, ids: string[]): Promise<void> {
  await enqueueJobs(env, ids.map((outboxId) => ({ kind: 'deliver', outboxId })));
}

/** Pending rows older than `olderThanMs`, for the cron sweep to queue again. */
export async function findStalledDeliveries(db: Db, now: number, olderThanMs = 5 * 60_000): Promise<string[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lt(outbox.createdAt, now - olderThanMs),
        notInArray(outbox.channel, [...pulledChannels]),
      ),
    )
    .limit(500);
  return rows.map((r) => r.id);
}

export type ChannelSender = (env: Env, delivery: OutboxRow) => Promise<void>;

/**
 * Thrown by a sender when no retry can succeed (e.g. WeChat's 48-hour customer-service window
 * has closed): the row is marked failed at once with this message as lastError.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Channels whose deliveries a partner process fetches itself (the Wechaty bridge polls
 * GET /channels/wechaty/outbox): the queue leaves their rows pending for it.
 */
export const pulledChannels: ReadonlySet<string> = new Set(['wechaty']);

const MAX_ATTEMPTS = 8;

/**
 * Sends queued deliveries through their channel's sender. Returns the ids to retry; a row is
 * marked failed (not retried) after MAX_ATTEMPTS or when no sender exists for its channel.
 */
export async function deliverOutbox(
  env: Env,
  db: Db,
  ids: string[],
  senders: Partial<Record<string, ChannelSender>>,
  now = Date.now(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(outbox).where(inArray(outbox.id, ids));
  const retry: string[] = [];
  // Sends one by one (each its own outcome); the status updates go to D1 in one batch.
  const updates = [];
  const sent: string[] = [];
  for (const row of rows) {
    if (row.status !== 'pending' || pulledChannels.has(row.channel)) continue;
    const sender = senders[row.channel];
    if (!sender) {
      updates.push(db.update(outbox).set({ status: 'failed', lastError: `no sender for channel ${row.channel}` }).where(eq(outbox.id, row.id)));
      continue;
    }
    try {
      await sender(env, row);
      sent.push(row.id);
    } catch (err) {
      const attempts = row.attempts + 1;
      const lastError = err instanceof Error ? err.message : String(err);
      const giveUp = attempts >= MAX_ATTEMPTS || err instanceof PermanentDeliveryError;
      updates.push(db.update(outbox).set({ attempts, lastError, status: giveUp ? 'failed' : 'pending' }).where(eq(outbox.id, row.id)));
      if (!giveUp) retry.push(row.id);
    }
  }
  // Deliveries that went out, usually all of them, are marked in one statement.
  if (sent.length > 0) updates.push(db.update(outbox).set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` }).where(inArray(outbox.id, sent)));
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return retry;
}
