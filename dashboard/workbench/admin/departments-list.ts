// The department tree as the admin pages' selects show it: active departments in tree order,
// each indented by its depth, with its code for the form's value.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { departments } from '../../../db/schema';
import { departmentTree } from '../../../worker/routes/department-tree';

export interface DepartmentOption {
  code: string;
  name: string;
  /** The name indented by its depth in the tree (full-width spaces, as the dispatch picker does). */
  label: string;
}

export async function departmentOptions(db: Db): Promise<DepartmentOption[]> {
  const rows = await db.select().from(departments).where(eq(departments.active, true));
  return departmentTree(rows).map((d) => ({ code: d.code, name: d.name, label: `${'　'.repeat(d.depth)}${d.name}` }));
}
