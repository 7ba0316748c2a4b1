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

interface SvgPainter {
  renderToString(opts: { cssAnimation: boolean; cssEmphasis: boolean; useViewBox: boolean }): string;
}

/**
 * The text's style attribute (`font-size:12px;font-family:sans-serif;`, or the `font:` shorthand)
 * as SVG presentation attributes, which the pages' content policy allows where it refuses every
 * inline style.
 */
function fontAttributes(declarations: string): string {
  const font = /^\s*font:\s*(?:(italic|oblique)\s+)?(?:(bold|bolder|lighter|[1-9]00)\s+)?(\S+)\s+(.+?);?\s*$/.exec(
    declarations,
  );
  const pairs: Array<[string, string | undefined]> = font
    ? [
        ['font-style', font[1]],
        ['font-weight', font[2]],
        ['font-size', font[3]],
        ['font-family', font[4]],
      ]
    : declarations
        .split(';')
        .filter((d) => d.includes(':'))
        .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()]);
  return pairs
    .filter((p): p is [string, string] => /^[a-z-]+$/.test(p[0]) && !!p[1])
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
}

/**
 * The chart of an ECharts option as an SVG string the page inlines: no <style> of its own (its
 * entry animation and hover colours; the browser's script draws the interactive chart) and no
 * style attributes, so that nothing in it needs an inline style.
 */
export function renderSvg(option: Record<string, unknown>, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(option);
    // echarts' renderToSVGString() has no switch for the CSS; its painter does.
    const painter = chart.getZr().painter as unknown as SvgPainter;
    const svg = painter.renderToString({ cssAnimation: false, cssEmphasis: false, useViewBox: true });
    return svg.replace(/ style="([^"]*)"/g, (_, declarations: string) => fontAttributes(declarations));
  } finally {
    chart.dispose();
  }
}
