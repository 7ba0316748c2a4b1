// The figures by department as a government report lists bodies: a street office or a
// sub-department counts under its first-level unit below the city government (a district, a
// bureau), and the city total is the sum of the rows. The numbers are the dashboard's
// (tickets/stats/figures.ts), summed from the rollups: one definition across the hub.
import type { DepartmentNode } from '../stats/department-units';
import { addSums, type DailySums, emptySums, ratesOf } from '../stats/figures';
import { defaultMetricSettings } from '../stats/metric-settings';

export interface DepartmentFigures {
  /** The first-level unit's code; null for the row of tickets with no department yet. */
  code: string | null;
  name: string;
  /** Tickets created in the period (merged duplicates once). */
  received: number;
  /** Answers dated in the period that the reviewer approved. */
  replied: number;
  /** Of those, answered by the deadline (after approved extensions). */
  onTime: number;
  /** Deadlines of the period missed: answered late, or still unanswered and past them (red). */
  overdue: number;
  /** 按时办结率: on time ÷ (replied + overdue still unanswered); null when both are 0. */
  onTimeRate: number | null;
  /** Working minutes from dispatch to the answer, over the replies that recorded them. */
  workingMinutes: number;
  /** Working days from dispatch to reply, on average over the replies that recorded them; else null. */
  avgWorkingDays: number | null;
  rated: number;
  satisfied: number;
  /** 满意率: (满意 + 基本满意) ÷ rated; null when nothing was rated. */
  satisfactionRate: number | null;
}

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

export function figuresOf(code: string | null, name: string, s: DailySums, dayMinutes: number): DepartmentFigures {
  // The composite score is the dashboard's and is not published; the settings only weigh it.
  const { onTimeRate, satisfactionRate } = ratesOf(s, defaultMetricSettings);
  return {
    code,
    name,
    received: s.received,
    replied: s.replied,
    onTime: s.repliedOnTime,
    overdue: s.overdue,
    onTimeRate,
    workingMinutes: s.replyMinutes,
    avgWorkingDays: s.replyTimed > 0 ? s.replyMinutes / s.replyTimed / dayMinutes : null,
    rated: s.rated,
    satisfied: s.satisfied,
    satisfactionRate,
  };
}

/** A row the report has nothing to say about: only figures it does not publish (dispatched, signed …). */
const isEmpty = (s: DailySums) => s.received + s.replied + s.overdue + s.rated === 0;

/** Adds the period's sums that arrive by department code into the rows of their first-level units. */
export class DepartmentRollup {
  private readonly rows = new Map<string, { code: string | null; name: string; order: number; sums: DailySums }>();

  constructor(private readonly units: Map<string, DepartmentNode>) {}

  /** `departmentCode` '' (the rollups' "no lead yet") or null: the 12345 centre's own row. */
  add(departmentCode: string | null, sums: Partial<DailySums>): void {
    const dept = departmentCode || null;
    const unit = dept ? this.units.get(dept) : undefined;
    // A code the tree no longer has still counts, under its own code.
    const key = unit?.code ?? dept ?? '';
    let row = this.rows.get(key);
    if (!row) {
      row = {
        code: unit?.code ?? dept,
        name: unit?.name ?? dept ?? UNASSIGNED_NAME,
        order: unit?.sortOrder ?? Number.MAX_SAFE_INTEGER,
        sums: emptySums(),
      };
      this.rows.set(key, row);
    }
    addSums(row.sums, sums);
  }

  /** The rows in the tree's order (no department last), and the city total. */
  result(dayMinutes: number): { rows: DepartmentFigures[]; total: DepartmentFigures } {
    const sorted = [...this.rows.values()]
      .filter((r) => !isEmpty(r.sums))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh'));
    const total = emptySums();
    for (const r of sorted) addSums(total, r.sums);
    return {
      rows: sorted.map((r) => figuresOf(r.code, r.name, r.sums, dayMinutes)),
      total: figuresOf(null, '全市合计', total, dayMinutes),
    };
  }
}
