// Who reads which figures on the leaders' pages: the centre and leaders the whole city (and any
// department in it), a department's handler and reviewer their own department and those under it.
// A department outside that is refused with a 403 page rather than shown as empty figures.

import { HubError } from '../../tickets/hub-error';
import type { StaffRole } from '../../tickets/lifecycle/actor';
import type { DepartmentNode } from '../../tickets/stats/department-units';
import type { StaffSession } from '../../worker/auth/session';

/** Every staff role reads the leaders' pages; the department roles only within their subtree. */
export const dashboardRoles: StaffRole[] = ['leader', 'admin', 'dispatcher', 'supervisor', 'handler', 'reviewer'];

const departmentRoles: ReadonlySet<StaffRole> = new Set(['handler', 'reviewer']);

/** Whether `code` is `top` or under it (a cycle from a bad admin edit ends the walk). */
export function isWithin(tree: DepartmentNode[], code: string, top: string): boolean {
  const byCode = new Map(tree.map((d) => [d.code, d]));
  let at = byCode.get(code);
  for (let i = 0; at && i <= tree.length; i++) {
    if (at.code === top) return true;
    at = at.parentCode ? byCode.get(at.parentCode) : undefined;
  }
  return false;
}

/**
 * The department the page shows: the one asked for if the staff member may read it, else (none
 * asked) the whole city for the centre and leaders, their own department for department staff.
 */
export function departmentFor(staff: StaffSession, asked: string | undefined, tree: DepartmentNode[]): string | null {
  if (!departmentRoles.has(staff.role)) return asked ?? null;
  const own = staff.departmentCode;
  if (asked === undefined) return own;
  if (!tree.some((d) => d.code === asked)) return asked;
  if (!isWithin(tree, asked, own)) throw new HubError('forbidden', '只能查看本单位及下属单位的数据');
  return asked;
}

/** The departments a staff member may pick in the selector: their subtree, or every one. */
export function selectableDepartments(staff: StaffSession, tree: DepartmentNode[]): DepartmentNode[] {
  if (!departmentRoles.has(staff.role)) return tree;
  return tree.filter((d) => isWithin(tree, d.code, staff.departmentCode));
}

/** Whether the drill-down may link to the workbench's ticket page (leaders read figures only). */
export const opensTickets = (role: StaffRole) => role !== 'leader';
