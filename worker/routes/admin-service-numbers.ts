// Official service numbers (公开服务电话): the city's lines that redaction leaves unmasked in
// published replies (12345's local number, departments' published phones). Admins keep them.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import {
  deleteServiceNumber,
  listServiceNumbers,
  type ServiceNumberRow,
  saveServiceNumber,
  serviceNumberInput,
  serviceNumberParam,
} from './service-numbers';

const numberSchema = z
  .object({ number: z.string(), label: z.string(), updatedAt: z.string() })
  .openapi('ServiceNumber');
const numberParam = z.object({ number: serviceNumberParam });

const view = (r: ServiceNumberRow) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

const app = createApi<StaffVariables>();
const admins = requireStaff('admin');
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Official service numbers that redaction leaves unmasked (admins)',
    middleware: [admins] as const,
    security,
    responses: {
      200: {
        description: 'The city’s service numbers, by number (the national ones are built in)',
        content: { 'application/json': { schema: z.object({ items: z.array(numberSchema) }) } },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const rows = await listServiceNumbers(openDb(c.env.DB));
    return c.json({ items: rows.map(view) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/{number}',
    summary: 'Add a service number or change its label (admins)',
    middleware: [admins] as const,
    security,
    request: {
      params: numberParam,
      body: { required: true, content: { 'application/json': { schema: serviceNumberInput } } },
    },
    responses: {
      200: { description: 'Changed', content: { 'application/json': { schema: numberSchema } } },
      201: { description: 'Added', content: { 'application/json': { schema: numberSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { row, created } = await saveServiceNumber(
      openDb(c.env.DB),
      c.req.valid('param').number,
      c.req.valid('json'),
    );
    return created ? c.json(view(row), 201) : c.json(view(row), 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/{number}',
    summary: 'Delete a service number (admins)',
    middleware: [admins] as const,
    security,
    request: { params: numberParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 422) },
  }),
  async (c) => {
    await deleteServiceNumber(openDb(c.env.DB), c.req.valid('param').number);
    return c.body(null, 204);
  },
);

export default app;
