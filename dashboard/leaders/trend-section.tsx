// 趋势: received and replied, and the on-time and satisfaction rates, by day, week or month over
// the period (links switch the step, no script needed).
import type { FC } from 'hono/jsx';
import type { Granularity, StatsScope } from '../../tickets/stats/stats-period';
import type { TrendPoint } from '../../tickets/stats/trend';
import { ChartFigure } from './chart-figure';
import { rateTrendOption, volumeTrendOption } from './chart-options';
import { csvHref, dashboardHref } from './page-links';

const steps: Array<[Granularity, string]> = [
  ['day', '按日'],
  ['week', '按周'],
  ['month', '按月'],
];

export const TrendSection: FC<{ points: TrendPoint[]; scope: StatsScope; granularity: Granularity; sort: string }> = (
  p,
) => (
  <section class="card" id="trend" aria-labelledby="trend-title">
    <h2 id="trend-title">
      趋势{' '}
      <a class="csv" href={csvHref('trend', p.scope, { granularity: p.granularity })}>
        下载 CSV
      </a>
    </h2>
    <ul class="tabs" aria-label="统计粒度">
      {steps.map(([g, label]) => (
        <li>
          <a
            href={`${dashboardHref(p.scope, { granularity: g, sort: p.sort })}#trend`}
            aria-current={g === p.granularity ? 'page' : undefined}
          >
            {label}
          </a>
        </li>
      ))}
    </ul>
    <div class="chart-pair">
      <ChartFigure
        id="trend-volume"
        caption="受理量与答复量"
        option={volumeTrendOption(p.points)}
        rows={p.points.length}
      />
      <ChartFigure
        id="trend-rates"
        caption="按时办结率与满意率（%）"
        option={rateTrendOption(p.points)}
        rows={p.points.length}
      />
    </div>
  </section>
);
