// The department tree, kept by admins: list it (with where each came from: the setup, or a
// history import waiting to be renamed), add a department, rename, move or deactivate one.
// Routing reads active departments from a cached context, dropped on every edit here.
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { departments, staff } from '../../db/schema';
import { fieldError, HubError } from '../../tickets/hub-error';
import { forgetRoutingContext } from '../../tickets/routing-context';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { departmentTree } from './department-tree';

const kinds = ['city', 'district', 'street', 'functional', 'utility', 'centre'] as const;
const code = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\w-]+$/, '只能包含字母、数字、下划线和连字符');
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const fields = {
  name: z.string().trim().min(1).max(100),
  parentCode: code.nullable(),
  placeCode: optionalText(50),
  phone: optionalText(30),
  email: z.email('邮箱格式不正确').max(200).nullable().optional(),
  contactName: optionalText(50),
  sortOrder: z.number().int().min(0).max(100_000),
};

const createBody = z
  .object({ code, kind: z.enum(kinds), ...fields, sortOrder: fields.sortOrder.default(0) })
  .openapi('DepartmentInput');
const patchBody = z
  .object({ ...fields, active: z.boolean() })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' })
  .openapi('DepartmentPatch');

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

type DepartmentRow = typeof departments.$inferSelect;

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
      params: z.object({ code }),
      body: { required: true, content: { 'application/json': { schema: patchBody } } },
    },
    responses: {
      200: { description: 'The department as changed', content: { 'application/json': { schema: departmentSchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { code: target } = c.req.valid('param');
    const patch = c.req.valid('json');
    const db = openDb(c.env.DB);
    const rows = await db.select().from(departments);
    const current = rows.find((d) => d.code === target);
    if (!current) throw new HubError('not_found', `部门不存在：${target}`);
    if (patch.parentCode) checkParent(rows, target, patch.parentCode);
    if (patch.active === false) await checkEmpty(db, rows, target);
    const set: Partial<DepartmentRow> = { ...patch };
    if (patch.name !== undefined && patch.name !== current.name) set.origin = 'setup';
    const [row] = await db.update(departments).set(set).where(eq(departments.code, target)).returning();
    forgetRoutingContext();
    const updated = row ?? current;
    return c.json(
      withDepth(
        rows.map((d) => (d.code === target ? updated : d)),
        updated,
      ),
      200,
    );
  },
);

/** The parent must exist and must not be the department itself or one below it. */
function checkParent(rows: DepartmentRow[], code: string, parentCode: string): void {
  const byCode = new Map(rows.map((d) => [d.code, d]));
  if (!byCode.has(parentCode)) {
    throw new HubError('unknown_parent', `上级部门不存在：${parentCode}`, [
      { path: 'parentCode', message: '上级部门不存在' },
    ]);
  }
  for (let at: string | null = parentCode, steps = 0; at !== null && steps <= rows.length; steps++) {
    if (at === code) throw fieldError('parentCode', '不能把部门放到它自己或它的下级之下');
    at = byCode.get(at)?.parentCode ?? null;
  }
}

/** A department still staffed, or with active departments under it, stays active. */
async function checkEmpty(db: ReturnType<typeof openDb>, rows: DepartmentRow[], code: string): Promise<void> {
  if (rows.some((d) => d.parentCode === code && d.active)) {
    throw fieldError('active', '请先停用或移走它的下级部门');
  }
  const member = await db.query.staff.findFirst({
    where: and(eq(staff.departmentCode, code), eq(staff.active, true)),
    columns: { username: true },
  });
  if (member) throw fieldError('active', `请先停用或调走该部门的账号（如 ${member.username}）`);
}

function withDepth(rows: DepartmentRow[], row: DepartmentRow) {
  return departmentTree(rows).find((d) => d.code === row.code) ?? { ...row, depth: 0 };
}

export default app;
