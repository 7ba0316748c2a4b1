// Canned replies (常用答复): answers to a category's common consultations that a department may
// start its reply from. Admins keep them; everyone who writes or checks replies reads them.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { cannedReplies } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import {
  addCannedReply,
  type CannedReplyRow,
  cannedReplyFields,
  cannedReplyInput,
  cannedReplyPatch,
  changeCannedReply,
  listCannedReplies,
} from './canned-replies';

const replySchema = z.object({ id: z.string(), ...cannedReplyFields, updatedAt: z.string() }).openapi('CannedReply');
const idParam = z.object({ id: z.string().min(1).max(60) });

const view = (r: CannedReplyRow) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

const app = createApi<StaffVariables>();
const admins = requireStaff('admin');
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Canned replies, by category (everyone who works tickets)',
    middleware: [requireStaff('admin', 'dispatcher', 'supervisor', 'handler', 'reviewer')] as const,
    security,
    request: {
      query: z.object({
        category: z.string().trim().min(1).max(50).optional(),
        active: z.enum(['true', 'false']).optional(),
      }),
    },
    responses: {
      200: {
        description: 'Canned replies, by category then title',
        content: { 'application/json': { schema: z.object({ items: z.array(replySchema) }) } },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const active = q.active === undefined ? undefined : q.active === 'true';
    const rows = await listCannedReplies(openDb(c.env.DB), { ...q, active });
    return c.json({ items: rows.map(view) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Add a canned reply (admins)',
    middleware: [admins] as const,
    security,
    request: { body: { required: true, content: { 'application/json': { schema: cannedReplyInput } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: replySchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const row = await addCannedReply(openDb(c.env.DB), c.req.valid('json'));
    return c.json(view(row), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Change or withdraw a canned reply (admins)',
    middleware: [admins] as const,
    security,
    request: {
      params: idParam,
      body: { required: true, content: { 'application/json': { schema: cannedReplyPatch } } },
    },
    responses: {
      200: { description: 'The canned reply as changed', content: { 'application/json': { schema: replySchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const row = await changeCannedReply(openDb(c.env.DB), c.req.valid('param').id, c.req.valid('json'));
    return c.json(view(row), 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a canned reply (admins)',
    middleware: [admins] as const,
    security,
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const removed = await openDb(c.env.DB)
      .delete(cannedReplies)
      .where(eq(cannedReplies.id, id))
      .returning({ id: cannedReplies.id });
    if (!removed.length) throw new HubError('not_found', `常用答复不存在：${id}`);
    return c.body(null, 204);
  },
);

export default app;
