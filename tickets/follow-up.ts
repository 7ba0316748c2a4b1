// The follow-up of a new ticket, run from the queue right after intake: the same resident
// writing about the same matter within 7 days is merged into their open ticket (through the
// lifecycle), and many residents writing about one matter in one place form a hot spot (热点).
// Candidates are found by index, never by scanning ticket text: the resident's recent tickets
// (tickets_contact) and recent tickets at the same place (tickets_place). The decisions compare
// the MinHash signatures stored with each ticket, in routing's pure findDuplicate and
// clusterHotspots.
import { and, eq, gt, inArray, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { hotspots, hotspotTickets, tickets } from '../db/schema';
import { clusterHotspots, findDuplicate, type HotspotCluster } from '../routing';
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

const none: FollowUpOutcome = { mergedInto: null, hotspotId: null };

export async function followUpTicket(lifecycle: LifecycleEnv, ticketId: string): Promise<FollowUpOutcome> {
  const { db } = lifecycle;
  const ticket = await db.query.tickets.findFirst({ where: eq(tickets.id, ticketId) });
  if (!ticket?.signature || ticket.status === 'merged' || (!ticket.contactId && !ticket.placeCode)) return none;
  const near: SQL[] = [];
  if (ticket.contactId) near.push(and(eq(tickets.contactId, ticket.contactId), gt(tickets.receivedAt, ticket.receivedAt - DUPLICATE_WINDOW_MS))!);
  if (ticket.placeCode) near.push(and(eq(tickets.placeCode, ticket.placeCode), gt(tickets.receivedAt, ticket.receivedAt - HOTSPOT_WINDOW_MS))!);
  const candidates = await db
    .select({ id: tickets.id, ticketNo: tickets.ticketNo, contactId: tickets.contactId, signature: tickets.signature, receivedAt: tickets.receivedAt, status: tickets.status, placeCode: tickets.placeCode, title: tickets.title, text: tickets.text, category: tickets.category })
    .from(tickets)
    .where(and(or(...near), ne(tickets.id, ticket.id)))
    .limit(1000);

  const duplicate = findDuplicate(
    { contactKey: ticket.contactId, signature: ticket.signature },
    candidates
      .filter((c) => c.signature && c.receivedAt <= ticket.receivedAt)
      .map((c) => ({ ticketId: c.id, contactKey: c.contactId, signature: c.signature!, receivedAt: c.receivedAt, open: OPEN.has(c.status) })),
    ticket.receivedAt,
    { windowMs: DUPLICATE_WINDOW_MS },
  );
  // Only a ticket nobody has started on is folded away; one a department signed stays.
  if (duplicate && (ticket.status === 'received' || ticket.status === 'dispatched')) {
    const into = candidates.find((c) => c.id === duplicate.ticketId)!;
    await applyAction(lifecycle, ticket.ticketNo, 'merge', systemActor, { intoTicketNo: into.ticketNo, reason: `同一群众7日内重复反映（相似度 ${duplicate.similarity.toFixed(2)}）` });
    return { mergedInto: into.ticketNo, hotspotId: null };
  }

  if (!ticket.placeCode) return none;
  const samePlace = [ticket, ...candidates.filter((c) => c.placeCode === ticket.placeCode && c.signature && c.status !== 'merged')];
  const clusters = clusterHotspots(
    samePlace.map((c) => ({ ticketId: c.id, signature: c.signature!, placeCode: c.placeCode, receivedAt: c.receivedAt, contactKey: c.contactId })),
    { now: ticket.receivedAt, windowMs: HOTSPOT_WINDOW_MS },
  );
  const cluster = clusters.find((c) => c.ticketIds.includes(ticket.id));
  if (!cluster) return none;
  return { mergedInto: null, hotspotId: await saveHotspot(db, cluster, samePlace) };
}

async function saveHotspot(
  db: Db,
  cluster: HotspotCluster,
  rows: Array<{ id: string; title: string | null; text: string; category: string | null; receivedAt: number }>,
): Promise<string> {
  const known = await db.select({ id: hotspotTickets.hotspotId }).from(hotspotTickets).where(inArray(hotspotTickets.ticketId, cluster.ticketIds)).limit(1);
  const id = known[0]?.id ?? newId();
  const first = rows.filter((r) => cluster.ticketIds.includes(r.id)).sort((a, b) => a.receivedAt - b.receivedAt)[0]!;
  const row = { placeCode: cluster.placeCode, category: first.category, title: first.title ?? first.text.slice(0, 30), size: cluster.size, firstAt: cluster.firstAt, lastAt: cluster.lastAt };
  await db.batch([
    db.insert(hotspots).values({ id, ...row }).onConflictDoUpdate({ target: hotspots.id, set: row }),
    db.insert(hotspotTickets).values(cluster.ticketIds.map((ticketId) => ({ hotspotId: id, ticketId }))).onConflictDoNothing(),
  ]);
  return id;
}
