// GET /dashboard: the leaders' screen. The figures of a period and a department (KPI cards,
// trends, the ranking, the breakdowns, the hot spots), every number a link to its tickets, every
// table a CSV. Server-rendered with SVG charts, so it reads without script; the page's script
// draws the charts interactive and refreshes the figures every minute.
import type { Context } from 'hono';
import { openDb } from '../../db/client';
import { departmentTree } from '../../tickets/stats/department-units';
import type { StaffVariables } from '../../worker/auth/session';
import { sessionCsrfToken } from '../../worker/middleware/csrf';
import { BreakdownSection } from './breakdown-section';
import { loadDashboard } from './dashboard-data';
import { HotspotList } from './hotspot-list';
import { KpiCards } from './kpi-cards';
import { departmentFor, selectableDepartments } from './leaders-access';
import { LeadersPage } from './leaders-frame';
import { dashboardQuerySchema, parseQuery, scopeOrRefuse } from './page-query';
import { PeriodForm } from './period-form';
import { RankingTable } from './ranking-table';
import { TrendSection } from './trend-section';

type LeadersContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

export async function showDashboard(c: LeadersContext) {
  const staff = c.get('staff');
  const q = parseQuery(dashboardQuerySchema, c.req.query());
  const db = openDb(c.env.DB);
  const now = Date.now();
  const tree = await departmentTree(db);
  const scope = scopeOrRefuse(q, departmentFor(staff, q.department, tree), now);
  const data = await loadDashboard(db, scope, q.granularity);
  const shown = scope.department ? (tree.find((d) => d.code === scope.department)?.name ?? scope.department) : '全市';
  return c.html(
    <LeadersPage title="领导驾驶舱" staff={staff} csrf={sessionCsrfToken(c)} refresh>
      <div class="dashboard-head">
        <h1>
          {shown} · 工单办理情况
          <span class="period-text">
            {scope.from} 至 {scope.to}
          </span>
        </h1>
        <p class="muted" id="updated">
          数据随办理实时更新，每分钟自动刷新。
          <a href={`/dashboard/report/${scope.to.slice(0, 7)}`}>{scope.to.slice(0, 7)} 月度通报</a>
        </p>
      </div>
      <PeriodForm
        scope={scope}
        now={now}
        departments={selectableDepartments(staff, tree)}
        wholeCity={staff.role !== 'handler' && staff.role !== 'reviewer'}
        granularity={q.granularity}
      />
      <KpiCards overview={data.overview} scope={scope} />
      <TrendSection points={data.trend} scope={scope} granularity={q.granularity} sort={q.sort} />
      <RankingTable ranking={data.ranking} scope={scope} sort={q.sort} granularity={q.granularity} />
      <div class="breakdowns">
        {data.breakdowns.map((b) => (
          <BreakdownSection by={b.by} rows={b.rows} scope={scope} />
        ))}
      </div>
      <HotspotList items={data.hotspots} scope={scope} />
    </LeadersPage>,
  );
}
