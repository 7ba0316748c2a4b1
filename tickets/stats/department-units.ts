// Which departments a ranking compares: the units directly under the department asked for (the
// whole city: its districts and bureaus), each counting its own sub-departments' tickets.

import type { Db } from '../../db/client';
import { departments } from '../../db/schema';
import { HubError } from '../hub-error';

export interface DepartmentNode {
  code: string;
  parentCode: string | null;
  name: string;
  kind: string;
  sortOrder: number;
}

export function departmentTree(db: Db) {
  return db
    .select({
      code: departments.code,
      parentCode: departments.parentCode,
      name: departments.name,
      kind: departments.kind,
      sortOrder: departments.sortOrder,
    })
    .from(departments);
}

/** The department the scope names, refused (422) when the city has none by that code. */
export function assertDepartment(tree: DepartmentNode[], code: string | null): DepartmentNode | null {
  if (code === null) return null;
  const found = tree.find((d) => d.code === code);
  if (!found) {
    throw new HubError('validation_failed', `department: 没有编码为 ${code} 的部门`, [
      { path: 'department', message: '部门不存在' },
    ]);
  }
  return found;
}

/**
 * Each department's unit under `top` (the city root when null): the ancestor whose parent is
 * `top`. Departments outside `top` have none; `top` itself, having no unit above, is its own when
 * it has no children (a leaf is ranked alone).
 */
export function unitsUnder(
  tree: DepartmentNode[],
  top: string | null,
): { units: DepartmentNode[]; unitOf: Map<string, string> } {
  const byCode = new Map(tree.map((d) => [d.code, d]));
  const rootCodes =
    top === null ? tree.filter((d) => d.parentCode === null && d.kind === 'city').map((d) => d.code) : [top];
  const roots = new Set(rootCodes);
  const units = tree
    .filter((d) => d.parentCode !== null && roots.has(d.parentCode) && d.kind !== 'centre')
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  if (units.length === 0 && top !== null && byCode.has(top)) units.push(byCode.get(top)!);
  const unitCodes = new Set(units.map((u) => u.code));
  const unitOf = new Map<string, string>();
  for (const d of tree) {
    let at: DepartmentNode | undefined = d;
    // A cycle from a bad admin edit must not hang the page: a tree is never deeper than its size.
    for (let i = 0; at && i <= tree.length; i++) {
      if (unitCodes.has(at.code)) {
        unitOf.set(d.code, at.code);
        break;
      }
      at = at.parentCode ? byCode.get(at.parentCode) : undefined;
    }
  }
  return { units, unitOf };
}
