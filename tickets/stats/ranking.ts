// GET /api/v1/stats/departments: the units under a department (the city: its districts and
// bureaus) ranked by composite score (打分排名). A unit with fewer rated tickets than the
// minimum sample, or with no score, is listed apart and not ranked, so one fast answer cannot top
// the table. Equal scores share a rank (1, 2, 2, 4).
import type { Db } from '../../db/client';
import { assertDepartment, departmentTree, unitsUnder } from './department-units';
import { addSums, type DailySums, emptySums, type Rates, ratesOf } from './figures';
import { metricSettingsOf } from './metric-settings';
import { lightsByDepartment, metricSettingsRow, totalsByDepartment } from './rollup-reads';
import type { StatsScope } from './stats-period';

export interface RankingRow extends Rates {
  rank: number | null;
  code: string;
  name: string;
  received: number;
  replied: number;
  overdue: number;
  rated: number;
  yellow: number;
  red: number;
}

export interface Ranking {
  from: string;
  to: string;
  department: string | null;
  minimumSample: number;
  ranked: RankingRow[];
  unranked: RankingRow[];
}

export async function loadRanking(db: Db, scope: StatsScope): Promise<Ranking> {
  const [tree, totals, lights, settingRows] = await db.batch([
    departmentTree(db),
    totalsByDepartment(db, scope),
    lightsByDepartment(db, scope.department),
    metricSettingsRow(db),
  ]);
  assertDepartment(tree, scope.department);
  const settings = metricSettingsOf(settingRows);
  const { units, unitOf } = unitsUnder(tree, scope.department);
  const sums = new Map<string, DailySums>(units.map((u) => [u.code, emptySums()]));
  const lit = new Map(units.map((u) => [u.code, { yellow: 0, red: 0 }]));
  for (const row of totals) {
    const unit = unitOf.get(row.departmentCode);
    if (unit) addSums(sums.get(unit)!, row);
  }
  for (const l of lights) {
    const unit = unitOf.get(l.departmentCode);
    if (unit && (l.light === 'yellow' || l.light === 'red')) lit.get(unit)![l.light] += l.tickets;
  }
  const rows = units.map((u): RankingRow => {
    const s = sums.get(u.code)!;
    return {
      rank: null,
      code: u.code,
      name: u.name,
      received: s.received,
      replied: s.replied,
      overdue: s.overdue,
      ...ratesOf(s, settings),
      rated: s.rated,
      ...lit.get(u.code)!,
    };
  });
  const rankable = (r: RankingRow) => r.rated >= settings.minimumSample && r.compositeScore !== null;
  const ranked = rows
    .filter(rankable)
    .sort((a, b) => b.compositeScore! - a.compositeScore! || a.code.localeCompare(b.code));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.rank = previous && sameScore(previous, r) ? previous.rank : i + 1;
  });
  const unranked = rows
    .filter((r) => !rankable(r))
    .sort((a, b) => b.received - a.received || a.code.localeCompare(b.code));
  return {
    from: scope.from,
    to: scope.to,
    department: scope.department,
    minimumSample: settings.minimumSample,
    ranked,
    unranked,
  };
}

/** Scores equal to the shown precision (four places) rank together. */
const sameScore = (a: RankingRow, b: RankingRow) =>
  Math.round(a.compositeScore! * 1e4) === Math.round(b.compositeScore! * 1e4);
