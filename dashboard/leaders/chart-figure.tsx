// One chart on a page: the server's SVG inside a box the page's script draws into, the option
// beside it as JSON (no inline script: the pages will run under a strict content policy), and a
// caption. The JSON's "<" is escaped so no value can end the block early.
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { renderSvg } from '../echarts-server';
import { type ChartOption, chartSize } from './chart-options';

const jsonBlock = (value: unknown) => raw(JSON.stringify(value).replace(/</g, '\\u003c'));

export const ChartFigure: FC<{ id: string; caption: string; option: ChartOption; rows: number }> = (p) => {
  const size = chartSize(p.option, p.rows);
  return (
    <figure class="chart" data-chart={p.id}>
      <figcaption>{p.caption}</figcaption>
      <div class="chart-box" id={`chart-${p.id}`} data-width={size.width} data-height={size.height}>
        {raw(renderSvg(p.option, size))}
      </div>
      <script type="application/json" id={`chart-${p.id}-option`}>
        {jsonBlock(p.option)}
      </script>
    </figure>
  );
};
