// 办理时限 per type and urgency, kept by admins: how long a department has, and how many
// extensions of how many working days the centre may grant. Deadlines set after an edit follow
// it at once (the working-time cache is dropped); deadlines already set stay as they were.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { ticketTypes, urgencies } from '../../tickets/inbound-message';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { listSlaPolicies, saveSlaPolicy, slaPolicyInput } from './sla-policies';

const policySchema = slaPolicyInput.extend({ type: z.string(), urgency: z.enum(urgencies) }).openapi('SlaPolicy');

const app = createApi<StaffVariables>();
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Time limits by type and urgency (the centre, which decides extensions, and admins)',
    middleware: [requireStaff('admin', 'dispatcher', 'supervisor')] as const,
    security,
    responses: {
      200: {
        description: 'Every policy',
        content: { 'application/json': { schema: z.object({ items: z.array(policySchema) }) } },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const rows = await listSlaPolicies(openDb(c.env.DB));
    return c.json({ items: rows.map((r) => ({ ...r, urgency: r.urgency as (typeof urgencies)[number] })) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/{type}/{urgency}',
    summary: 'Set the time limit and extension limits of a type and urgency (admins)',
    middleware: [requireStaff('admin')] as const,
    security,
    request: {
      params: z.object({ type: z.enum(ticketTypes), urgency: z.enum(urgencies) }),
      body: { required: true, content: { 'application/json': { schema: slaPolicyInput } } },
    },
    responses: {
      200: { description: 'Saved', content: { 'application/json': { schema: policySchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { type, urgency } = c.req.valid('param');
    const row = await saveSlaPolicy(openDb(c.env.DB), type, urgency, c.req.valid('json'));
    return c.json(row, 200);
  },
);

export default app;
