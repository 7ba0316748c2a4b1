// Staff accounts, kept by admins: create, disable, reset a password, change role and department.
// Password hashes never leave the database. A reset or a disabling ends the account's sessions
// in the same batch, and every other change reaches its sessions on their next request
// (worker/auth/session.ts reads the account each time).
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { requireStaff, type StaffVariables } from '../auth/session';
import { staffRoles } from '../auth/staff-placement';
import { createApi, errorResponses } from '../openapi';
import {
  changeStaffAccount,
  createStaffAccount,
  listStaffAccounts,
  type StaffRow,
  staffAccountInput,
  staffAccountPatch,
} from './staff-accounts';

const departmentCode = z.string().trim().min(1).max(50);

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
    const active = q.active === undefined ? undefined : q.active === 'true';
    const rows = await listStaffAccounts(openDb(c.env.DB), { ...q, active });
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
    request: { body: { required: true, content: { 'application/json': { schema: staffAccountInput } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: accountSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const row = await createStaffAccount(openDb(c.env.DB), c.req.valid('json'));
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
      body: { required: true, content: { 'application/json': { schema: staffAccountPatch } } },
    },
    responses: {
      200: { description: 'The account as changed', content: { 'application/json': { schema: accountSchema } } },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { username } = c.req.valid('param');
    const row = await changeStaffAccount(openDb(c.env.DB), c.get('staff').sub, username, c.req.valid('json'));
    return c.json(account(row), 200);
  },
);

export default app;
