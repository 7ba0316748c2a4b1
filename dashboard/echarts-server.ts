// Apache ECharts on the server (SVG renderer, server-side mode) for every page that draws a chart:
// the figures pages and the leaders' dashboard. Only the chart kinds and components they use are
// loaded, each by its own module: `echarts/charts` and `echarts/components` would bring in every
// kind ECharts has, many times the code, into the Worker and into each test's module graph.
import 'echarts/lib/chart/bar';
import 'echarts/lib/chart/line';
import 'echarts/lib/chart/pie';
import 'echarts/lib/component/grid';
import 'echarts/lib/component/legend';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([SVGRenderer]);

/** The chart of an ECharts option as an SVG string the page inlines. */
export function renderSvg(option: Record<string, unknown>, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
