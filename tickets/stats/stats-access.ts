// Whose figures an account may read (DESIGN.md "Stats API"): the centre and the leaders read the
// whole city and any department; a department's handler and reviewer read their own department's
// subtree only, which is also what they see when they name none. The stats routes and the
// drill-down (`GET /api/v1/tickets?metric=`) both resolve their scope here, so a figure and the
// tickets behind it are always for the same department.
import type { Db } from '../../db/client';
import { fieldError, HubError } from '../hub-error';
import type { Actor } from '../lifecycle/actor';
import { assertDepartment, type DepartmentNode, departmentTree } from './department-units';
import { type StatsQuery, type StatsScope, scopeOf } from './stats-period';

const departmentRoles: ReadonlySet<Actor['role']> = new Set(['handler', 'reviewer']);

/** Whether `code` is `top` or lies under it (a bad admin edit's cycle ends the walk). */
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
 * The period and department a request may read: 422 for a period that is not one (or a
 * department the city has not), 403 for a department outside a department account's own.
 */
export async function authorisedScope(
  db: Db,
  actor: Actor,
  q: Pick<StatsQuery, 'from' | 'to' | 'department'>,
  now: number,
): Promise<StatsScope> {
  const scope = scopeOf(q, now);
  if ('path' in scope) throw fieldError(scope.path, scope.message);
  const own = departmentRoles.has(actor.role) ? actor.departmentCode : null;
  if (departmentRoles.has(actor.role) && !own) throw new HubError('forbidden', '账号未归属部门，无权查看统计');
  const department = scope.department ?? own;
  if (department === null) return scope;
  const tree = await departmentTree(db);
  assertDepartment(tree, department);
  if (own && !isWithin(tree, department, own)) {
    throw new HubError('forbidden', '只能查看本部门及下属部门的统计', [
      { path: 'department', message: '不在本部门范围内' },
    ]);
  }
  return { ...scope, department };
}
