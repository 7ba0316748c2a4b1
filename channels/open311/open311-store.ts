// The Open311 channel's reads: tickets for GET requests, and the token lookup. Plain D1
// statements in one place, reading only ticket columns (never contacts); the core has no
// public-ticket query yet, move this there when it does. A request looked up by its id comes
// back whether published or not (the client that sent it polls its status); `published` says
// how much of it the answer may show.

export interface RequestRow {
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
  /** The resident consented and the ticket stands on its own (not merged into another). */
  published: boolean;
  /** For a merged ticket, the ticket it went into and that ticket's status. */
  mergedIntoNo: string | null;
  mergedIntoStatus: string | null;
}

type TicketRowFromD1 = Omit<RequestRow, 'published'> & { published: number };

export interface RequestFilter {
  /** These requests, published or not; without them, the published requests of [startMs, endMs]. */
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
  t.updated_at AS updatedAt, t.deadline_at AS deadlineAt, d.name AS departmentName,
  (t.consent_to_publish = 1 AND t.status <> 'merged') AS published,
  m.ticket_no AS mergedIntoNo, m.status AS mergedIntoStatus`;

const from = `FROM tickets t LEFT JOIN departments d ON d.code = t.lead_department_code
  LEFT JOIN tickets m ON m.id = t.merged_into_id`;

const toRow = (r: TicketRowFromD1): RequestRow => ({ ...r, published: r.published === 1 });

/**
 * Published requests in a period, or the named requests published or not. Lists travel as one
 * bound JSON array each (json_each), so any number of ids stays within D1's 100 bound parameters.
 */
export async function findRequests(env: Env, f: RequestFilter): Promise<RequestRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.ticketNos && f.ticketNos.length > 0) {
    where.push('t.ticket_no IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(f.ticketNos));
  } else {
    where.push(`t.consent_to_publish = 1 AND t.status <> 'merged' AND t.received_at >= ? AND t.received_at <= ?`);
    args.push(f.startMs, f.endMs);
  }
  if (f.serviceNames && f.serviceNames.length > 0) {
    where.push(
      `(t.category IN (SELECT value FROM json_each(?))
        OR (t.channel = 'open311' AND t.title IN (SELECT value FROM json_each(?))))`,
    );
    const names = JSON.stringify(f.serviceNames);
    args.push(names, names);
  }
  if (f.statuses && f.statuses.length === 1) {
    // A merged ticket is as open as the ticket it went into.
    where.push(`coalesce(m.status, t.status) ${f.statuses[0] === 'closed' ? '=' : '<>'} 'closed'`);
  }
  const sql = `SELECT ${columns} ${from} WHERE ${where.join(' AND ')} ORDER BY t.received_at DESC LIMIT ?`;
  const { results } = await env.DB.prepare(sql)
    .bind(...args, f.limit)
    .all<TicketRowFromD1>();
  return results.map(toRow);
}

/** One request by its id, published or not (null when there is no such ticket). */
export async function findRequest(env: Env, ticketNo: string): Promise<RequestRow | null> {
  const row = await env.DB.prepare(`SELECT ${columns} ${from} WHERE t.ticket_no = ?`)
    .bind(ticketNo)
    .first<TicketRowFromD1>();
  return row ? toRow(row) : null;
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
