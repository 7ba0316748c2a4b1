// The 通报's opening paragraph, written from its figures in the form a 12345 centre circulates:
// volume and its change, the rates, the best and the lowest ranked, and what needs following up.
import { countChange, percent, rateChange, score } from './figure-format';
import type { MonthReport } from './report-data';

export function reportSummary(r: MonthReport, label: string): string {
  const m = r.month;
  const change = (now: number | null, before: number | null) => `环比${rateChange(now, before)}`;
  const parts = [
    `${label}，${r.city}12345政务服务便民热线共受理群众诉求 ${m.received} 件` +
      `（环比${countChange(m.received, r.previous.received)}），答复 ${m.replied} 件，办结 ${m.closed} 件。`,
    `响应率 ${percent(m.responseRate)}，按时办结率 ${percent(m.onTimeRate)}（${change(m.onTimeRate, r.previous.onTimeRate)}），` +
      `解决率 ${percent(m.resolutionRate)}，` +
      `满意率 ${percent(m.satisfactionRate)}（${change(m.satisfactionRate, r.previous.satisfactionRate)}），` +
      `全市综合得分 ${score(m.compositeScore)} 分。`,
  ];
  const [first] = r.ranking.ranked;
  if (first) {
    const low = r.belowLine.map((d) => d.name);
    parts.push(
      `参与排名的 ${r.ranking.ranked.length} 个单位中，${first.name}综合得分最高（${score(first.compositeScore)} 分）` +
        (low.length ? `；${low.join('、')}综合得分低于全市水平，请对照查找原因、限期整改。` : '。'),
    );
  } else {
    parts.push(`本月没有单位的回访评价达到 ${r.ranking.minimumSample} 件，暂不排名。`);
  }
  if (m.overdue > 0 || r.supervisedCount > 0) {
    parts.push(`本月超期工单 ${m.overdue} 件，督办工单 ${r.supervisedCount} 件，相关单位要加快办理、按时答复。`);
  }
  return parts.join('');
}
