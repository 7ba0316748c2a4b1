// The figures by department as a government report lists bodies: a street office or a
// sub-department counts under its first-level unit below the city government (a district, a
// bureau), and the city total is the sum of the rows.

export interface DepartmentNode {
  code: string;
  parentCode: string | null;
  name: string;
  kind: string;
  sortOrder: number;
}

export interface DepartmentFigures {
  /** The first-level unit's code; null for the row of tickets with no department yet. */
  code: string | null;
  name: string;
  received: number;
  replied: number;
  onTime: number;
  overdue: number;
  /** 按时办结率: replied by the deadline ÷ (replied + overdue); null when both are 0. */
  onTimeRate: number | null;
  workingMinutes: number;
  /** Working days from receipt to reply, on average over the replies; null without replies. */
  avgWorkingDays: number | null;
  rated: number;
  satisfied: number;
  /** 满意率: (满意 + 基本满意) ÷ rated; null when nothing was rated. */
  satisfactionRate: number | null;
}

export type FigureCounts = Pick<
  DepartmentFigures,
  'received' | 'replied' | 'onTime' | 'overdue' | 'workingMinutes' | 'rated' | 'satisfied'
>;

export const UNASSIGNED_NAME = '12345热线（直接答复及待派单）';

/** Each department's first-level unit: the ancestor whose parent is the root (a body without a parent is its own). */
export function firstLevelUnits(tree: DepartmentNode[]): Map<string, DepartmentNode> {
  const byCode = new Map(tree.map((d) => [d.code, d]));
  const roots = new Set(tree.filter((d) => d.parentCode === null && d.kind === 'city').map((d) => d.code));
  const units = new Map<string, DepartmentNode>();
  for (const d of tree) {
    let unit = d;
    // A cycle from a bad admin edit must not hang the page: a tree is never deeper than its size.
    for (let i = 0; i < tree.length; i++) {
      const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
      if (!parent || roots.has(parent.code)) break;
      unit = parent;
    }
    units.set(d.code, unit);
  }
  return units;
}

const emptyCounts = (): FigureCounts => ({
  received: 0,
  replied: 0,
  onTime: 0,
  overdue: 0,
  workingMinutes: 0,
  rated: 0,
  satisfied: 0,
});

export function withRates(code: string | null, name: string, c: FigureCounts, dayMinutes: number): DepartmentFigures {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    code,
    name,
    ...c,
    onTimeRate: ratio(c.onTime, c.replied + c.overdue),
    avgWorkingDays: c.replied > 0 ? c.workingMinutes / dayMinutes / c.replied : null,
    satisfactionRate: ratio(c.satisfied, c.rated),
  };
}

/** Adds figures that arrive by department code into the rows of their first-level units. */
export class DepartmentRollup {
  private readonly rows = new Map<string, { code: string | null; name: string; order: number; counts: FigureCounts }>();

  constructor(private readonly units: Map<string, DepartmentNode>) {}

  add(departmentCode: string | null, figure: keyof FigureCounts, value: number): void {
    const unit = departmentCode ? this.units.get(departmentCode) : undefined;
    // A code the tree no longer has still counts, under its own code.
    const key = unit?.code ?? departmentCode ?? '';
    let row = this.rows.get(key);
    if (!row) {
      const name = unit?.name ?? departmentCode ?? UNASSIGNED_NAME;
      row = {
        code: unit?.code ?? departmentCode,
        name,
        order: unit?.sortOrder ?? Number.MAX_SAFE_INTEGER,
        counts: emptyCounts(),
      };
      this.rows.set(key, row);
    }
    row.counts[figure] += value;
  }

  /** The rows in the tree's order (no department last), and the city total. */
  result(dayMinutes: number): { rows: DepartmentFigures[]; total: DepartmentFigures } {
    const sorted = [...this.rows.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh'));
    const total = emptyCounts();
    for (const r of sorted) for (const k of Object.keys(total) as Array<keyof FigureCounts>) total[k] += r.counts[k];
    return {
      rows: sorted.map((r) => withRates(r.code, r.name, r.counts, dayMinutes)),
      total: withRates(null, '全市合计', total, dayMinutes),
    };
  }
}
