// The hub side of the Wechaty bridge reads and marks its own outbox rows here (channel
// `wechaty`): the bridge pulls them, because a personal WeChat account cannot be reached from
// the Worker, only from the long-running bridge process that is logged in to it.

/** After this many failed deliveries reported by the bridge, a row is given up (failed). */
export const wechatyMaxAttempts = 8;

export interface PendingWechatyDelivery {
  id: string;
  ticketId: string | null;
  recipient: string;
  subject: string | null;
  body: string;
}

export async function pendingWechatyDeliveries(db: D1Database, limit: number): Promise<PendingWechatyDelivery[]> {
  const { results } = await db
    .prepare(
      'SELECT id, ticket_id AS ticketId, recipient, subject, body FROM outbox ' +
        "WHERE channel = 'wechaty' AND status = 'pending' ORDER BY created_at, id LIMIT ?1",
    )
    .bind(limit)
    .all<PendingWechatyDelivery>();
  return results;
}

/**
 * Where the resident last wrote about each ticket: the group chat (room) if it was one. The
 * inbox keeps the bridge's JSON verbatim, so the room is read back from there rather than
 * stored a second time.
 */
export async function roomsOfTickets(db: D1Database, ticketIds: string[]): Promise<Map<string, string>> {
  const rooms = new Map<string, string>();
  if (ticketIds.length === 0) return rooms;
  const placeholders = ticketIds.map((_, i) => `?${i + 1}`).join(', ');
  const { results } = await db
    .prepare(
      `SELECT ticket_id AS ticketId, raw FROM inbox WHERE channel = 'wechaty' AND ticket_id IN (${placeholders}) ` +
        'ORDER BY received_at DESC',
    )
    .bind(...ticketIds)
    .all<{ ticketId: string; raw: string }>();
  const seen = new Set<string>();
  for (const row of results) {
    if (seen.has(row.ticketId)) continue;
    seen.add(row.ticketId);
    try {
      const roomId = (JSON.parse(row.raw) as { roomId?: unknown }).roomId;
      if (typeof roomId === 'string' && roomId) rooms.set(row.ticketId, roomId);
    } catch {
      // A row that is not the bridge's JSON cannot name a room: answer in private.
    }
  }
  return rooms;
}

export type AckOutcome = 'sent' | 'retry' | 'failed' | 'unknown' | 'done';

/** Marks one of the bridge's deliveries: sent, or failed once more (given up after the limit). */
export async function acknowledgeWechatyDelivery(
  db: D1Database,
  id: string,
  outcome: { ok: true } | { ok: false; error: string },
  nowMs: number,
): Promise<AckOutcome> {
  const row = await db
    .prepare("SELECT status, attempts FROM outbox WHERE id = ?1 AND channel = 'wechaty'")
    .bind(id)
    .first<{ status: string; attempts: number }>();
  if (!row) return 'unknown';
  // Acks are repeated when the bridge's first one got lost: a finished row stays as it is.
  if (row.status !== 'pending') return 'done';
  if (outcome.ok) {
    await db
      .prepare(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = NULL " +
          "WHERE id = ?1 AND status = 'pending'",
      )
      .bind(id, nowMs)
      .run();
    return 'sent';
  }
  const attempts = row.attempts + 1;
  const status = attempts >= wechatyMaxAttempts ? 'failed' : 'pending';
  await db
    .prepare("UPDATE outbox SET status = ?2, attempts = ?3, last_error = ?4 WHERE id = ?1 AND status = 'pending'")
    .bind(id, status, attempts, outcome.error.slice(0, 1000))
    .run();
  return status === 'failed' ? 'failed' : 'retry';
}
