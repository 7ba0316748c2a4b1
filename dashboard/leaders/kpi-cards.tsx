// The dashboard's figures as cards, each number a link to the tickets behind it; a rate links to
// its numerator and to its denominator. `data-figure` names each number so the page's script
// can put a fresher value in its place, and the browser test can compare it with the API.
import type { FC } from 'hono/jsx';
import type { DrillMetric } from '../../tickets/stats/drill-down';
import type { Overview } from '../../tickets/stats/overview';
import type { StatsScope } from '../../tickets/stats/stats-period';
import { hoursText, percent, score } from './figure-format';
import { drillHref } from './page-links';

type CountKey = 'received' | 'dispatched' | 'signed' | 'replied' | 'closed' | 'overdue' | 'dueSoon';

const counts: Array<[CountKey, string, DrillMetric]> = [
  ['received', '受理', 'received'],
  ['dispatched', '派单', 'dispatched'],
  ['signed', '签收', 'signed'],
  ['replied', '答复', 'replied'],
  ['closed', '办结', 'closed'],
  ['overdue', '超期', 'overdue'],
  ['dueSoon', '即将超期', 'dueSoon'],
];

type RateKey = 'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate';

/** Each rate with its parts: [label, numerator metric and figure, denominator metric and figure]. */
function rateParts(
  o: Overview,
): Array<[RateKey, string, [DrillMetric, number, string], [DrillMetric, number, string]]> {
  return [
    ['responseRate', '响应率', ['responded', o.responded, '按时签收'], ['responseBase', o.responseKnown, '派单']],
    [
      'onTimeRate',
      '按时办结率',
      ['onTime', o.repliedOnTime, '按时答复'],
      ['onTimeBase', o.replied + o.overdueOpen, '答复及超期未答复'],
    ],
    ['resolutionRate', '解决率', ['resolved', o.resolved, '已解决'], ['rated', o.rated, '回访评价']],
    ['satisfactionRate', '满意率', ['satisfied', o.satisfied, '满意'], ['rated', o.rated, '回访评价']],
  ];
}

export const KpiCards: FC<{ overview: Overview; scope: StatsScope }> = ({ overview: o, scope }) => (
  <section aria-labelledby="kpi-title" class="kpis" id="kpis">
    <h2 id="kpi-title" class="visually-hidden">
      主要指标
    </h2>
    <ul class="kpi-counts">
      {counts.map(([key, label, metric]) => (
        <li class={`kpi${key === 'overdue' || key === 'dueSoon' ? ' warn' : ''}`}>
          <span class="kpi-label">{label}</span>
          <a class="kpi-value" href={drillHref(scope, { metric })} data-figure={key}>
            {o[key]}
          </a>
          {key === 'dueSoon' ? <span class="kpi-note">当前黄灯</span> : null}
        </li>
      ))}
    </ul>
    <ul class="kpi-rates">
      {rateParts(o).map(([key, label, [numMetric, num, numLabel], [denMetric, den, denLabel]]) => (
        <li class="kpi rate">
          <span class="kpi-label">{label}</span>
          <a class="kpi-value" href={drillHref(scope, { metric: numMetric })} data-figure={key}>
            {percent(o[key])}
          </a>
          <span class="kpi-note">
            {numLabel}{' '}
            <a href={drillHref(scope, { metric: numMetric })} data-figure={`${key}.numerator`}>
              {num}
            </a>{' '}
            / {denLabel}{' '}
            <a href={drillHref(scope, { metric: denMetric })} data-figure={`${key}.denominator`}>
              {den}
            </a>
          </span>
        </li>
      ))}
      <li class="kpi rate score">
        <span class="kpi-label">综合得分</span>
        <span class="kpi-value" data-figure="compositeScore">
          {score(o.compositeScore)}
          {o.compositeScore === null ? null : <small>分</small>}
        </span>
        <span class="kpi-note">响应率、解决率、满意率加权</span>
      </li>
      <li class="kpi rate">
        <span class="kpi-label">平均签收用时</span>
        <a class="kpi-value" href={drillHref(scope, { metric: 'signed' })} data-figure="avgSignHours">
          {hoursText(o.avgSignHours)}
        </a>
        <span class="kpi-note">工作小时</span>
      </li>
      <li class="kpi rate">
        <span class="kpi-label">平均答复用时</span>
        <a class="kpi-value" href={drillHref(scope, { metric: 'replied' })} data-figure="avgReplyHours">
          {hoursText(o.avgReplyHours)}
        </a>
        <span class="kpi-note">工作小时</span>
      </li>
    </ul>
  </section>
);
