// The period and department selectors: quick links (今日, 本周, 本月, 上月) and a plain GET form
// of dates and a department, so they work without script.
import type { FC } from 'hono/jsx';
import { localDate } from '../../routing/calendar';
import type { DepartmentNode } from '../../tickets/stats/department-units';
import { dateOfDay, dayOf, type StatsScope } from '../../tickets/stats/stats-period';
import { withQuery } from './page-links';

/** The quick periods as of `now`: ISO weeks start on Monday. */
export function quickPeriods(now: number): Array<{ label: string; from: string; to: string }> {
  const today = localDate(now);
  const day = dayOf(now);
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const lastMonthEnd = dateOfDay(dayOf(Date.parse(`${firstOfMonth}T00:00:00+08:00`)) - 1);
  return [
    { label: '今日', from: today, to: today },
    { label: '本周', from: dateOfDay(monday), to: today },
    { label: '本月', from: firstOfMonth, to: today },
    { label: '上月', from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd },
  ];
}

/** The tree in reading order, each name indented by its depth under the city. */
function indented(tree: DepartmentNode[]): Array<{ code: string; name: string }> {
  const children = (code: string | null) =>
    tree.filter((d) => d.parentCode === code).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const codes = new Set(tree.map((d) => d.code));
  const tops = tree.filter((d) => d.parentCode === null || !codes.has(d.parentCode));
  const out: Array<{ code: string; name: string }> = [];
  const walk = (d: DepartmentNode, depth: number) => {
    if (out.length > tree.length) return;
    out.push({ code: d.code, name: `${'　'.repeat(depth)}${d.name}` });
    for (const c of children(d.code)) walk(c, depth + 1);
  };
  for (const t of tops.sort((a, b) => a.sortOrder - b.sortOrder)) walk(t, 0);
  return out;
}

export const PeriodForm: FC<{
  scope: StatsScope;
  now: number;
  departments: DepartmentNode[];
  /** Centre and leaders may pick the whole city; department staff start at their own. */
  wholeCity: boolean;
  granularity: string;
}> = (p) => (
  <form method="get" action="/dashboard" class="card period" aria-label="统计范围">
    <ul class="tabs" aria-label="快捷时段">
      {quickPeriods(p.now).map((q) => (
        <li>
          <a
            href={withQuery('/dashboard', { from: q.from, to: q.to, department: p.scope.department })}
            aria-current={q.from === p.scope.from && q.to === p.scope.to ? 'page' : undefined}
          >
            {q.label}
          </a>
        </li>
      ))}
    </ul>
    <div class="filters">
      <div>
        <label for="from">起始日期</label>
        <input type="date" id="from" name="from" value={p.scope.from} required />
      </div>
      <div>
        <label for="to">截止日期</label>
        <input type="date" id="to" name="to" value={p.scope.to} required />
      </div>
      <div>
        <label for="department">单位</label>
        <select id="department" name="department">
          {p.wholeCity ? (
            <option value="" selected={p.scope.department === null}>
              全市
            </option>
          ) : null}
          {indented(p.departments.filter((d) => !p.wholeCity || d.kind !== 'city')).map((d) => (
            <option value={d.code} selected={d.code === p.scope.department}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <input type="hidden" name="granularity" value={p.granularity} />
      <div>
        <button type="submit">查询</button>
      </div>
    </div>
  </form>
);
