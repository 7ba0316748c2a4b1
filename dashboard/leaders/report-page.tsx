// GET /dashboard/report/{yyyy-mm}: the monthly 通报 ready to print on A4: the month's figures
// against the month before (环比), the ranking, the departments below the line (ranked units
// whose composite is below the city's, and those with too few ratings to rank), the month's
// overdue and supervised tickets, and a paragraph that sums it up. Staff only; the tickets are
// named by number, department and title, nothing of the resident. A month to come is a 404 page.
import type { Context } from 'hono';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import { parseMonth } from '../../tickets/publication/monthly-figures-period';
import type { StaffVariables } from '../../worker/auth/session';
import { sessionCsrfToken } from '../../worker/middleware/csrf';
import { LeadersPage } from './leaders-frame';
import { issuedOn, loadMonthReport } from './report-data';
import { reportStyles } from './report-styles';
import { reportSummary } from './report-summary';
import { FigureComparison, LineTables, RankingList, TicketLists } from './report-tables';

type LeadersContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

export async function showReport(c: LeadersContext) {
  const staff = c.get('staff');
  const now = Date.now();
  const period = parseMonth(c.req.param('month') ?? '', now);
  if (!period) throw new HubError('not_found', '没有这个月的通报：请按 2026-11 的格式填写，且不晚于本月。');
  if (staff.role === 'handler' || staff.role === 'reviewer') {
    throw new HubError('forbidden', '月度通报汇总全市各单位情况，请联系12345热线中心查阅。');
  }
  const report = await loadMonthReport(openDb(c.env.DB), c.get('actor'), period, now);
  const title = `${report.city}12345政务服务便民热线 ${period.label} 工单办理情况通报`;
  return c.html(
    <LeadersPage title={title} staff={staff} csrf={sessionCsrfToken(c)} styles={[reportStyles]}>
      <article class="report">
        <p class="no-print">
          <a href="/dashboard">← 返回驾驶舱</a> · 使用浏览器“打印”可存为 PDF（A4）
        </p>
        <h1>{title}</h1>
        <p class="issued">
          统计时段：{report.scope.from} 至 {report.scope.to} · 印发日期：{issuedOn(now)}
        </p>
        <p class="summary">{reportSummary(report, period.label)}</p>
        <FigureComparison report={report} />
        <RankingList report={report} />
        <LineTables report={report} />
        <TicketLists report={report} />
        <p class="issued">12345政务服务便民热线中心</p>
      </article>
    </LeadersPage>,
  );
}
