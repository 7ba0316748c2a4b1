// The rules for staff accounts, shared by the admin API (worker/routes/admin-users.ts) and the
// admins' workbench pages (dashboard/workbench/admin/): one set of input schemas, one place that
// checks a placement, refuses an admin locking themselves out, and ends sessions on a reset.
import { z } from '@hono/zod-openapi';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { staff } from '../../db/schema';
import { fieldError, HubError } from '../../tickets/hub-error';
import type { StaffRole } from '../../tickets/lifecycle/actor';
import { hashPassword } from '../auth/password';
import { endAllSessionsStatement } from '../auth/session-store';
import { checkPlacement, staffRoles } from '../auth/staff-placement';

const password = z.string().min(10, '密码至少10个字符').max(200);
const displayName = z.string().trim().min(1).max(50);
const phone = z
  .string()
  .trim()
  .regex(/^[\d+\- ]{3,30}$/, '电话号码格式不正确');
const email = z.email('邮箱格式不正确').max(200);
const departmentCode = z.string().trim().min(1).max(50);

export const staffAccountInput = z
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

export const staffAccountPatch = z
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

export type StaffRow = typeof staff.$inferSelect;
export type StaffAccountInput = z.infer<typeof staffAccountInput>;
export type StaffAccountPatch = z.infer<typeof staffAccountPatch>;
export interface StaffAccountFilter {
  role?: StaffRole;
  departmentCode?: string;
  active?: boolean;
}

export function listStaffAccounts(db: Db, q: StaffAccountFilter): Promise<StaffRow[]> {
  const filters: SQL[] = [];
  if (q.role) filters.push(eq(staff.role, q.role));
  if (q.departmentCode) filters.push(eq(staff.departmentCode, q.departmentCode));
  if (q.active !== undefined) filters.push(eq(staff.active, q.active));
  return db
    .select()
    .from(staff)
    .where(and(...filters))
    .orderBy(asc(staff.username));
}

export async function createStaffAccount(db: Db, body: StaffAccountInput, now = Date.now()): Promise<StaffRow> {
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
      createdAt: now,
    })
    .onConflictDoNothing({ target: staff.username })
    .returning();
  if (!row) throw fieldError('username', '用户名已存在');
  return row;
}

/**
 * Changes an account on an admin's word (`adminId` is the admin's own account). A password
 * reset or a disabling ends every session of the account in the same batch.
 */
export async function changeStaffAccount(
  db: Db,
  adminId: string,
  username: string,
  patch: StaffAccountPatch,
  now = Date.now(),
): Promise<StaffRow> {
  const row = await db.query.staff.findFirst({ where: eq(staff.username, username) });
  if (!row) throw new HubError('not_found', `用户不存在：${username}`);
  // An admin who locks themselves out may leave the hub with no one to let them back in.
  if (row.id === adminId) {
    if (patch.active === false) throw fieldError('active', '不能停用自己的账号');
    if (patch.role && patch.role !== 'admin') throw fieldError('role', '不能取消自己的管理员角色');
  }
  if (patch.role || patch.departmentCode) {
    await checkPlacement(db, patch.role ?? row.role, patch.departmentCode ?? row.departmentCode);
  }
  const { password: newPassword, ...fields } = patch;
  const set: Partial<StaffRow> = { ...fields };
  if (newPassword) set.passwordHash = await hashPassword(newPassword);
  const update = db.update(staff).set(set).where(eq(staff.id, row.id)).returning();
  const endsSessions = newPassword !== undefined || patch.active === false;
  const [updated] = endsSessions
    ? (await db.batch([update, endAllSessionsStatement(db, row.id, now)]))[0]
    : await update;
  return updated ?? row;
}
