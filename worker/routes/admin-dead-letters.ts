// Dead letters: messages to residents that used up their retries (or that no retry could send),
// newest first, for an admin to see why and send again (the reading and masking are in
// ./dead-letters.ts, shared with the admins' workbench page).
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import { resendDelivery } from '../../tickets/outbox';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { listDeadLetters } from './dead-letters';

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
    const { items, next } = await listDeadLetters(openDb(c.env.DB), c.req.valid('query'));
    return c.json({ items: items.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })), next }, 200);
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
