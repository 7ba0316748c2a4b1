// Departments in tree order: each after its parent, siblings by sort order then code, with their
// depth, so a list reads as the tree (indent by depth) without a recursive document.
import type { departments } from '../../db/schema';

type DepartmentRow = typeof departments.$inferSelect;

export function departmentTree(rows: DepartmentRow[]): Array<DepartmentRow & { depth: number }> {
  const known = new Set(rows.map((d) => d.code));
  const children = new Map<string | null, DepartmentRow[]>();
  for (const d of rows) {
    // A parent that is missing makes its children roots rather than losing them.
    const parent = d.parentCode !== null && known.has(d.parentCode) ? d.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const out: Array<DepartmentRow & { depth: number }> = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const level = (children.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code),
    );
    for (const d of level) {
      if (seen.has(d.code)) continue;
      seen.add(d.code);
      out.push({ ...d, depth });
      visit(d.code, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
