// Changing a department, shared by the admin API (worker/routes/admin-departments.ts) and the
// admins' workbench page: one patch schema, one check that a move keeps the tree a tree and that
// a deactivated department is empty, and routing's cached context dropped after each change.
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, staff } from '../../db/schema';
import { fieldError, HubError } from '../../tickets/hub-error';
import { forgetRoutingContext } from '../../tickets/routing-context';

export const departmentCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\w-]+$/, '只能包含字母、数字、下划线和连字符');
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const departmentFields = {
  name: z.string().trim().min(1).max(100),
  parentCode: departmentCode.nullable(),
  placeCode: optionalText(50),
  phone: optionalText(30),
  email: z.email('邮箱格式不正确').max(200).nullable().optional(),
  contactName: optionalText(50),
  sortOrder: z.number().int().min(0).max(100_000),
};

export const departmentPatch = z
  .object({ ...departmentFields, active: z.boolean() })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' })
  .openapi('DepartmentPatch');

export type DepartmentRow = typeof departments.$inferSelect;

/** Renames, moves, deactivates or re-activates a department; returns every row as changed. */
export async function changeDepartment(
  db: Db,
  target: string,
  patch: z.infer<typeof departmentPatch>,
): Promise<{ rows: DepartmentRow[]; updated: DepartmentRow }> {
  const rows = await db.select().from(departments);
  const current = rows.find((d) => d.code === target);
  if (!current) throw new HubError('not_found', `部门不存在：${target}`);
  if (patch.parentCode) checkParent(rows, target, patch.parentCode);
  if (patch.active === false) await checkEmpty(db, rows, target);
  const set: Partial<DepartmentRow> = { ...patch };
  // Renaming a department a history import created confirms it.
  if (patch.name !== undefined && patch.name !== current.name) set.origin = 'setup';
  const [row] = await db.update(departments).set(set).where(eq(departments.code, target)).returning();
  forgetRoutingContext();
  const updated = row ?? current;
  return { rows: rows.map((d) => (d.code === target ? updated : d)), updated };
}

/** The parent must exist and must not be the department itself or one below it. */
export function checkParent(rows: DepartmentRow[], code: string, parentCode: string): void {
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
async function checkEmpty(db: Db, rows: DepartmentRow[], code: string): Promise<void> {
  if (rows.some((d) => d.parentCode === code && d.active)) {
    throw fieldError('active', '请先停用或移走它的下级部门');
  }
  const member = await db.query.staff.findFirst({
    where: and(eq(staff.departmentCode, code), eq(staff.active, true)),
    columns: { username: true },
  });
  if (member) throw fieldError('active', `请先停用或调走该部门的账号（如 ${member.username}）`);
}
