// 受理 and 答复 by channel, type, category and district: a chart and its table, each number a
// link to the tickets of that key (received or replied in the period), each table a CSV.
import type { FC } from 'hono/jsx';
import type { BreakdownRow } from '../../tickets/stats/breakdown';
import type { VolumeDimension } from '../../tickets/stats/facts';
import type { StatsScope } from '../../tickets/stats/stats-period';
import { ChartFigure } from './chart-figure';
import { breakdownOption } from './chart-options';
import { csvHref, drillHref } from './page-links';

export const dimensionLabels: Record<VolumeDimension, string> = {
  channel: '渠道',
  type: '诉求类型',
  category: '问题分类',
  district: '区县',
};

const shapes: Record<VolumeDimension, 'pie' | 'bar'> = {
  channel: 'pie',
  type: 'pie',
  category: 'bar',
  district: 'bar',
};

export const BreakdownSection: FC<{ by: VolumeDimension; rows: BreakdownRow[]; scope: StatsScope }> = (p) => {
  const link = (row: BreakdownRow, metric: 'received' | 'replied') =>
    drillHref(p.scope, { metric, key: { dimension: p.by, value: row.key } });
  return (
    <section class="card breakdown" id={`breakdown-${p.by}`} aria-labelledby={`breakdown-${p.by}-title`}>
      <h2 id={`breakdown-${p.by}-title`}>
        按{dimensionLabels[p.by]}{' '}
        <a class="csv" href={csvHref('breakdown', p.scope, { by: p.by })}>
          下载 CSV
        </a>
      </h2>
      {p.rows.length ? (
        <ChartFigure
          id={`breakdown-${p.by}`}
          caption={`按${dimensionLabels[p.by]}的受理量`}
          option={breakdownOption(p.rows, shapes[p.by])}
          rows={p.rows.length}
        />
      ) : (
        <p class="muted">本期没有工单。</p>
      )}
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{dimensionLabels[p.by]}</th>
              <th scope="col" class="num">
                受理
              </th>
              <th scope="col" class="num">
                答复
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr data-key={row.key}>
                <th scope="row">{row.label}</th>
                <td class="num">
                  <a href={link(row, 'received')}>{row.received}</a>
                </td>
                <td class="num">
                  <a href={link(row, 'replied')}>{row.replied}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};
