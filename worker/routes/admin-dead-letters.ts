// Dead letters: messages to residents that used up their retries (or that no retry could send),
// newest first, for an admin to see why and send again. An admin needs the channel and enough
// of the address to recognise it, not the resident's number or the message itself (an
// acknowledgement carries the query code).
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { outbox, tickets } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { resendDelivery } from '../../tickets/outbox';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

/** 138****5678, z***@example.com, oAbc****: the shape of the address, not the address. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const [name = '', domain = ''] = recipient.split('@');
    return `${name.slice(0, 1)}***@${domain}`;
  }
  if (channel === 'sms' || /^\+?\d{7,}$/.test(recipient)) return `${recipient.slice(0, 3)}****${recipient.slice(-4)}`;
  return `${recipient.slice(0, 4)}****`;
}

const deadLetterSchema = z
  .object({
    id: z.string(),
    ticketNo: z.string().nullable(),
    channel: z.string(),
    recipient: z.string().openapi({ description: 'Masked', example: '138****5678' }),
    kind: z.enum(['ack', 'supplement_request', 'reply', 'notice']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('DeadLetter');

const cursor = z
  .string()
  .regex(/^\d{1,15}_[\w-]{1,64}$/, 'a cursor from the previous page')
  .optional()
  .openapi({ description: 'Cursor: `next` of the previous page' });

const app = createApi<StaffVariables>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Deliveries to residents that failed for good, newest first (admins)',
    middleware: [requireStaff('admin')] as const,
    security: [{ staffSession: [] }],
    request: { query: z.object({ before: cursor, limit: z.coerce.number().int().min(1).max(100).default(50) }) },
    responses: {
      200: {
        description: 'A page of dead letters',
        content: {
          'application/json': { schema: z.object({ items: z.array(deadLetterSchema), next: z.string().nullable() }) },
        },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { before, limit } = c.req.valid('query');
    const filters: SQL[] = [eq(outbox.status, 'failed')];
    if (before) {
      const [at, id] = [Number(before.slice(0, before.indexOf('_'))), before.slice(before.indexOf('_') + 1)];
      filters.push(or(lt(outbox.createdAt, at), and(eq(outbox.createdAt, at), lt(outbox.id, id)))!);
    }
    const rows = await openDb(c.env.DB)
      .select({
        id: outbox.id,
        ticketNo: tickets.ticketNo,
        channel: outbox.channel,
        recipient: outbox.recipient,
        kind: outbox.kind,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
      })
      .from(outbox)
      .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
      .where(and(...filters))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        items: page.map((r) => ({
          ...r,
          recipient: maskRecipient(r.channel, r.recipient),
          createdAt: new Date(r.createdAt).toISOString(),
        })),
        next: rows.length > limit && last ? `${last.createdAt}_${last.id}` : null,
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/resend',
    summary: 'Put a dead letter back in the queue and send it now (admins)',
    middleware: [requireStaff('admin')] as const,
    security: [{ staffSession: [] }],
    request: { params: z.object({ id: z.string().min(1).max(64) }) },
    responses: {
      200: {
        description: 'Queued again',
        content: {
          'application/json': { schema: z.object({ id: z.string(), status: z.literal('pending') }) },
        },
      },
      ...errorResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const row = await resendDelivery(c.env, openDb(c.env.DB), c.req.valid('param').id);
    if (!row) throw new HubError('delivery_not_found', '没有这条投递失败的消息（可能已重新发送）');
    return c.json({ id: row.id, status: 'pending' as const }, 200);
  },
);

export default app;
