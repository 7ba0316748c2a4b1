// Intake: one InboundMessage in, one ticket out, in one D1 batch whose first statement stores the
// raw message in the inbox, unique on (channel, externalId). A repeat finds its inbox row taken,
// so the guarded batch writes nothing and the first ticket is returned. If the batch fails it
// rolls back whole and the raw message is stored again on its own, marked failed, so nothing is
// lost and the next delivery of the message processes it. A chat message that continues the
// resident's open conversation joins that ticket, decided inside the same batch
// (tickets/lifecycle/intake-statements.ts). Duplicate merging and hot spots run right after, from the
// queue (tickets/follow-up.ts), to keep intake to one round trip.
import { and, eq, sql } from 'drizzle-orm';
import { type Db, openDb } from '../db/client';
import { inbox, tickets } from '../db/schema';
import { DUPLICATE_WINDOW_MS, decideFollowUp, HOTSPOT_WINDOW_MS, needsFollowUp } from './follow-up';
import { sharedBatch } from './group-commit';
import { HubError } from './hub-error';
import { newId, newQueryCode } from './ids';
import type { InboundMessage } from './inbound-message';
import { routeInbound } from './intake-routing';
import { enqueueJobs, type HubJob } from './jobs';
import {
  type Acknowledgement,
  addIntakeStatements,
  type ContactIdentity,
  type InboxRecord,
  type IntakeSlots,
  TICKET_NO_PLACEHOLDER,
} from './lifecycle/intake-statements';
import { StatementBatch } from './lifecycle/sql-statements';
import { announceDeliveries, deliveryTargetFor, messageTexts, trackingLink } from './outbox';
import { type AttemptCount, countAttempt, type RateLimit } from './rate-limit';
import { loadWorkingTime } from './working-calendar';

export interface IntakeResult {
  ticketId: string;
  ticketNo: string;
  queryCode: string;
  status: string;
  duplicate: boolean;
  appended: boolean;
  /** Danger to life: the emergency number the resident must call now (channels say it first). */
  referral?: '110' | '119' | '120';
}

export interface IntakeOptions {
  /** Messages of one contact on one channel within this window join the open ticket (WeChat chats). */
  appendWindowMs?: number;
  /** Queue an acknowledgement to the resident; off for channels that answer in their response. */
  acknowledge?: boolean;
  /** The channel's own state written with the message, in the same round trip (run even for a repeat). */
  alongside?: D1PreparedStatement[];
  /**
   * A per-sender limit counted in the same round trip: over it, nothing is stored and intake
   * throws a 429 HubError whose details carry `retryAfterS`.
   */
  rateLimit?: { key: string; rule: RateLimit };
  now?: number;
}

type IntakeEnv = Pick<Env, 'DB' | 'JOBS' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>;

async function existingResult(db: Db, ticketId: string): Promise<IntakeResult> {
  const t = await db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
  if (!t) throw new HubError('internal_error', 'inbox points at a missing ticket');
  return {
    ticketId: t.id,
    ticketNo: t.ticketNo,
    queryCode: t.queryCode,
    status: t.status,
    duplicate: true,
    appended: false,
  };
}

/** A repeat: its ticket, or its inbox row when the first attempt failed and it must be retried. */
async function resolveRepeat(db: Db, message: InboundMessage): Promise<IntakeResult | { retryInboxId: string }> {
  // The first copy may still be in flight (concurrent duplicates): wait for its ticket briefly.
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await db.query.inbox.findFirst({
      where: and(eq(inbox.channel, message.channel), eq(inbox.externalId, message.externalId)),
    });
    if (row?.ticketId) return existingResult(db, row.ticketId);
    if (row?.status === 'failed') return { retryInboxId: row.id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new HubError('intake_in_progress', '该消息正在处理中，请稍后重试');
}

/** Keeps the raw message after a failed batch (which rolled back its own inbox insert). */
async function keepFailed(db: Db, record: InboxRecord, error: unknown, now: number): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .insert(inbox)
    .values({ ...record, storedAt: now, status: 'failed', error: message })
    .onConflictDoUpdate({
      target: [inbox.channel, inbox.externalId],
      set: { status: 'failed', error: message },
      setWhere: sql`${inbox.ticketId} IS NULL`,
    });
}

/** Seconds a sender should wait before sending a message again after D1 failed. */
export const INTAKE_RETRY_AFTER_S = 30;

/**
 * What the channel is told after a failed batch: a refusal of its own passes through; a fault of
 * the hub is a 503, saying whether the raw message was kept (the cron takes it in later) or not
 * (only a resend saves it), never a bare 500.
 */
async function failedIntake(db: Db, record: InboxRecord, error: unknown, now: number): Promise<HubError> {
  const kept = await keepFailed(db, record, error, now).then(
    () => true,
    (keepError: unknown) => {
      console.error('intake: the raw message could not be kept', record.channel, record.externalId, keepError);
      return false;
    },
  );
  if (error instanceof HubError && error.status < 500) return error;
  console.error('intake: batch failed', record.channel, record.externalId, error);
  return kept
    ? new HubError(
        'intake_deferred',
        '消息已收到，系统繁忙，稍后自动受理；重发不会重复受理',
        undefined,
        INTAKE_RETRY_AFTER_S,
      )
    : new HubError('intake_unavailable', '系统暂时无法受理，请稍后重新发送', undefined, INTAKE_RETRY_AFTER_S);
}

export async function intakeMessage(
  env: IntakeEnv,
  message: InboundMessage,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const db = openDb(env.DB);
  const now = options.now ?? Date.now();
  const record: InboxRecord = {
    id: newId(),
    channel: message.channel,
    externalId: message.externalId,
    receivedAt: Date.parse(message.receivedAt),
    raw: message.raw,
  };
  let insertInbox = true;
  for (let attempt = 0; attempt < 2; attempt++) {
    let written: Written;
    try {
      written = await writeMessage(env, db, message, record, insertInbox, options, now);
    } catch (err) {
      throw await failedIntake(db, record, err, now);
    }
    if (written && 'retryAfterS' in written)
      throw new HubError('rate_limited', '提交过于频繁，请稍后再试', undefined, written.retryAfterS);
    if (written) return written;
    const repeat = await resolveRepeat(db, message);
    if (!('retryInboxId' in repeat)) return repeat;
    record.id = repeat.retryInboxId;
    insertInbox = false;
  }
  throw new HubError('intake_in_progress', '该消息正在处理中，请稍后重试');
}

/** One attempt's outcome: the result, null when the inbox row was not ours (a repeat), or over the rate limit. */
type Written = IntakeResult | null | { retryAfterS: number };

type Routed = Awaited<ReturnType<typeof routeInbound>>;

function identityOf(message: InboundMessage): ContactIdentity | null {
  const { sender } = message;
  const email = sender.email?.toLowerCase() ?? null;
  if (!sender.phone && !email && !sender.openId) return null;
  return {
    newId: newId(),
    name: sender.name ?? null,
    phone: sender.phone ?? null,
    email,
    openId: sender.openId ?? null,
  };
}

/**
 * The acknowledgement to queue; the number is not known until the batch allocates it, so it
 * carries the placeholder.
 */
function acknowledgement(
  env: IntakeEnv,
  target: { channel: string; recipient: string },
  queryCode: string,
  directAnswer: string | null,
  referral: Routed['referral'],
): Acknowledgement {
  const link = trackingLink(env.PUBLIC_BASE_URL, TICKET_NO_PLACEHOLDER, queryCode).replace(
    encodeURIComponent(TICKET_NO_PLACEHOLDER),
    TICKET_NO_PLACEHOLDER,
  );
  return {
    id: newId(),
    ...target,
    subjectTemplate: `工单 ${TICKET_NO_PLACEHOLDER} 已受理`,
    bodyTemplate: directAnswer
      ? messageTexts.directAnswer(TICKET_NO_PLACEHOLDER, directAnswer)
      : messageTexts.ack(TICKET_NO_PLACEHOLDER, queryCode, link, referral),
  };
}

function draftOf(message: InboundMessage, record: InboxRecord, routing: Routed) {
  return {
    id: newId(),
    queryCode: newQueryCode(),
    channel: message.channel,
    title: message.title ?? null,
    text: message.text,
    type: routing.type,
    urgency: routing.urgency,
    lifeDanger: routing.lifeDanger,
    category: routing.category,
    locationAddress: message.location?.address ?? null,
    lat: message.location?.lat ?? null,
    lng: message.location?.lng ?? null,
    placeCode: routing.placeCode,
    districtCode: routing.districtCode,
    consentToPublish: message.consentToPublish,
    receivedAt: record.receivedAt,
    routing: routing.explanation as unknown as Record<string, unknown>,
    signature: routing.signature,
  };
}

/** The message as the batch answered it: joined to an open ticket, or a ticket of its own, or not ours. */
function outcomeOf(results: D1Result[], slots: IntakeSlots) {
  const created = slots.created.rows(results)[0];
  if (created) return { kind: 'created' as const, created, candidates: slots.candidates.rows(results) };
  const joined = slots.joined?.rows(results)[0];
  if (!joined) return null;
  return {
    kind: 'joined' as const,
    result: {
      ticketId: joined.id,
      ticketNo: joined.ticketNo,
      queryCode: joined.queryCode,
      status: joined.status,
      duplicate: false,
      appended: true,
    },
  };
}

async function writeMessage(
  env: IntakeEnv,
  db: Db,
  message: InboundMessage,
  record: InboxRecord,
  insertInbox: boolean,
  options: IntakeOptions,
  now: number,
): Promise<Written> {
  const identity = identityOf(message);
  const [routing, workingTime] = await Promise.all([routeInbound(db, message, now), loadWorkingTime(db, now)]);
  const draft = draftOf(message, record, routing);
  const directAnswer = message.hints?.directAnswer ?? null;
  const target = options.acknowledge === false ? null : deliveryTargetFor(message.channel, identity);
  const batch = new StatementBatch(env.DB);
  // The attempt is counted first, so the inbox statement sees this window's total.
  const attempt: AttemptCount | null = options.rateLimit
    ? countAttempt(env.DB, options.rateLimit.key, options.rateLimit.rule, now)
    : null;
  const counted = attempt ? batch.add(attempt.count) : null;
  if (attempt) batch.add(attempt.prune);
  const slots = addIntakeStatements(
    batch,
    env.DB,
    {
      inbox: record,
      insertInbox,
      contact: identity,
      now,
      jurisdictionCode: env.JURISDICTION_CODE,
      workingTime,
      directAnswer,
      // A chat message may join the resident's open conversation instead (decided in the batch).
      joinOpenSince: options.appendWindowMs ? now - options.appendWindowMs : undefined,
      admitIf: attempt?.withinLimit,
      // Urgent or not, a confident decision goes to the department at once; an unsure one waits
      // for a dispatcher (the manual queue), with its urgency shown.
      dispatchTo:
        routing.departmentCode && !directAnswer ? { departmentCode: routing.departmentCode, reason: '智能派单' } : null,
      draft,
      ack: target ? acknowledgement(env, target, draft.queryCode, directAnswer, routing.referral) : null,
    },
    {
      sameResidentSince: record.receivedAt - DUPLICATE_WINDOW_MS,
      samePlaceSince: record.receivedAt - HOTSPOT_WINDOW_MS,
    },
  );
  for (const statement of options.alongside ?? []) batch.add(statement);
  // Shared with concurrent intakes (tickets/group-commit.ts): each message's statements are guarded
  // by its own inbox row, so they still write all or nothing for this message.
  const results = await sharedBatch(env.DB, batch.statements);
  if (attempt && counted && !attempt.allowed(counted.rows(results))) return { retryAfterS: attempt.retryAfterS };
  const outcome = outcomeOf(results, slots);
  if (!outcome) return null;
  if (outcome.kind === 'joined') return outcome.result;

  await announceDeliveries(env, target ? [target.channel] : []);
  // A supplement to take in, a repeat to merge or a hot spot to record is rare: only then does a
  // follow-up job run.
  const created = outcome.candidates.find((c) => c.id === draft.id);
  const decision = created ? decideFollowUp(created, outcome.candidates) : null;
  const jobs: HubJob[] = needsFollowUp(decision) ? [{ kind: 'follow_up', ticketId: draft.id }] : [];
  await enqueueJobs(env, jobs);
  return {
    ticketId: draft.id,
    ticketNo: outcome.created.ticketNo,
    queryCode: draft.queryCode,
    status: directAnswer ? 'closed' : routing.departmentCode ? 'dispatched' : 'received',
    duplicate: false,
    appended: false,
    ...(routing.referral ? { referral: routing.referral } : {}),
  };
}
