// The figures pages' chart, drawn on the server by Apache ECharts into an SVG string the page
// inlines, so it shows with no script and prints as it is (dashboard/echarts-server.ts loads only
// the parts of ECharts the pages use: the whole of it is far larger).
import { renderSvg } from '../echarts-server';

export interface BarRow {
  name: string;
  received: number;
  replied: number;
}

// Single quotes: the server's SVG writes the family into an attribute without escaping a double one.
const fontFamily = "system-ui,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif";
// Near a phone's width, so its labels stay legible when the drawing is scaled to the screen.
const WIDTH = 420;
const FONT_SIZE = 13;
const ROW_HEIGHT = 36;
const FRAME_HEIGHT = 70;

/**
 * 受理 and 答复 by department as horizontal bars (long Chinese names read across, and a phone
 * scales the drawing down to its width through the viewBox).
 */
export function receivedRepliedChart(rows: BarRow[]): string {
  const height = FRAME_HEIGHT + ROW_HEIGHT * Math.max(rows.length, 1);
  return renderSvg(
    {
      animation: false,
      textStyle: { fontFamily, fontSize: FONT_SIZE, color: '#1f2328' },
      color: ['#b71c1c', '#1a4fb4'],
      legend: { top: 4, data: ['受理', '答复'], textStyle: { fontSize: FONT_SIZE } },
      grid: { left: 8, right: 36, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: FONT_SIZE } },
      // ECharts draws the first category at the bottom; the table's first row goes on top.
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisTick: { show: false },
        axisLabel: { fontSize: FONT_SIZE },
      },
      series: [
        {
          type: 'bar',
          name: '受理',
          data: rows.map((r) => r.received),
          label: { show: true, position: 'right', fontSize: FONT_SIZE },
        },
        {
          type: 'bar',
          name: '答复',
          data: rows.map((r) => r.replied),
          label: { show: true, position: 'right', fontSize: FONT_SIZE },
        },
      ],
    },
    { width: WIDTH, height },
  );
}
