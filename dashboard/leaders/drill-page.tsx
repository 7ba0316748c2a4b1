// GET /dashboard/tickets: the tickets behind one figure of the dashboard (the same metric, period,
// department and breakdown key or hot spot), with a heading that names the figure and how many
// tickets it counts. Leaders read figures only and get no link into a ticket; the centre and the
// departments open it on the workbench.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { openDb } from '../../db/client';
import { formatShanghai } from '../../routing/calendar';
import { channelLabels } from '../../tickets/inbound-message';
import { assertDepartment, type DepartmentNode, departmentTree } from '../../tickets/stats/department-units';
import { drillMetricLabels } from '../../tickets/stats/drill-down';
import { type VolumeDimension, volumeDimensions } from '../../tickets/stats/facts';
import { ticketListItem } from '../../tickets/ticket-list';
import type { StaffVariables } from '../../worker/auth/session';
import { sessionCsrfToken } from '../../worker/middleware/csrf';
import { dimensionLabels } from './breakdown-section';
import { type DrillPage, loadDrillPage } from './drill-tickets';
import { departmentFor, opensTickets } from './leaders-access';
import { LeadersPage } from './leaders-frame';
import { dashboardHref, withQuery } from './page-links';
import { drillQuerySchema, parseQuery, scopeOrRefuse } from './page-query';

type LeadersContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

const keyLabel = (dimension: VolumeDimension, value: string) =>
  value === '' ? '未填写' : dimension === 'channel' ? (channelLabels[value] ?? value) : value;

const TicketTable: FC<{ page: DrillPage; tree: DepartmentNode[]; links: boolean }> = ({ page, tree, links }) => {
  const nameOf = (code: string | null) => (code ? (tree.find((d) => d.code === code)?.name ?? code) : '未派单');
  return (
    <div class="table-scroll">
      <table class="drill">
        <thead>
          <tr>
            <th scope="col">工单号</th>
            <th scope="col">标题</th>
            <th scope="col">状态</th>
            <th scope="col">承办单位</th>
            <th scope="col">受理时间</th>
            <th scope="col">办理期限</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => {
            const t = ticketListItem(row);
            return (
              <tr>
                <td>{links ? <a href={`/workbench/tickets/${t.ticketNo}`}>{t.ticketNo}</a> : t.ticketNo}</td>
                <td class="title">{t.title ?? t.summary}</td>
                <td>{t.statusLabel}</td>
                <td>{nameOf(t.leadDepartmentCode)}</td>
                <td>{formatShanghai(row.receivedAt)}</td>
                <td>{row.deadlineAt === null ? '—' : formatShanghai(row.deadlineAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};

export async function showDrillDown(c: LeadersContext) {
  const staff = c.get('staff');
  const q = parseQuery(drillQuerySchema, c.req.query());
  const db = openDb(c.env.DB);
  const tree = await departmentTree(db);
  const scope = scopeOrRefuse(q, departmentFor(staff, q.department, tree), Date.now());
  const department = assertDepartment(tree, scope.department);
  const dimension = volumeDimensions.find((d) => q[d] !== undefined);
  const key = dimension ? { dimension, value: q[dimension]! } : undefined;
  const page = await loadDrillPage(db, c.get('actor'), {
    metric: q.metric,
    scope,
    key,
    hotspot: q.hotspot,
    before: q.before,
  });
  const figure = page.hotspotTitle ? `热点「${page.hotspotTitle}」的工单` : drillMetricLabels[q.metric];
  const narrowed = key ? `，${dimensionLabels[key.dimension]}：${keyLabel(key.dimension, key.value)}` : '';
  const light = q.metric === 'dueSoon' || q.metric === 'red';
  const nextHref = page.next ? withQuery('/dashboard/tickets', { ...c.req.query(), before: page.next }) : null;
  return c.html(
    <LeadersPage title={`${figure} · 明细`} staff={staff} csrf={sessionCsrfToken(c)}>
      <section class="card" aria-labelledby="drill-title">
        <p>
          <a href={dashboardHref(scope)}>← 返回驾驶舱</a>
        </p>
        <h1 id="drill-title">
          {figure}
          {narrowed}：<span data-figure="total">{page.total}</span> 件
        </h1>
        <p class="muted">
          {department?.name ?? '全市'} · {light ? '当前状态（不限时段）' : `${scope.from} 至 ${scope.to}`}
          {q.before ? ` · 接续 ${q.before} 之后` : ''}
        </p>
        {page.rows.length ? (
          <TicketTable page={page} tree={tree} links={opensTickets(staff.role)} />
        ) : (
          <p>没有工单。</p>
        )}
        {nextHref ? (
          <nav class="pager" aria-label="翻页">
            <a href={nextHref}>下一页</a>
          </nav>
        ) : null}
      </section>
    </LeadersPage>,
  );
}
