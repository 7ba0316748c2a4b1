// Canned replies (常用答复): answers to a category's common consultations that a department may
// start its reply from. Admins keep them; everyone who writes or checks replies reads them.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { cannedReplies } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

const fields = {
  category: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .nullable()
    .openapi({ description: 'The category it answers; null for none in particular' }),
  title: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
  active: z.boolean(),
};
const createBody = z
  .object({ ...fields, category: fields.category.default(null), active: fields.active.default(true) })
  .openapi('CannedReplyInput');
const patchBody = z
  .object(fields)
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' })
  .openapi('CannedReplyPatch');
const replySchema = z.object({ id: z.string(), ...fields, updatedAt: z.string() }).openapi('CannedReply');
const idParam = z.object({ id: z.string().min(1).max(60) });

type CannedReplyRow = typeof cannedReplies.$inferSelect;

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
    const filters: SQL[] = [];
    if (q.category) filters.push(eq(cannedReplies.category, q.category));
    if (q.active) filters.push(eq(cannedReplies.active, q.active === 'true'));
    const rows = await openDb(c.env.DB)
      .select()
      .from(cannedReplies)
      .where(and(...filters))
      .orderBy(asc(cannedReplies.category), asc(cannedReplies.title));
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
    request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: replySchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const [row] = await openDb(c.env.DB)
      .insert(cannedReplies)
      .values({ id: crypto.randomUUID(), ...body, updatedAt: Date.now() })
      .returning();
    return c.json(view(row!), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Change or withdraw a canned reply (admins)',
    middleware: [admins] as const,
    security,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
    responses: {
      200: { description: 'The canned reply as changed', content: { 'application/json': { schema: replySchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await openDb(c.env.DB)
      .update(cannedReplies)
      .set({ ...c.req.valid('json'), updatedAt: Date.now() })
      .where(eq(cannedReplies.id, id))
      .returning();
    if (!row) throw new HubError('not_found', `常用答复不存在：${id}`);
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
