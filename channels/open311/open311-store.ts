// The Open311 channel's reads: published (consented) tickets for GET requests, and the token
// lookup. Plain D1 statements in one place, reading only the columns the public may see
// (never contacts); the core has no public-ticket query yet, move this there when it does.

export interface PublicTicketRow {
  ticketNo: string;
  status: string;
  channel: string;
  title: string | null;
  text: string;
  category: string | null;
  locationAddress: string | null;
  lat: number | null;
  lng: number | null;
  receivedAt: number;
  updatedAt: number;
  deadlineAt: number | null;
  departmentName: string | null;
}

export interface PublicRequestFilter {
  ticketNos?: string[];
  /** Tickets whose category is this name, or Open311 tickets filed under this service name. */
  serviceNames?: string[];
  startMs: number;
  endMs: number;
  statuses?: ('open' | 'closed')[];
  limit: number;
}

const columns = `t.ticket_no AS ticketNo, t.status, t.channel, t.title, t.text, t.category,
  t.location_address AS locationAddress, t.lat, t.lng, t.received_at AS receivedAt,
  t.updated_at AS updatedAt, t.deadline_at AS deadlineAt, d.name AS departmentName`;

const from = `FROM tickets t LEFT JOIN departments d ON d.code = t.lead_department_code
  WHERE t.consent_to_publish = 1 AND t.status <> 'merged'`;

export async function findPublicRequests(env: Env, f: PublicRequestFilter): Promise<PublicTicketRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.ticketNos && f.ticketNos.length > 0) {
    where.push(`t.ticket_no IN (${f.ticketNos.map(() => '?').join(',')})`);
    args.push(...f.ticketNos);
  } else {
    where.push('t.received_at >= ? AND t.received_at <= ?');
    args.push(f.startMs, f.endMs);
  }
  if (f.serviceNames && f.serviceNames.length > 0) {
    const marks = f.serviceNames.map(() => '?').join(',');
    where.push(`(t.category IN (${marks}) OR (t.channel = 'open311' AND t.title IN (${marks})))`);
    args.push(...f.serviceNames, ...f.serviceNames);
  }
  if (f.statuses && f.statuses.length === 1) {
    where.push(f.statuses[0] === 'closed' ? `t.status = 'closed'` : `t.status <> 'closed'`);
  }
  const sql = `SELECT ${columns} ${from} AND ${where.join(' AND ')} ORDER BY t.received_at DESC LIMIT ?`;
  const { results } = await env.DB.prepare(sql)
    .bind(...args, f.limit)
    .all<PublicTicketRow>();
  return results;
}

export async function findPublicRequest(env: Env, ticketNo: string): Promise<PublicTicketRow | null> {
  return env.DB.prepare(`SELECT ${columns} ${from} AND t.ticket_no = ?`).bind(ticketNo).first<PublicTicketRow>();
}

/** The request id an Open311 token stands for; the token is the request's inbox externalId. */
export async function findRequestIdForToken(env: Env, token: string): Promise<string | null> {
  const row = await env.DB.prepare(
    `SELECT t.ticket_no AS ticketNo FROM inbox i JOIN tickets t ON t.id = i.ticket_id
     WHERE i.channel = 'open311' AND i.external_id = ?`,
  )
    .bind(token)
    .first<{ ticketNo: string }>();
  return row?.ticketNo ?? null;
}
