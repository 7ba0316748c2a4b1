// 热点: clusters of residents writing about one matter in one place, largest first, with the
// last week against the week before; every number opens the cluster's tickets.
import type { FC } from 'hono/jsx';
import type { HotspotItem } from '../../tickets/stats/hotspots';
import type { StatsScope } from '../../tickets/stats/stats-period';
import { csvHref, drillHref } from './page-links';

function growth(h: HotspotItem): string {
  if (h.weekBefore === 0) return h.lastWeek === 0 ? '持平' : '新出现';
  const change = ((h.lastWeek - h.weekBefore) / h.weekBefore) * 100;
  return change === 0 ? '持平' : `${change > 0 ? '+' : ''}${change.toFixed(0)}%`;
}

export const HotspotList: FC<{ items: HotspotItem[]; scope: StatsScope }> = ({ items, scope }) => {
  const link = (h: HotspotItem, week?: 'last' | 'before') =>
    drillHref(scope, { metric: 'received', hotspot: week ? `${h.id}:${week}` : h.id });
  return (
    <section class="card" id="hotspots" aria-labelledby="hotspots-title">
      <h2 id="hotspots-title">
        热点问题{' '}
        <a class="csv" href={csvHref('hotspots', scope)}>
          下载 CSV
        </a>
      </h2>
      {items.length === 0 ? (
        <p class="muted">本期没有热点问题。</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">地点</th>
                <th scope="col">问题</th>
                <th scope="col" class="num">
                  工单
                </th>
                <th scope="col" class="num">
                  涉及群众
                </th>
                <th scope="col" class="num">
                  近7天
                </th>
                <th scope="col" class="num">
                  前7天
                </th>
                <th scope="col" class="num">
                  增长
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr data-hotspot={h.id}>
                  <td>{h.place ?? '—'}</td>
                  <th scope="row">{h.title}</th>
                  <td class="num">
                    <a href={link(h)}>{h.tickets}</a>
                  </td>
                  <td class="num">
                    <a href={link(h)}>{h.residents}</a>
                  </td>
                  <td class="num">
                    <a href={link(h, 'last')}>{h.lastWeek}</a>
                  </td>
                  <td class="num">
                    <a href={link(h, 'before')}>{h.weekBefore}</a>
                  </td>
                  <td class="num">{growth(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};
