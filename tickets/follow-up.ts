// The follow-up of a new ticket: a resident whose ticket awaits their supplement (一次性告知) is
// answering it, on whatever channel, so the new message is taken in as that supplement and the
// new ticket merged into it; the same resident writing about the same matter within 7 days is
// merged into their open ticket (both through the lifecycle); a bare 1/2/3 on a chat channel rates
// the resident's answered ticket (tickets/awaiting-rating.ts), and a bare 同意公开 or 不公开 records
// their consent to publish (tickets/awaiting-consent.ts); and many residents writing about one
// matter in one place form a hot spot (热点). Candidates are found by index, never by scanning
// ticket text: the resident's recent tickets, and recent tickets at the same place that share a
// MinHash band key with this one (tickets/place-bands.ts). Intake gets
// them in its own batch and decides at once (decideFollowUp); only when there is something to do
// does it queue a follow-up job, which looks again and acts (followUpTicket).
import { and, eq, gt, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { hotspots, hotspotTickets, ticketBands, tickets } from '../db/schema';
import { clusterHotspots, type DuplicateMatch, findDuplicate, type HotspotCluster, similarity } from '../routing';
import { consentAnswerColumn } from './awaiting-consent';
import { ratingDigitColumn } from './awaiting-rating';
import { recordConsentByAnswer } from './consent-by-answer';
import { newId } from './ids';
import type { LifecycleEnv, TicketRow } from './lifecycle/actor';
import { systemActor } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { insertSelect } from './lifecycle/sql-statements';
import { placeBandKeys } from './place-bands';
import { rateByDigit } from './rate-by-digit';

/** A list as one bound value (D1 binds at most 100 a statement, and a hot spot can hold more tickets). */
const listed = (values: readonly string[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;

const DAY_MS = 86_400_000;
export const HOTSPOT_WINDOW_MS = 14 * DAY_MS;
export const DUPLICATE_WINDOW_MS = 7 * DAY_MS;
/** Similarity that makes two tickets at one place the same matter (routing's hot-spot default). */
const HOTSPOT_SIMILARITY = 0.2;
const OPEN = new Set(['received', 'dispatched', 'signed', 'awaiting_supplement', 'reopened']);

export interface FollowUpTicket {
  id: string;
  contactId: string | null;
  signature: string | null;
  receivedAt: number;
  status: string;
  placeCode: string | null;
}

export interface FollowUpCandidate extends FollowUpTicket {
  ticketNo: string;
  /** When the department stopped the clock to ask the resident (awaiting_supplement). */
  clockPausedAt: number | null;
  /** 1 when the ticket's text is a bare rating digit on a chat channel (intake's read only needs it). */
  ratingDigit?: number | null;
  /** 1 when the ticket's text is a bare consent answer on a chat channel. */
  consentAnswer?: number | null;
}

/** The columns a candidate is read with, by intake's batch and by the follow-up job alike. */
export const candidateColumns = {
  id: tickets.id,
  ticketNo: tickets.ticketNo,
  contactId: tickets.contactId,
  signature: tickets.signature,
  receivedAt: tickets.receivedAt,
  status: tickets.status,
  placeCode: tickets.placeCode,
  clockPausedAt: tickets.clockPausedAt,
  ratingDigit: ratingDigitColumn,
  consentAnswer: consentAnswerColumn,
};

export interface FollowUpDecision {
  /** The resident's ticket awaiting their supplement, which this message answers. */
  supplementTo: string | null;
  /** A bare rating digit: the job looks for the resident's ticket awaiting a rating. */
  ratingDigit: boolean;
  /** A bare consent answer: the job looks for the resident's ticket it is about. */
  consentAnswer: boolean;
  duplicate: (DuplicateMatch & { ticketNo: string }) | null;
  cluster: HotspotCluster | null;
}

const nothing: FollowUpDecision = {
  supplementTo: null,
  ratingDigit: false,
  consentAnswer: false,
  duplicate: null,
  cluster: null,
};

/**
 * The resident's ticket that asked them for a supplement before this message came, the latest
 * asked if several did. Only a new ticket nobody has started on is taken as the answer.
 */
function awaitedSupplement(ticket: FollowUpTicket, candidates: readonly FollowUpCandidate[]): string | null {
  if (!ticket.contactId || (ticket.status !== 'received' && ticket.status !== 'dispatched')) return null;
  const asking = candidates
    .filter(
      (c) =>
        c.id !== ticket.id &&
        c.contactId === ticket.contactId &&
        c.status === 'awaiting_supplement' &&
        c.clockPausedAt !== null &&
        c.clockPausedAt <= ticket.receivedAt,
    )
    .sort((a, b) => b.clockPausedAt! - a.clockPausedAt!);
  return asking[0]?.ticketNo ?? null;
}

/** Pure: does the ticket rate an answer, answer a supplement request, repeat the resident, or join a hot spot? */
export function decideFollowUp(
  ticket: FollowUpTicket & Pick<FollowUpCandidate, 'ratingDigit' | 'consentAnswer'>,
  candidates: readonly FollowUpCandidate[],
): FollowUpDecision {
  // Whether a rating or a consent answer awaits is the job's one read (it may lie beyond the
  // candidates' window).
  if (ticket.contactId && ticket.status === 'received') {
    if (ticket.ratingDigit) return { ...nothing, ratingDigit: true };
    if (ticket.consentAnswer) return { ...nothing, consentAnswer: true };
  }
  const supplementTo = awaitedSupplement(ticket, candidates);
  if (supplementTo) return { ...nothing, supplementTo };
  if (!ticket.signature || ticket.status === 'merged') return nothing;
  const others = candidates.filter((c) => c.id !== ticket.id && c.signature);
  const match = findDuplicate(
    { contactKey: ticket.contactId, signature: ticket.signature },
    others
      .filter((c) => c.receivedAt <= ticket.receivedAt)
      .map((c) => ({
        ticketId: c.id,
        contactKey: c.contactId,
        signature: c.signature!,
        receivedAt: c.receivedAt,
        open: OPEN.has(c.status),
      })),
    ticket.receivedAt,
    { windowMs: DUPLICATE_WINDOW_MS },
  );
  // Only a ticket nobody has started on is folded away; one a department signed stays.
  if (match && (ticket.status === 'received' || ticket.status === 'dispatched')) {
    const ticketNo = others.find((c) => c.id === match.ticketId)!.ticketNo;
    return { ...nothing, duplicate: { ...match, ticketNo } };
  }
  if (!ticket.placeCode) return nothing;
  // The hot spot this ticket belongs to is made of tickets like it: comparing against the new
  // ticket first keeps the work linear in the tickets at the place, and the clustering small.
  const signature = ticket.signature;
  const alike = others.filter(
    (c) =>
      c.placeCode === ticket.placeCode &&
      c.status !== 'merged' &&
      similarity(signature, c.signature!) >= HOTSPOT_SIMILARITY,
  );
  const clusters = clusterHotspots(
    [ticket, ...alike].map((c) => ({
      ticketId: c.id,
      signature: c.signature!,
      placeCode: c.placeCode,
      receivedAt: c.receivedAt,
      contactKey: c.contactId,
    })),
    { now: ticket.receivedAt, windowMs: HOTSPOT_WINDOW_MS, threshold: HOTSPOT_SIMILARITY },
  );
  return { ...nothing, cluster: clusters.find((c) => c.ticketIds.includes(ticket.id)) ?? null };
}

export interface FollowUpOutcome {
  mergedInto: string | null;
  hotspotId: string | null;
  /** The ticket a bare digit rated; then the digit's own ticket is closed. */
  ratedTicketNo?: string;
  /** The ticket a bare consent answer was recorded on; then the answer's own ticket is closed. */
  consentTicketNo?: string;
}

/** A ticket's follow-up needs a job only when the decision asks for something to be done. */
export function needsFollowUp(decision: FollowUpDecision | null): boolean {
  return !!(
    decision?.supplementTo ||
    decision?.ratingDigit ||
    decision?.consentAnswer ||
    decision?.duplicate ||
    decision?.cluster
  );
}

/**
 * The resident's message answers the supplement request: its words go into the waiting ticket
 * and restart its clock as of the message's arrival (never later than now), and the new ticket is
 * merged into it. The inbox keeps the raw message; the merged ticket keeps its own text.
 */
async function takeAsSupplement(lifecycle: LifecycleEnv, ticket: TicketRow, intoTicketNo: string): Promise<void> {
  const now = Math.min(ticket.receivedAt, Date.now());
  await applyAction(lifecycle, intoTicketNo, 'supplement', systemActor, { text: ticket.text }, { now });
  await applyAction(
    lifecycle,
    ticket.ticketNo,
    'merge',
    systemActor,
    { intoTicketNo, reason: '群众补充材料，并入待补充的原工单' },
    { now },
  );
}

/** The queue job: loads the ticket and its candidates again, decides, and acts. */
export async function followUpTicket(lifecycle: LifecycleEnv, ticketId: string): Promise<FollowUpOutcome> {
  const { db } = lifecycle;
  const ticket = await db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
  if (!ticket || (!ticket.contactId && !ticket.placeCode)) return { mergedInto: null, hotspotId: null };
  const ratedTicketNo = await rateByDigit(lifecycle, ticket);
  if (ratedTicketNo) return { mergedInto: null, hotspotId: null, ratedTicketNo };
  const consentTicketNo = await recordConsentByAnswer(lifecycle, ticket);
  if (consentTicketNo) return { mergedInto: null, hotspotId: null, consentTicketNo };
  const near: SQL[] = [];
  if (ticket.contactId) near.push(sameResident(ticket.contactId, ticket.receivedAt - DUPLICATE_WINDOW_MS));
  const keys = placeBandKeys(ticket.placeCode, ticket.signature);
  if (keys.length > 0) {
    const alike = db
      .select({ id: ticketBands.ticketId })
      .from(ticketBands)
      .where(
        and(inArray(ticketBands.band, listed(keys)), gt(ticketBands.receivedAt, ticket.receivedAt - HOTSPOT_WINDOW_MS)),
      );
    near.push(inArray(tickets.id, alike));
  }
  const candidates = await db
    .select(candidateColumns)
    .from(tickets)
    .where(and(or(...near), ne(tickets.id, ticket.id)))
    .limit(1000);
  const decision = decideFollowUp(ticket, candidates);
  if (decision.supplementTo) {
    await takeAsSupplement(lifecycle, ticket, decision.supplementTo);
    return { mergedInto: decision.supplementTo, hotspotId: null };
  }
  if (decision.duplicate) {
    await applyAction(lifecycle, ticket.ticketNo, 'merge', systemActor, {
      intoTicketNo: decision.duplicate.ticketNo,
      reason: `同一群众7日内重复反映（相似度 ${decision.duplicate.similarity.toFixed(2)}）`,
    });
    return { mergedInto: decision.duplicate.ticketNo, hotspotId: null };
  }
  return { mergedInto: null, hotspotId: decision.cluster ? await saveHotspot(db, decision.cluster) : null };
}

/**
 * The resident's tickets a new one of theirs is compared with: those of the repeat window, and
 * any still awaiting their supplement, however long ago it was asked for.
 */
export function sameResident(contactId: SQL | string, since: number): SQL {
  return and(
    eq(tickets.contactId, contactId),
    or(gt(tickets.receivedAt, since), eq(tickets.status, 'awaiting_supplement')),
  )!;
}

/** Records the hot spot, or grows the one its tickets already belong to. */
export async function saveHotspot(db: Db, cluster: HotspotCluster): Promise<string> {
  const [known, members] = await db.batch([
    db
      .select({ id: hotspotTickets.hotspotId })
      .from(hotspotTickets)
      .where(inArray(hotspotTickets.ticketId, listed(cluster.ticketIds)))
      .limit(1),
    db
      .select({
        id: tickets.id,
        title: tickets.title,
        text: tickets.text,
        category: tickets.category,
        receivedAt: tickets.receivedAt,
      })
      .from(tickets)
      .where(inArray(tickets.id, listed(cluster.ticketIds))),
  ]);
  const id = known[0]?.id ?? newId();
  const first = members.sort((a, b) => a.receivedAt - b.receivedAt)[0]!;
  const row = {
    placeCode: cluster.placeCode,
    category: first.category,
    title: first.title ?? first.text.slice(0, 30),
    size: cluster.size,
    firstAt: cluster.firstAt,
    lastAt: cluster.lastAt,
  };
  await db.batch([
    db
      .insert(hotspots)
      .values({ id, ...row })
      .onConflictDoUpdate({ target: hotspots.id, set: row }),
    insertSelect(
      db,
      hotspotTickets,
      { hotspotId: id, ticketId: sql`value` },
      { from: sql`json_each(${JSON.stringify(cluster.ticketIds)})`, where: sql`1` },
    ).onConflictDoNothing(),
  ]);
  return id;
}

/** Drops band keys older than the hot-spot window (the cron): no later ticket can use them. */
export async function pruneBandKeys(db: Db, now: number): Promise<void> {
  await db.delete(ticketBands).where(lt(ticketBands.receivedAt, now - HOTSPOT_WINDOW_MS));
}
