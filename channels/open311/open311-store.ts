// The Open311 channel's reads: tickets for GET requests, and the token lookup. Plain D1
// statements in one place. What the public may read of a request comes from its publication
// (政务公开): published means its publication row is `published`, and then only the stored,
// redacted texts are read (never tickets.text, never contacts), the place only then too. A
// request looked up by its id comes back whether published or not (the client that sent it polls
// its status); `published` says how much of it the answer may show.

export interface RequestRow {
  ticketNo: string;
  status: string;
  channel: string;
  /** An Open311 ticket's title is the service's name; any other ticket's title is not read. */
  serviceTitle: string | null;
  category: string | null;
  receivedAt: number;
  updatedAt: number;
  deadlineAt: number | null;
  /** Its publication is `published`: the fields below are set only then. */
  published: boolean;
  publicTitle: string | null;
  publicQuestion: string | null;
  publicReply: string | null;
  publicAddress: string | null;
  departmentName: string | null;
  lat: number | null;
  lng: number | null;
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

// Everything public is read through `shown`: an unpublished request's texts and place stay in D1.
const shown = (column: string) => `CASE WHEN p.status = 'published' THEN ${column} END`;

const columns = `t.ticket_no AS ticketNo, t.status, t.channel,
  CASE WHEN t.channel = 'open311' THEN t.title END AS serviceTitle, t.category,
  t.received_at AS receivedAt, t.updated_at AS updatedAt, t.deadline_at AS deadlineAt,
  coalesce(p.status = 'published', 0) AS published,
  ${shown('p.title')} AS publicTitle, ${shown('p.question')} AS publicQuestion,
  ${shown('p.reply')} AS publicReply, ${shown('p.address')} AS publicAddress,
  ${shown('d.name')} AS departmentName, ${shown('t.lat')} AS lat, ${shown('t.lng')} AS lng,
  m.ticket_no AS mergedIntoNo, m.status AS mergedIntoStatus`;

const from = `FROM tickets t LEFT JOIN publications p ON p.ticket_id = t.id
  LEFT JOIN departments d ON d.code = p.department_code
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
    where.push(`p.status = 'published' AND t.received_at >= ? AND t.received_at <= ?`);
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
