// GET /public/annual/{yyyy}: the year's figures, with the 依申请公开 table in the shape of table
// 三 of the annual report (政府信息公开工作年度报告), and links to each month of the year.
import type { FC } from 'hono/jsx';
import type { PeriodFigures } from '../../tickets/publication/monthly-figures';
import type { FiguresPeriod } from '../../tickets/publication/monthly-figures-period';
import { FiguresReport } from './monthly-page';

const yearLink = (period: FiguresPeriod | null, text: string) =>
  period ? { href: `/public/annual/${period.key}`, text } : null;

export const AnnualPage: FC<{
  figures: PeriodFigures;
  previous: FiguresPeriod | null;
  next: FiguresPeriod | null;
  months: FiguresPeriod[];
}> = (p) => (
  <FiguresReport
    figures={p.figures}
    what={`${p.figures.period.key}年度`}
    disclosureTitle="收到和处理政府信息公开申请情况"
    links={[yearLink(p.previous, `‹ ${p.previous?.key ?? ''}年`), yearLink(p.next, `${p.next?.key ?? ''}年 ›`)]}
  >
    <section class="card" aria-labelledby="months">
      <h2 id="months">各月办理情况</h2>
      <ul class="period-nav plain-list">
        {p.months.map((m) => (
          <li>
            <a href={`/public/monthly/${m.key}`}>{m.label}</a>
          </li>
        ))}
      </ul>
    </section>
  </FiguresReport>
);
