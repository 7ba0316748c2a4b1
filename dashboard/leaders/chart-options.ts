// The dashboard's charts as Apache ECharts options, built once on the server: drawn there as SVG
// (dashboard/echarts-server.ts) for a page without script, and handed to the page's script as they are, which
// draws the same chart interactive in its place (dashboard/assets/dashboard.js).
import type { BreakdownRow } from '../../tickets/stats/breakdown';
import type { TrendPoint } from '../../tickets/stats/trend';

export type ChartOption = Record<string, unknown>;

// Single quotes: the server's SVG writes the family into an attribute without escaping a double one.
const fontFamily = "system-ui,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif";
const FONT_SIZE = 14;
const palette = ['#b71c1c', '#1a4fb4', '#2da44e', '#d4a72c', '#8250df', '#0a7ea4', '#bc4c00', '#57606a'];

const frame = (extra: ChartOption): ChartOption => ({
  animation: false,
  textStyle: { fontFamily, fontSize: FONT_SIZE, color: '#1f2328' },
  color: palette,
  ...extra,
});

const grid = { left: 8, right: 24, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };

/** 受理 and 答复 per day, week or month. */
export function volumeTrendOption(points: TrendPoint[]): ChartOption {
  return frame({
    legend: { top: 4, data: ['受理', '答复'] },
    grid,
    xAxis: { type: 'category', data: points.map((p) => p.period), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: '受理', data: points.map((p) => p.received), showSymbol: points.length <= 31 },
      { type: 'line', name: '答复', data: points.map((p) => p.replied), showSymbol: points.length <= 31 },
    ],
  });
}

const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** 按时办结率 and 满意率 in percent; a period with nothing to divide by is a gap, not a zero. */
export function rateTrendOption(points: TrendPoint[]): ChartOption {
  return frame({
    legend: { top: 4, data: ['按时办结率', '满意率'] },
    grid,
    xAxis: { type: 'category', data: points.map((p) => p.period), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: '按时办结率',
        data: points.map((p) => asPercent(p.onTimeRate)),
        showSymbol: points.length <= 31,
      },
      {
        type: 'line',
        name: '满意率',
        data: points.map((p) => asPercent(p.satisfactionRate)),
        showSymbol: points.length <= 31,
      },
    ],
  });
}

/** A few keys read best as a ring; many (categories, districts) as bars, largest on top. */
export function breakdownOption(rows: BreakdownRow[], shape: 'pie' | 'bar'): ChartOption {
  if (shape === 'pie') {
    return frame({
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '42%'],
          // Counts on the ring, names in the legend: long names would be cut short on a phone.
          label: { position: 'inside', formatter: '{c}', color: '#fff', fontSize: FONT_SIZE },
          data: rows.map((r) => ({ name: r.label, value: r.received })),
        },
      ],
    });
  }
  return frame({
    legend: { top: 4, data: ['受理', '答复'] },
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false } },
    series: [
      { type: 'bar', name: '受理', data: rows.map((r) => r.received), label: { show: true, position: 'right' } },
      { type: 'bar', name: '答复', data: rows.map((r) => r.replied), label: { show: true, position: 'right' } },
    ],
  });
}

/** The drawing's size: bars grow with their rows so a long list stays legible. */
export function chartSize(option: ChartOption, rows: number): { width: number; height: number } {
  const series = option.series as Array<{ type: string }>;
  if (series[0]?.type === 'bar') return { width: 560, height: 90 + 44 * Math.max(rows, 2) };
  if (series[0]?.type === 'pie') return { width: 560, height: 360 };
  return { width: 720, height: 300 };
}
