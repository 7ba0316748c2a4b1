// The public figures pages: /public/monthly/{yyyy-mm} and /public/annual/{yyyy}. Each reads its
// figures in one D1 batch; an address that is no month or year, or one still to come, is a
// Chinese 404 page (never a 5xx), and /public/monthly alone goes to the month now running.
import { type Context, Hono } from 'hono';
import { openDb } from '../../db/client';
import { loadPeriodFigures } from '../../tickets/publication/monthly-figures';
import {
  adjacentPeriods,
  type FiguresPeriod,
  monthOf,
  monthsOf,
  parseMonth,
  parseYear,
} from '../../tickets/publication/monthly-figures-period';
import { Layout } from '../layout';
import { AnnualPage } from './annual-page';
import { MonthlyPage } from './monthly-page';

type Env_ = { Bindings: Env };

function noSuchPeriod(c: Context<Env_>, text: string, kind: 'month' | 'year') {
  const current = monthOf(Date.now());
  const what = kind === 'month' ? '月份' : '年份';
  return c.html(
    <Layout title={`没有这个${what}的统计`} home="/">
      <section class="card">
        <h1>没有这个{what}的统计</h1>
        <p>
          “{text}”不是已经开始的{what}。请按 {kind === 'month' ? '2026-11' : '2026'} 的格式填写，且不晚于本
          {kind === 'month' ? '月' : '年'}。
        </p>
        <p>
          <a href={`/public/monthly/${current.key}`}>查看{current.label}办理情况</a>
        </p>
      </section>
    </Layout>,
    404,
  );
}

async function figuresOf(c: Context<Env_>, period: FiguresPeriod, now: number) {
  return loadPeriodFigures(openDb(c.env.DB), period, now);
}

export const monthlyRoutes = new Hono<Env_>();

monthlyRoutes.get('/', (c) => c.redirect(`/public/monthly/${monthOf(Date.now()).key}`, 302));

monthlyRoutes.get('/:month', async (c) => {
  const now = Date.now();
  const text = c.req.param('month');
  const period = parseMonth(text, now);
  if (!period) return noSuchPeriod(c, text, 'month');
  const figures = await figuresOf(c, period, now);
  return c.html(<MonthlyPage figures={figures} {...adjacentPeriods(period, now)} />);
});

export const annualRoutes = new Hono<Env_>();

annualRoutes.get('/', (c) => c.redirect(`/public/annual/${monthOf(Date.now()).key.slice(0, 4)}`, 302));

annualRoutes.get('/:year', async (c) => {
  const now = Date.now();
  const text = c.req.param('year');
  const period = parseYear(text, now);
  if (!period) return noSuchPeriod(c, text, 'year');
  const figures = await figuresOf(c, period, now);
  return c.html(<AnnualPage figures={figures} months={monthsOf(period, now)} {...adjacentPeriods(period, now)} />);
});
