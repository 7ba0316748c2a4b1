// The department tree, kept by admins: list it (with where each came from: the setup, or a
// history import waiting to be renamed), add a department, rename, move or deactivate one.
// Routing reads active departments from a cached context, dropped on every edit here.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { departments } from '../../db/schema';
import { fieldError } from '../../tickets/hub-error';
import { forgetRoutingContext } from '../../tickets/routing-context';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import {
  changeDepartment,
  checkParent,
  type DepartmentRow,
  departmentCode,
  departmentFields,
  departmentPatch,
} from './department-changes';
import { departmentTree } from './department-tree';

const kinds = ['city', 'district', 'street', 'functional', 'utility', 'centre'] as const;

const createBody = z
  .object({
    code: departmentCode,
    kind: z.enum(kinds),
    ...departmentFields,
    sortOrder: departmentFields.sortOrder.default(0),
  })
  .openapi('DepartmentInput');
const departmentSchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    name: z.string(),
    kind: z.enum(kinds),
    placeCode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    contactName: z.string().nullable(),
    sortOrder: z.number(),
    active: z.boolean(),
    origin: z.enum(['setup', 'import']),
    depth: z.number().openapi({ description: 'Levels below a root of the tree (0 for a root)' }),
  })
  .openapi('Department');

const app = createApi<StaffVariables>();
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'The department tree, each department after its parent (the centre, for dispatch, and admins)',
    middleware: [requireStaff('admin', 'dispatcher', 'supervisor')] as const,
    security,
    request: {
      query: z.object({
        origin: z.enum(['setup', 'import']).optional().openapi({ description: 'import: still to be renamed' }),
      }),
    },
    responses: {
      200: {
        description: 'Departments in tree order',
        content: { 'application/json': { schema: z.object({ items: z.array(departmentSchema) }) } },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { origin } = c.req.valid('query');
    const rows = await openDb(c.env.DB).select().from(departments);
    const tree = departmentTree(rows);
    return c.json({ items: origin ? tree.filter((d) => d.origin === origin) : tree }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Add a department (admins)',
    middleware: [requireStaff('admin')] as const,
    security,
    request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: departmentSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const db = openDb(c.env.DB);
    const rows = await db.select().from(departments);
    if (body.parentCode !== null) checkParent(rows, body.code, body.parentCode);
    const [row] = await db
      .insert(departments)
      .values({ ...body, origin: 'setup' })
      .onConflictDoNothing({ target: departments.code })
      .returning();
    if (!row) throw fieldError('code', '部门编码已存在');
    forgetRoutingContext();
    return c.json(withDepth([...rows, row], row), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/{code}',
    summary: 'Rename, move, deactivate or re-activate a department (admins)',
    description: 'Renaming a department a history import created confirms it (origin becomes setup).',
    middleware: [requireStaff('admin')] as const,
    security,
    request: {
      params: z.object({ code: departmentCode }),
      body: { required: true, content: { 'application/json': { schema: departmentPatch } } },
    },
    responses: {
      200: { description: 'The department as changed', content: { 'application/json': { schema: departmentSchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { code: target } = c.req.valid('param');
    const { rows, updated } = await changeDepartment(openDb(c.env.DB), target, c.req.valid('json'));
    return c.json(withDepth(rows, updated), 200);
  },
);

function withDepth(rows: DepartmentRow[], row: DepartmentRow) {
  return departmentTree(rows).find((d) => d.code === row.code) ?? { ...row, depth: 0 };
}

export default app;
