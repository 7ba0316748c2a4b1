// The follow-up of a new ticket, run from the queue right after intake: the same resident
// writing about the same matter within 7 days is merged into their open ticket (through the
// lifecycle), and many residents writing about one matter in one place form a hot spot (热点).
// Candidates come from the signature's LSH bands (an indexed equality lookup), never from a
// scan of ticket text; the pure decisions are routing's findDuplicate and clusterHotspots.
import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { hotspots, hotspotTickets, ticketSignatureBands, tickets } from '../db/schema';
import { clusterHotspots, findDuplicate, signatureBands } from '../routing';
import { newId } from './ids';
import { applyAction, systemActor, type LifecycleEnv } from './lifecycle';

const DAY_MS = 86_400_000;
export const HOTSPOT_WINDOW_MS = 14 * DAY_MS;
const DUPLICATE_WINDOW_MS = 7 * DAY_MS;
const OPEN = new Set(['received', 'dispatched', 'signed', 'awaiting_supplement', 'reopened']);

export interface FollowUpOutcome {
  mergedInto: string | null;
  hotspotId: string | null;
}

export async function followUpTicket(lifecycle: LifecycleEnv, ticketId: string): Promise<FollowUpOutcome> {
  const { db } = lifecycle;
  const ticket = await db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
  if (!ticket?.signature || ticket.status === 'merged') return { mergedInto: null, hotspotId: null };
  const bands = signatureBands(ticket.signature);
  const candidateIds = db
    .selectDistinct({ id: ticketSignatureBands.ticketId })
    .from(ticketSignatureBands)
    .where(and(inArray(ticketSignatureBands.band, bands), gt(ticketSignatureBands.receivedAt, ticket.receivedAt - HOTSPOT_WINDOW_MS)));
  const candidates = await db
    .select({ id: tickets.id, ticketNo: tickets.ticketNo, contactId: tickets.contactId, signature: tickets.signature, receivedAt: tickets.receivedAt, status: tickets.status, placeCode: tickets.placeCode, title: tickets.title, text: tickets.text, category: tickets.category })
    .from(tickets)
    .where(and(inArray(tickets.id, candidateIds), ne(tickets.id, ticket.id)));

  const duplicate = findDuplicate(
    { contactKey: ticket.contactId, signature: ticket.signature },
    candidates.filter((c) => c.signature && c.receivedAt <= ticket.receivedAt).map((c) => ({ ticketId: c.id, contactKey: c.contactId, signature: c.signature!, receivedAt: c.receivedAt, open: OPEN.has(c.status) })),
    ticket.receivedAt,
    { windowMs: DUPLICATE_WINDOW_MS },
  );
  // Only a ticket nobody has started on is folded away; one a department signed stays.
  if (duplicate && (ticket.status === 'received' || ticket.status === 'dispatched')) {
    const into = candidates.find((c) => c.id === duplicate.ticketId)!;
    await applyAction(lifecycle, ticket.ticketNo, 'merge', systemActor, { intoTicketNo: into.ticketNo, reason: `同一群众7日内重复反映（相似度 ${duplicate.similarity.toFixed(2)}）` });
    return { mergedInto: into.ticketNo, hotspotId: null };
  }

  if (!ticket.placeCode) return { mergedInto: null, hotspotId: null };
  const sameplace = candidates.filter((c) => c.placeCode === ticket.placeCode && c.signature && c.status !== 'merged');
  const clusters = clusterHotspots(
    [ticket, ...sameplace].map((c) => ({ ticketId: c.id, signature: c.signature!, placeCode: c.placeCode, receivedAt: c.receivedAt, contactKey: c.contactId })),
    { now: ticket.receivedAt, windowMs: HOTSPOT_WINDOW_MS },
  );
  const cluster = clusters.find((c) => c.ticketIds.includes(ticket.id));
  if (!cluster) return { mergedInto: null, hotspotId: null };
  return { mergedInto: null, hotspotId: await saveHotspot(db, cluster, [ticket, ...sameplace]) };
}

async function saveHotspot(
  db: Db,
  cluster: ReturnType<typeof clusterHotspots>[number],
  rows: Array<{ id: string; title: string | null; text: string; category: string | null; receivedAt: number }>,
): Promise<string> {
  const known = await db.select({ id: hotspotTickets.hotspotId }).from(hotspotTickets).where(inArray(hotspotTickets.ticketId, cluster.ticketIds)).limit(1);
  const id = known[0]?.id ?? newId();
  const first = rows.filter((r) => cluster.ticketIds.includes(r.id)).sort((a, b) => a.receivedAt - b.receivedAt)[0]!;
  const row = {
    placeCode: cluster.placeCode,
    category: first.category,
    title: first.title ?? first.text.slice(0, 30),
    size: cluster.size,
    firstAt: cluster.firstAt,
    lastAt: cluster.lastAt,
  };
  await db.batch([
    db.insert(hotspots).values({ id, ...row }).onConflictDoUpdate({ target: hotspots.id, set: row }),
    db.insert(hotspotTickets).values(cluster.ticketIds.map((ticketId) => ({ hotspotId: id, ticketId }))).onConflictDoNothing(),
  ]);
  return id;
}
