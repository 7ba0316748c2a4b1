// Which department a role may belong to (DESIGN.md, Staff): the 12345 centre's roles sit in the
// centre; department handlers and reviewers in a department that is not the centre; leaders
// anywhere (the city, a district, the centre's own director).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments } from '../../db/schema';
import { fieldError, HubError } from '../../tickets/hub-error';
import { centreRoles, type StaffRole } from '../../tickets/lifecycle/actor';

export const staffRoles = ['admin', 'dispatcher', 'supervisor', 'leader', 'handler', 'reviewer'] as const;

type DepartmentKind = (typeof departments.$inferSelect)['kind'];

/** What is wrong with putting a role in a department of this kind, or null. */
export function placementProblem(role: StaffRole, kind: DepartmentKind): string | null {
  if (centreRoles.has(role) && kind !== 'centre') return '管理员、派单员和督办员须属于12345热线中心';
  if ((role === 'handler' || role === 'reviewer') && kind === 'centre') {
    return '承办人和审核人须属于承办部门，不能是12345热线中心';
  }
  return null;
}

/** Refuses an unknown or inactive department, or one the role may not belong to. */
export async function checkPlacement(db: Db, role: StaffRole, departmentCode: string): Promise<void> {
  const dept = await db.query.departments.findFirst({
    where: eq(departments.code, departmentCode),
    columns: { kind: true, active: true },
  });
  if (!dept) {
    throw new HubError('unknown_department', `部门不存在：${departmentCode}`, [
      { path: 'departmentCode', message: '部门不存在' },
    ]);
  }
  if (!dept.active) throw fieldError('departmentCode', '部门已停用');
  const problem = placementProblem(role, dept.kind);
  if (problem) throw fieldError('departmentCode', problem);
}
