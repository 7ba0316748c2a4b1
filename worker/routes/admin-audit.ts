// GET /api/v1/admin/audit?ticketNo=: who read which resident's contact details, and when
// (tickets/contact-audit.ts writes the records), newest first, for admins only. Without a ticket
// number, the latest reads across tickets, a page at a time.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import {
  type ContactReadKind,
  contactReadCursor,
  contactReadKinds,
  contactReadLabels,
  listContactReads,
  ticketNoPattern,
} from '../../tickets/contact-audit';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

const contactReadSchema = z
  .object({
    at: z.string().openapi({ description: 'When it was read (ISO 8601, UTC)', example: '2026-11-22T02:00:00.000Z' }),
    username: z.string().openapi({ example: 'gaj.handler' }),
    ticketNo: z.string().openapi({ example: 'A2026112200001' }),
    what: z.enum(contactReadKinds).openapi({
      description: 'contact: name, phone, e-mail in the ticket view; raw: an original message that names its sender',
    }),
    whatLabel: z.string().openapi({ example: contactReadLabels.contact }),
  })
  .openapi('ContactRead');

const query = z.object({
  ticketNo: z
    .string()
    .trim()
    .toUpperCase()
    .regex(ticketNoPattern, '工单号格式不正确')
    .optional()
    .openapi({ description: 'One ticket’s reads; without it, every ticket’s', example: 'A2026112200001' }),
  before: z
    .string()
    .regex(contactReadCursor, '应为上一页的 next')
    .optional()
    .openapi({ description: 'Cursor: `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const app = createApi<StaffVariables>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: "Staff reads of residents' contact details, newest first (admins)",
    description: 'Append-only: the records cannot be changed or deleted, by admins either.',
    middleware: [requireStaff('admin')] as const,
    security: [{ staffSession: [] }],
    request: { query },
    responses: {
      200: {
        description: 'A page of reads',
        content: {
          'application/json': { schema: z.object({ items: z.array(contactReadSchema), next: z.string().nullable() }) },
        },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { items, next } = await listContactReads(openDb(c.env.DB), c.req.valid('query'));
    return c.json(
      {
        items: items.map((r) => ({
          at: new Date(r.at).toISOString(),
          username: r.username,
          ticketNo: r.ticketNo,
          what: r.what as ContactReadKind,
          whatLabel: contactReadLabels[r.what as ContactReadKind] ?? r.what,
        })),
        next,
      },
      200,
    );
  },
);

export default app;
