// Staff accounts, kept by admins: create, disable, reset a password, change role and department.
// Password hashes never leave the database. A reset or a disabling ends the account's sessions
// in the same batch, and every other change reaches its sessions on their next request
// (worker/auth/session.ts reads the account each time).
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { fieldError, HubError } from '../../tickets/hub-error';
import { hashPassword } from '../auth/password';
import { requireStaff, type StaffVariables } from '../auth/session';
import { endAllSessionsStatement } from '../auth/session-store';
import { checkPlacement, staffRoles } from '../auth/staff-placement';
import { createApi, errorResponses } from '../openapi';

const password = z.string().min(10, '密码至少10个字符').max(200);
const displayName = z.string().trim().min(1).max(50);
const phone = z
  .string()
  .trim()
  .regex(/^[\d+\- ]{3,30}$/, '电话号码格式不正确');
const email = z.email('邮箱格式不正确').max(200);
const departmentCode = z.string().trim().min(1).max(50);

const createBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][\w.-]{2,49}$/, '用户名为3至50个字母、数字、点、下划线或连字符'),
    displayName,
    role: z.enum(staffRoles),
    departmentCode,
    password,
    phone: phone.optional(),
    email: email.optional(),
  })
  .openapi('StaffAccountInput');

const patchBody = z
  .object({
    active: z.boolean().optional(),
    role: z.enum(staffRoles).optional(),
    departmentCode: departmentCode.optional(),
    password: password.optional(),
    displayName: displayName.optional(),
    phone: phone.nullable().optional(),
    email: email.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' })
  .openapi('StaffAccountPatch');

const accountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(staffRoles),
    departmentCode: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('StaffAccount');

type StaffRow = typeof staff.$inferSelect;

function account(row: StaffRow): z.infer<typeof accountSchema> {
  const { id, username, displayName, role, departmentCode, phone, email, active, createdAt } = row;
  return {
    id,
    username,
    displayName,
    role,
    departmentCode,
    phone,
    email,
    active,
    createdAt: new Date(createdAt).toISOString(),
  };
}

const app = createApi<StaffVariables>();
const admins = requireStaff('admin');
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Staff accounts (admins)',
    middleware: [admins] as const,
    security,
    request: {
      query: z.object({
        role: z.enum(staffRoles).optional(),
        departmentCode: departmentCode.optional(),
        active: z.enum(['true', 'false']).optional(),
      }),
    },
    responses: {
      200: {
        description: 'Accounts by user name',
        content: { 'application/json': { schema: z.object({ items: z.array(accountSchema) }) } },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const filters: SQL[] = [];
    if (q.role) filters.push(eq(staff.role, q.role));
    if (q.departmentCode) filters.push(eq(staff.departmentCode, q.departmentCode));
    if (q.active) filters.push(eq(staff.active, q.active === 'true'));
    const rows = await openDb(c.env.DB)
      .select()
      .from(staff)
      .where(and(...filters))
      .orderBy(asc(staff.username));
    return c.json({ items: rows.map(account) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Create a staff account (admins)',
    middleware: [admins] as const,
    security,
    request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: accountSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const db = openDb(c.env.DB);
    await checkPlacement(db, body.role, body.departmentCode);
    const [row] = await db
      .insert(staff)
      .values({
        id: `staff-${crypto.randomUUID()}`,
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        departmentCode: body.departmentCode,
        passwordHash: await hashPassword(body.password),
        phone: body.phone ?? null,
        email: body.email ?? null,
        createdAt: Date.now(),
      })
      .onConflictDoNothing({ target: staff.username })
      .returning();
    if (!row) throw fieldError('username', '用户名已存在');
    return c.json(account(row), 201);
  },
);

app.openapi(
  createRoute({
    method: 'patch',
    path: '/{username}',
    summary: 'Disable or enable, reset the password, change role, department or name (admins)',
    description: 'A password reset or disabling ends every session of the account at once.',
    middleware: [admins] as const,
    security,
    request: {
      params: z.object({ username: z.string().min(1).max(50) }),
      body: { required: true, content: { 'application/json': { schema: patchBody } } },
    },
    responses: {
      200: { description: 'The account as changed', content: { 'application/json': { schema: accountSchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { username } = c.req.valid('param');
    const patch = c.req.valid('json');
    const db = openDb(c.env.DB);
    const row = await db.query.staff.findFirst({ where: eq(staff.username, username) });
    if (!row) throw new HubError('not_found', `用户不存在：${username}`);
    // An admin who locks themselves out may leave the hub with no one to let them back in.
    if (row.id === c.get('staff').sub) {
      if (patch.active === false) throw fieldError('active', '不能停用自己的账号');
      if (patch.role && patch.role !== 'admin') throw fieldError('role', '不能取消自己的管理员角色');
    }
    if (patch.role || patch.departmentCode) {
      await checkPlacement(db, patch.role ?? row.role, patch.departmentCode ?? row.departmentCode);
    }
    const { password: newPassword, ...fields } = patch;
    const set: Partial<StaffRow> = { ...fields };
    if (newPassword) set.passwordHash = await hashPassword(newPassword);
    const now = Date.now();
    const update = db.update(staff).set(set).where(eq(staff.id, row.id)).returning();
    const endsSessions = newPassword !== undefined || patch.active === false;
    const [updated] = endsSessions
      ? (await db.batch([update, endAllSessionsStatement(db, row.id, now)]))[0]
      : await update;
    return c.json(account(updated ?? row), 200);
  },
);

export default app;
