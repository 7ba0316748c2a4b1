// The 通报's tables: the month against the month before, the ranking, the departments below the
// line, and the overdue and supervised tickets. Every figure of the month links to its tickets
// on screen (printed, the links are plain text).
import type { FC } from 'hono/jsx';
import { formatShanghai } from '../../routing/calendar';
import type { DrillMetric } from '../../tickets/stats/drill-down';
import type { Overview } from '../../tickets/stats/overview';
import type { RankingRow } from '../../tickets/stats/ranking';
import { countChange, hoursText, percent, rateChange, score } from './figure-format';
import { drillHref } from './page-links';
import { hasTickets } from './ranking-table';
import type { MonthReport } from './report-data';

type Line = [
  string,
  (o: Overview) => string,
  'count' | 'rate' | 'score' | 'hours',
  DrillMetric | null,
  (o: Overview) => number | null,
];

const lines: Line[] = [
  ['受理量', (o) => String(o.received), 'count', 'received', (o) => o.received],
  ['派单量', (o) => String(o.dispatched), 'count', 'dispatched', (o) => o.dispatched],
  ['答复量', (o) => String(o.replied), 'count', 'replied', (o) => o.replied],
  ['办结量', (o) => String(o.closed), 'count', 'closed', (o) => o.closed],
  ['超期量', (o) => String(o.overdue), 'count', 'overdue', (o) => o.overdue],
  ['响应率', (o) => percent(o.responseRate), 'rate', 'responded', (o) => o.responseRate],
  ['按时办结率', (o) => percent(o.onTimeRate), 'rate', 'onTime', (o) => o.onTimeRate],
  ['解决率', (o) => percent(o.resolutionRate), 'rate', 'resolved', (o) => o.resolutionRate],
  ['满意率', (o) => percent(o.satisfactionRate), 'rate', 'satisfied', (o) => o.satisfactionRate],
  ['综合得分', (o) => score(o.compositeScore), 'score', null, (o) => o.compositeScore],
  ['平均答复用时（工作小时）', (o) => hoursText(o.avgReplyHours), 'hours', null, (o) => o.avgReplyHours],
];

function change(kind: Line[2], now: number | null, before: number | null): string {
  if (kind === 'rate') return rateChange(now, before);
  if (now === null || before === null) return '—';
  const signed = (n: number, unit: string) => `${n > 0 ? '+' : ''}${n.toFixed(1)} ${unit}`;
  if (kind === 'hours') return signed(now - before, '小时');
  // The score is out of 100: its change is in points (分), not percentage points.
  if (kind === 'score') return signed((now - before) * 100, '分');
  return countChange(now, before);
}

export const FigureComparison: FC<{ report: MonthReport }> = ({ report: r }) => (
  <section aria-labelledby="r-figures">
    <h2 id="r-figures">一、总体情况</h2>
    <table class="figures">
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col" class="num">
            本月
          </th>
          <th scope="col" class="num">
            上月
          </th>
          <th scope="col" class="num">
            环比
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map(([label, text, kind, metric, value]) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="num">{metric ? <a href={drillHref(r.scope, { metric })}>{text(r.month)}</a> : text(r.month)}</td>
            <td class="num">{text(r.previous)}</td>
            <td class="num">{change(kind, value(r.month), value(r.previous))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

const RankRows: FC<{ rows: RankingRow[]; reason?: (r: RankingRow) => string }> = ({ rows, reason }) => (
  <tbody>
    {rows.map((d) => (
      <tr>
        <td class="num">{d.rank ?? '—'}</td>
        <th scope="row">{d.name}</th>
        <td class="num">{d.received}</td>
        <td class="num">{percent(d.responseRate)}</td>
        <td class="num">{percent(d.onTimeRate)}</td>
        <td class="num">{percent(d.resolutionRate)}</td>
        <td class="num">{percent(d.satisfactionRate)}</td>
        <td class="num">{score(d.compositeScore)}</td>
        {reason ? <td>{reason(d)}</td> : null}
      </tr>
    ))}
  </tbody>
);

const RankHead: FC<{ reason?: boolean }> = ({ reason }) => (
  <thead>
    <tr>
      <th scope="col" class="num">
        排名
      </th>
      <th scope="col">单位</th>
      <th scope="col" class="num">
        受理
      </th>
      <th scope="col" class="num">
        响应率
      </th>
      <th scope="col" class="num">
        按时办结率
      </th>
      <th scope="col" class="num">
        解决率
      </th>
      <th scope="col" class="num">
        满意率
      </th>
      <th scope="col" class="num">
        综合得分
      </th>
      {reason ? <th scope="col">说明</th> : null}
    </tr>
  </thead>
);

export const RankingList: FC<{ report: MonthReport }> = ({ report: r }) => (
  <section aria-labelledby="r-ranking">
    <h2 id="r-ranking">二、各单位综合得分排名</h2>
    <p class="note">
      综合得分 = 响应率、解决率、满意率加权（满分100分）；回访评价少于 {r.ranking.minimumSample} 件的单位不参与排名。
    </p>
    {r.ranking.ranked.length ? (
      <table class="ranking">
        <RankHead />
        <RankRows rows={r.ranking.ranked} />
      </table>
    ) : (
      <p>本月没有单位达到排名所需的评价数量。</p>
    )}
  </section>
);

export const LineTables: FC<{ report: MonthReport }> = ({ report: r }) => {
  const unranked = r.ranking.unranked.filter(hasTickets);
  const quiet = r.ranking.unranked.length - unranked.length;
  return (
    <section aria-labelledby="r-below">
      <h2 id="r-below">三、需要关注的单位</h2>
      <h3>（一）综合得分低于全市水平（{score(r.month.compositeScore)} 分）的单位</h3>
      {r.belowLine.length ? (
        <table class="ranking">
          <RankHead />
          <RankRows rows={r.belowLine} />
        </table>
      ) : (
        <p>无。</p>
      )}
      <h3>（二）评价样本不足、未参与排名的单位</h3>
      {unranked.length ? (
        <table class="ranking">
          <RankHead reason />
          <RankRows rows={unranked} reason={(d) => `评价 ${d.rated} 件，不足 ${r.ranking.minimumSample} 件`} />
        </table>
      ) : (
        <p>无。</p>
      )}
      {quiet ? <p class="note">另有 {quiet} 个单位本月没有工单。</p> : null}
    </section>
  );
};

export const TicketLists: FC<{ report: MonthReport }> = ({ report: r }) => {
  const nameOf = (code: string | null) => (code ? (r.tree.find((d) => d.code === code)?.name ?? code) : '—');
  return (
    <section aria-labelledby="r-tickets">
      <h2 id="r-tickets">四、超期与督办工单</h2>
      <h3>
        （一）超期工单 <a href={drillHref(r.scope, { metric: 'overdue' })}>{r.month.overdue}</a> 件
        {r.month.overdue > r.overdue.length ? `（列出前 ${r.overdue.length} 件）` : ''}
      </h3>
      {r.overdue.length ? (
        <table class="tickets">
          <thead>
            <tr>
              <th scope="col">工单号</th>
              <th scope="col">承办单位</th>
              <th scope="col">标题</th>
              <th scope="col">办理期限</th>
            </tr>
          </thead>
          <tbody>
            {r.overdue.map((t) => (
              <tr>
                <td>{t.ticketNo}</td>
                <td>{nameOf(t.leadDepartmentCode)}</td>
                <td>{t.title ?? '（无标题）'}</td>
                <td>{t.deadlineAt === null ? '—' : formatShanghai(t.deadlineAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3 id="supervised">
        （二）督办工单 {r.supervisedCount} 件
        {r.supervisedCount > r.supervised.length ? `（列出前 ${r.supervised.length} 件）` : ''}
      </h3>
      {r.supervised.length ? (
        <table class="tickets">
          <thead>
            <tr>
              <th scope="col">工单号</th>
              <th scope="col">承办单位</th>
              <th scope="col">标题</th>
              <th scope="col">超期时限</th>
              <th scope="col">督办状态</th>
            </tr>
          </thead>
          <tbody>
            {r.supervised.map((s) => (
              <tr>
                <td>{s.ticketNo}</td>
                <td>{nameOf(s.departmentCode)}</td>
                <td>{s.title ?? '（无标题）'}</td>
                <td>{formatShanghai(s.deadlineAt)}</td>
                <td>{s.closedAt === null ? '督办中' : '已结束'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
