// 打分排名: the units under the department shown, ranked by composite score, every figure a link
// to its tickets in that unit. The column heads are `?sort=` links (the server orders the rows,
// no script needed); the rank stays the composite's. Units with too few ratings are listed apart
// with the reason, never ranked.
import type { FC } from 'hono/jsx';
import type { DrillMetric } from '../../tickets/stats/drill-down';
import type { Ranking, RankingRow } from '../../tickets/stats/ranking';
import type { StatsScope } from '../../tickets/stats/stats-period';
import { percent, score } from './figure-format';
import { csvHref, dashboardHref, drillHref } from './page-links';
import type { RankingSort } from './page-query';

type Column = [RankingSort, string, (r: RankingRow) => string | number, DrillMetric | null];

const columns: Column[] = [
  ['received', '受理', (r) => r.received, 'received'],
  ['replied', '答复', (r) => r.replied, 'replied'],
  ['responseRate', '响应率', (r) => percent(r.responseRate), 'responded'],
  ['onTimeRate', '按时办结率', (r) => percent(r.onTimeRate), 'onTime'],
  ['resolutionRate', '解决率', (r) => percent(r.resolutionRate), 'resolved'],
  ['satisfactionRate', '满意率', (r) => percent(r.satisfactionRate), 'satisfied'],
  ['compositeScore', '综合得分', (r) => score(r.compositeScore), null],
  ['rated', '评价数', (r) => r.rated, 'rated'],
  ['yellow', '黄灯', (r) => r.yellow, 'dueSoon'],
  ['red', '红灯', (r) => r.red, 'red'],
];

/** A unit with nothing in the period has nothing to explain: counted, not listed. */
export const hasTickets = (r: RankingRow) => r.received > 0 || r.rated > 0 || r.yellow > 0 || r.red > 0;

/** Largest first; a figure with nothing to divide by goes last; ties keep the composite's order. */
export function sortRows(rows: RankingRow[], sort: RankingSort): RankingRow[] {
  const value = (r: RankingRow) => r[sort] ?? Number.NEGATIVE_INFINITY;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => value(b.r) - value(a.r) || a.i - b.i)
    .map(({ r }) => r);
}

const Row: FC<{ row: RankingRow; scope: StatsScope; reason?: string }> = ({ row, scope, reason }) => {
  const unitScope = { ...scope, department: row.code };
  return (
    <tr data-code={row.code}>
      <td class="rank">{row.rank ?? '—'}</td>
      <th scope="row">{row.name}</th>
      {columns.map(([key, , text, metric]) => (
        <td class="num" data-sort-value={row[key] ?? ''}>
          {metric ? <a href={drillHref(unitScope, { metric })}>{text(row)}</a> : text(row)}
        </td>
      ))}
      {reason === undefined ? null : <td>{reason}</td>}
    </tr>
  );
};

const Head: FC<{ scope: StatsScope; sort: RankingSort; granularity: string; reason?: boolean }> = (p) => (
  <thead>
    <tr>
      <th scope="col">排名</th>
      <th scope="col">单位</th>
      {columns.map(([key, label]) => (
        <th scope="col" class="num" aria-sort={p.sort === key ? 'descending' : undefined}>
          <a href={`${dashboardHref(p.scope, { granularity: p.granularity, sort: key })}#ranking`}>{label}</a>
        </th>
      ))}
      {p.reason ? <th scope="col">未排名原因</th> : null}
    </tr>
  </thead>
);

export const RankingTable: FC<{ ranking: Ranking; scope: StatsScope; sort: RankingSort; granularity: string }> = (
  p,
) => {
  const active = p.ranking.unranked.filter(hasTickets);
  const quiet = p.ranking.unranked.length - active.length;
  const why = (r: RankingRow) =>
    r.rated < p.ranking.minimumSample ? `评价样本不足 ${p.ranking.minimumSample} 件（${r.rated} 件）` : '三率数据不全';
  return (
    <section class="card" id="ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title">
        单位排名{' '}
        <a class="csv" href={csvHref('departments', p.scope)}>
          下载 CSV
        </a>
      </h2>
      <div class="table-scroll">
        <table class="ranking" data-sortable>
          <caption class="muted">按综合得分排名；点击列名可按该列排序</caption>
          <Head scope={p.scope} sort={p.sort} granularity={p.granularity} />
          <tbody>
            {sortRows(p.ranking.ranked, p.sort).map((row) => (
              <Row row={row} scope={p.scope} />
            ))}
          </tbody>
        </table>
      </div>
      {active.length ? (
        <div class="table-scroll" id="unranked">
          <table class="ranking">
            <caption>不参与排名的单位（评价少于 {p.ranking.minimumSample} 件不排名）</caption>
            <Head scope={p.scope} sort={p.sort} granularity={p.granularity} reason />
            <tbody>
              {active.map((row) => (
                <Row row={row} scope={p.scope} reason={why(row)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {quiet ? <p class="muted">另有 {quiet} 个单位本期没有工单。</p> : null}
    </section>
  );
};
