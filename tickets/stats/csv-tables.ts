// The columns of each stats table's CSV download, Chinese labels first, in the order of the JSON
// fields (DESIGN.md "Stats API"); one record per row of the table the JSON lists.
import type { BreakdownRow } from './breakdown';
import type { CsvColumn } from './csv';
import type { Rates } from './figures';
import type { HotspotItem } from './hotspots';
import type { Overview } from './overview';
import type { RankingRow } from './ranking';
import type { TrendPoint } from './trend';

const rateColumns = <T extends Rates>(): CsvColumn<T>[] => [
  { label: '响应率', value: (r) => r.responseRate },
  { label: '按时办结率', value: (r) => r.onTimeRate },
  { label: '解决率', value: (r) => r.resolutionRate },
  { label: '满意率', value: (r) => r.satisfactionRate },
  { label: '综合得分', value: (r) => r.compositeScore },
  { label: '平均签收时长（工作小时）', value: (r) => r.avgSignHours },
  { label: '平均答复时长（工作小时）', value: (r) => r.avgReplyHours },
];

export const overviewColumns: CsvColumn<Overview>[] = [
  { label: '起始日期', value: (r) => r.from },
  { label: '截止日期', value: (r) => r.to },
  { label: '部门编码', value: (r) => r.department },
  { label: '受理量', value: (r) => r.received },
  { label: '派单量', value: (r) => r.dispatched },
  { label: '签收量', value: (r) => r.signed },
  { label: '答复量', value: (r) => r.replied },
  { label: '办结量', value: (r) => r.closed },
  { label: '超期量', value: (r) => r.overdue },
  { label: '即将超期', value: (r) => r.dueSoon },
  ...rateColumns<Overview>(),
];

export const rankingColumns: CsvColumn<RankingRow>[] = [
  { label: '名次', value: (r) => r.rank },
  { label: '部门编码', value: (r) => r.code },
  { label: '部门', value: (r) => r.name },
  { label: '受理量', value: (r) => r.received },
  { label: '答复量', value: (r) => r.replied },
  { label: '超期量', value: (r) => r.overdue },
  ...rateColumns<RankingRow>(),
  { label: '评价数', value: (r) => r.rated },
  { label: '黄灯', value: (r) => r.yellow },
  { label: '红灯', value: (r) => r.red },
];

export const trendColumns: CsvColumn<TrendPoint>[] = [
  { label: '时段', value: (r) => r.period },
  { label: '受理量', value: (r) => r.received },
  { label: '答复量', value: (r) => r.replied },
  { label: '按时办结率', value: (r) => r.onTimeRate },
  { label: '满意率', value: (r) => r.satisfactionRate },
];

export const breakdownColumns: CsvColumn<BreakdownRow>[] = [
  { label: '编码', value: (r) => r.key },
  { label: '名称', value: (r) => r.label },
  { label: '受理量', value: (r) => r.received },
  { label: '答复量', value: (r) => r.replied },
];

export const hotspotColumns: CsvColumn<HotspotItem>[] = [
  { label: '编号', value: (r) => r.id },
  { label: '地点', value: (r) => r.place },
  { label: '事项', value: (r) => r.title },
  { label: '类别', value: (r) => r.category },
  { label: '工单数', value: (r) => r.tickets },
  { label: '来信群众数', value: (r) => r.residents },
  { label: '首次反映', value: (r) => r.firstAt },
  { label: '最近反映', value: (r) => r.lastAt },
  { label: '近7天', value: (r) => r.lastWeek },
  { label: '前7天', value: (r) => r.weekBefore },
];

/** Each table's name in the downloaded file's Chinese name. */
export const tableLabels = {
  overview: '总览',
  departments: '部门排名',
  trend: '趋势',
  breakdown: '分类统计',
  hotspots: '热点',
} as const;
