// GET /public/monthly/{yyyy-mm}: a month's figures in the style of a government information-
// disclosure report: the city's overview, the chart and table by department, the 依申请公开
// table, and links to the month before and after and to the year.
import type { Child, FC } from 'hono/jsx';
import { formatShanghai } from '../../routing/calendar';
import type { PeriodFigures } from '../../tickets/publication/monthly-figures';
import type { FiguresPeriod } from '../../tickets/publication/monthly-figures-period';
import { Layout } from '../layout';
import { CountingNotes, DepartmentSection, DisclosureSection, Overview, reportStyles } from './monthly-tables';

export interface PeriodLink {
  href: string;
  text: string;
}

/** 统计时段: the period's first and last day, and the moment read while it still runs. */
function spanText(figures: PeriodFigures): string {
  const { period, cutoff } = figures;
  const first = formatShanghai(period.start).slice(0, 10);
  const last = formatShanghai(period.end - 1).slice(0, 10);
  const running = cutoff < period.end ? `（本期尚未结束，数据截至 ${formatShanghai(cutoff)}）` : '';
  return `统计时段：${first} 至 ${last}（北京时间）${running}`;
}

export const reportTitle = (figures: PeriodFigures, what: string) =>
  `${figures.city}12345政务服务便民热线 ${what}办理情况`;

/** The frame both reports share; the month's and the year's pages differ in their words and links. */
export const FiguresReport: FC<{
  figures: PeriodFigures;
  what: string;
  links: Array<PeriodLink | null>;
  disclosureTitle: string;
  children?: Child;
}> = (p) => {
  const { figures } = p;
  const word = figures.period.kind === 'year' ? '全年' : '本月';
  return (
    <Layout title={reportTitle(figures, p.what)} styles={[reportStyles]} home="/" wide>
      <article class="report">
        <h1>
          {figures.city}12345政务服务便民热线
          <br />
          {p.what}办理情况
        </h1>
        <p class="muted centered">{spanText(figures)}</p>
        <nav class="period-nav" aria-label="其他时段">
          {p.links.map((l) => (l ? <a href={l.href}>{l.text}</a> : null))}
        </nav>
        <section class="card" aria-labelledby="overview">
          <h2 id="overview">一、总体情况</h2>
          <Overview total={figures.total} periodWord={word} />
        </section>
        <DepartmentSection rows={figures.departments} total={figures.total} caption={p.what} />
        <DisclosureSection table={figures.disclosure} title={p.disclosureTitle} />
        {p.children}
        <CountingNotes />
      </article>
    </Layout>
  );
};

const monthLink = (period: FiguresPeriod | null, text: string): PeriodLink | null =>
  period ? { href: `/public/monthly/${period.key}`, text } : null;

export const MonthlyPage: FC<{ figures: PeriodFigures; previous: FiguresPeriod | null; next: FiguresPeriod | null }> = (
  p,
) => {
  const year = p.figures.period.key.slice(0, 4);
  return (
    <FiguresReport
      figures={p.figures}
      what={p.figures.period.label}
      disclosureTitle="依申请公开办理情况"
      links={[
        monthLink(p.previous, `‹ 上月（${p.previous?.label ?? ''}）`),
        { href: `/public/annual/${year}`, text: `${year}年全年` },
        monthLink(p.next, `下月（${p.next?.label ?? ''}）›`),
      ]}
    />
  );
};
