// The notifications outbox: messages to residents are written in the same D1 batch as the
// ticket change that causes them, and the writer rings the queue's doorbell (tickets/jobs.ts).
// The outbox is the queue of record: a delivery run (the queue consumer in worker/index.ts, and
// the cron as a fallback) claims the rows that are due, sends each through its channel's
// sender, and sets failed ones a later time to try again, so nothing written is ever dropped.
import { and, asc, count, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type contacts, outbox, tickets } from '../db/schema';
import { formatShanghai } from '../routing/calendar';
import { ringDoorbell } from './jobs';
import type { ContributionPart } from './lifecycle/effects-cohandling';

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

const emergencyWarning = (referral?: '110' | '119' | '120' | null) =>
  referral ? `如有人身危险，请立即拨打${emergencyNumbers[referral]}！` : '';

/** Asked with a chat channel's acknowledgement; the answers are in tickets/awaiting-consent.ts. */
export const consentQuestion =
  '如同意在政务公开栏目公开您的诉求和答复（个人信息隐去），请回复“同意公开”；回复“不公开”可随时撤回。';

export const messageTexts = {
  /**
   * On a chat channel the acknowledgement also asks whether the matter may be published: the
   * resident answers in the chat (tickets/awaiting-consent.ts lists the answers understood).
   */
  ack: (
    ticketNo: string,
    queryCode: string,
    link: string,
    referral?: '110' | '119' | '120' | null,
    askConsent = false,
  ) =>
    `${emergencyWarning(referral)}您的诉求已受理。工单号：${ticketNo}，查询码：${queryCode}。办理进度可查询：${link}` +
    (askConsent ? `\n${consentQuestion}` : ''),
  supplementRequest: (ticketNo: string, request: string) =>
    `您的工单 ${ticketNo} 需要补充以下材料：${request}。请回复本消息或致电12345补充，补充后我们将继续办理。`,
  /**
   * The lead's answer, with each co-handling department's part after it (协办单位意见). On a chat
   * channel the resident may rate it by answering a digit (tickets/awaiting-rating.ts).
   */
  reply: (
    ticketNo: string,
    department: string,
    text: string,
    link: string,
    parts: ContributionPart[] = [],
    byDigit = false,
  ) =>
    `您的工单 ${ticketNo} 已由${department}答复：${text}\n` +
    (parts.length ? `协办单位意见：\n${parts.map((p) => `【${p.departmentName}】${p.text}`).join('\n')}\n` : '') +
    (byDigit ? '请对办理结果进行评价，回复 1 满意，2 基本满意，3 不满意；也可在此评价：' : '请对办理结果进行评价：') +
    link,
  directAnswer: (ticketNo: string, text: string) => `您的咨询（工单号 ${ticketNo}）已在来电中答复：${text}`,
  merged: (ticketNo: string, intoTicketNo: string) =>
    `您的诉求（工单号 ${ticketNo}）与您此前反映的工单 ${intoTicketNo} 为同一事项，已合并办理，请以工单 ${intoTicketNo} 查询进度。`,
  reopened: (ticketNo: string, link: string) =>
    `您的工单 ${ticketNo} 已重新办理（重办），我们将重新交办并尽快答复您。办理进度可查询：${link}`,
  /** To the department's reviewer and the 12345 centre when a ticket turns red (督办). */
  supervision: (ticketNo: string, department: string, deadlineAt: number) =>
    `【督办】工单 ${ticketNo} 已超过办理时限（${formatShanghai(deadlineAt)}），承办部门：${department}，请尽快办理并答复。`,
  deadlineNotice: (at: number) => `办理时限：${formatShanghai(at)}`,
};

export function outboxInsert(
  db: Db,
  row: {
    id: string;
    ticketId: string | null;
    target: DeliveryTarget;
    kind: DeliveryKind;
    subject?: string;
    body: string;
    now: number;
  },
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

/**
 * Called after outbox rows are written, with their channels: rings the doorbell so the next
 * delivery run sends them. Rows the Wechaty bridge fetches itself need no ring.
 */
export async function announceDeliveries(env: Pick<Env, 'JOBS'>, channels: readonly string[]): Promise<void> {
  if (channels.some((channel) => !pulledChannels.has(channel))) await ringDoorbell(env);
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

/** Notices to staff (督办): the workbench shows a person's pending rows as their inbox. */
export const STAFF_CHANNEL = 'staff';

/**
 * Channels whose deliveries are fetched rather than sent (the Wechaty bridge polls
 * GET /channels/wechaty/outbox; the workbench reads the staff channel): the queue leaves their
 * rows pending for them.
 */
export const pulledChannels: ReadonlySet<string> = new Set(['wechaty', STAFF_CHANNEL]);

const MAX_ATTEMPTS = 8;
/** How long a run holds the rows it claimed; longer than any sender's own timeout. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** The most rows one claim takes. */
export const CLAIM_LIMIT = 100;

/** After the n-th failed attempt: 30 s, 1 min, 2 min … at most 10 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims up to `limit` due rows for one run: their next attempt moves on by the lease in the
 * same statement that picks them, so a concurrent run never gets the same row, and a run that
 * dies before marking them leaves them due again when the lease ends.
 */
export async function claimDueDeliveries(db: Db, now: number, limit = CLAIM_LIMIT): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        notInArray(outbox.channel, [...pulledChannels]),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  return db
    .update(outbox)
    .set({ nextAttemptAt: now + CLAIM_LEASE_MS })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .returning();
}

export interface DeliveryRun {
  claimed: number;
  /** Rows left pending for a later attempt. */
  retry: number;
  /** The run stopped at its limit: rows may still be due. */
  more: boolean;
  /** When the earliest pending row is due, if any is pending. */
  nextDueAt: number | null;
}

/**
 * One delivery run: claims due rows and sends them, up to `rounds` claims. The queue consumer
 * and the cron both call it; the consumer rings again for what is left.
 */
export async function deliverDue(
  env: Env,
  db: Db,
  senders: Partial<Record<string, ChannelSender>>,
  { now = Date.now(), rounds = 5 }: { now?: number; rounds?: number } = {},
): Promise<DeliveryRun> {
  const run: DeliveryRun = { claimed: 0, retry: 0, more: false, nextDueAt: null };
  for (let round = 0; round < rounds; round++) {
    const rows = await claimDueDeliveries(db, now);
    run.claimed += rows.length;
    run.retry += (await sendRows(env, db, rows, senders, now)).length;
    run.more = rows.length === CLAIM_LIMIT;
    if (!run.more) break;
  }
  const [next] = await db
    .select({ at: outbox.nextAttemptAt })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), notInArray(outbox.channel, [...pulledChannels])))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(1);
  run.nextDueAt = next?.at ?? null;
  return run;
}

/** Sends the given rows now, due or not (tests and one-off sends). Returns the ids left to retry. */
export async function deliverOutbox(
  env: Env,
  db: Db,
  ids: string[],
  senders: Partial<Record<string, ChannelSender>>,
  now = Date.now(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  return sendRows(env, db, await db.select().from(outbox).where(inArray(outbox.id, ids)), senders, now);
}

/**
 * Sends rows through their channel's sender. Returns the ids to retry, each set a later time by
 * its attempt count; a row is marked failed (not retried) after MAX_ATTEMPTS or when no sender
 * exists for its channel.
 */
async function sendRows(
  env: Env,
  db: Db,
  rows: OutboxRow[],
  senders: Partial<Record<string, ChannelSender>>,
  now: number,
): Promise<string[]> {
  const retry: string[] = [];
  // Sends one by one (each its own outcome); the status updates go to D1 in one batch.
  const updates = [];
  const sent: string[] = [];
  for (const row of rows) {
    if (row.status !== 'pending' || pulledChannels.has(row.channel)) continue;
    const sender = senders[row.channel];
    if (!sender) {
      updates.push(
        db
          .update(outbox)
          .set({ status: 'failed', lastError: `no sender for channel ${row.channel}` })
          .where(eq(outbox.id, row.id)),
      );
      continue;
    }
    try {
      await sender(env, row);
      sent.push(row.id);
    } catch (err) {
      const attempts = row.attempts + 1;
      const lastError = err instanceof Error ? err.message : String(err);
      const giveUp = attempts >= MAX_ATTEMPTS || err instanceof PermanentDeliveryError;
      updates.push(
        db
          .update(outbox)
          .set({
            attempts,
            lastError,
            status: giveUp ? 'failed' : 'pending',
            nextAttemptAt: now + retryDelayMs(attempts),
          })
          .where(eq(outbox.id, row.id)),
      );
      if (!giveUp) retry.push(row.id);
    }
  }
  // Deliveries that went out, usually all of them, are marked in one statement.
  // D1 binds at most 100 values a statement.
  for (let i = 0; i < sent.length; i += 90) {
    updates.push(
      db
        .update(outbox)
        .set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, sent.slice(i, i + 90))),
    );
  }
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
  return retry;
}

/**
 * A dead letter (a delivery that used up its retries, or that no retry could send) put back in
 * the queue by an admin: pending, its attempts counted from nought, due now, and the doorbell
 * rung. Null when no failed delivery has that id (never one that was sent or is still pending).
 */
export async function resendDelivery(
  env: Pick<Env, 'JOBS'>,
  db: Db,
  id: string,
  now = Date.now(),
): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  if (!row) return null;
  await announceDeliveries(env, [row.channel]);
  return row;
}

export type StaffNotice = Pick<OutboxRow, 'id' | 'subject' | 'body' | 'status' | 'createdAt' | 'sentAt'> & {
  ticketNo: string | null;
};

/** A staff member's notices (督办), newest first, with their tickets' numbers: pending ones are unread. */
export async function listStaffNotices(db: Db, username: string, limit = 50): Promise<StaffNotice[]> {
  return db
    .select({
      id: outbox.id,
      subject: outbox.subject,
      body: outbox.body,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      ticketNo: tickets.ticketNo,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(and(eq(outbox.channel, STAFF_CHANNEL), eq(outbox.recipient, username)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

/** How many of a staff member's notices are unread (the count beside the workbench's 通知 link). */
export async function countUnreadNotices(db: Db, username: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.channel, STAFF_CHANNEL), eq(outbox.status, 'pending'), eq(outbox.recipient, username)));
  return row?.n ?? 0;
}

/**
 * The staff member has read their notice: the row is sent, as a delivery to them. False when no
 * unread notice of theirs has that id (another's notice is never touched).
 */
export async function markNoticeRead(db: Db, id: string, username: string, now = Date.now()): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` })
    .where(
      and(
        eq(outbox.id, id),
        eq(outbox.channel, STAFF_CHANNEL),
        eq(outbox.recipient, username),
        eq(outbox.status, 'pending'),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length > 0;
}
