// The leaders' pages as the server renders them: who may open them (every staff role, department
// staff within their own subtree, no session to sign-in), the figures of hand-made tickets whose
// answers are worked out here, the drill-down's count and rows, the 通报 of a month and the 404
// of a month to come, and the browser files served from the Worker.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { shanghaiTime as at } from '../../routing/calendar';
import { BASE, request } from '../../tests/helpers';
import { linkedStyles } from '../../tests/page-styles';
import { actOn, answered, db, dispatcher, intakeAt } from '../../tests/practice-steps';
import { rateTicket } from '../../tickets/lifecycle/rate-ticket';
import { signInPage, submitLogin } from '../workbench/page-session';

const october = 'from=2026-10-01&to=2026-10-31';
const numbers: string[] = [];

// Three letters in October: one answered by 城管局 and rated 满意 and resolved, one with 城管局
// unanswered, one with 住建局 unanswered. Expected, city-wide: 受理 3, 派单 3, 答复 1, 评价 1.
beforeAll(async () => {
  const a = await intakeAt(at('2026-10-12', 10), { text: '幸福小区东门路灯不亮，请尽快修复。' });
  await answered(a.ticketNo, '2026-10-13');
  const [row] = await db.select().from(tickets).where(eq(tickets.ticketNo, a.ticketNo));
  await rateTicket({ db }, row!, { resolved: true, satisfaction: 'satisfied' }, { now: at('2026-10-14', 10) });
  const b = await intakeAt(at('2026-10-14', 11), { text: '人民路井盖松动，车辆经过声音很大。' });
  await actOn(b.ticketNo)('dispatch', dispatcher, { departmentCode: 'cgj', type: '投诉' }, at('2026-10-14', 14));
  const c = await intakeAt(at('2026-10-15', 9), { text: '小区电梯经常停运，物业不处理。' });
  await actOn(c.ticketNo)('dispatch', dispatcher, { departmentCode: 'zjj', type: '投诉' }, at('2026-10-15', 10));
  numbers.push(a.ticketNo, b.ticketNo, c.ticketNo);
});

const figure = (html: string, name: string) => html.match(new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`))?.[1];
const rowsOf = (html: string) =>
  [...html.matchAll(/<td>(?:<a href="\/workbench\/tickets\/[^"]+">)?([A-Z]+\d+)/g)].map((m) => m[1]);

describe('who opens the dashboard', () => {
  it('sends a visitor without a session to sign in, and back', async () => {
    const res = await request(`${BASE}/dashboard?${october}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fdashboard');
  });

  it('signs a leader in onto the dashboard, not the workbench they may not use', async () => {
    const res = await submitLogin('leader');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
  });

  it.each(['leader', 'admin', 'dispatcher', 'supervisor'])('shows %s the whole city', async (username) => {
    const page = await signInPage(username);
    const { status, html } = await page.get(`/dashboard?${october}`);
    expect(status).toBe(200);
    expect(html).toContain('全市 · 工单办理情况');
    expect(figure(html, 'received')).toBe('3');
  });

  it('keeps a department’s staff to their own department and those under it', async () => {
    const page = await signInPage('cgj.handler');
    const own = await page.get(`/dashboard?${october}`);
    expect(own.status).toBe(200);
    expect(figure(own.html, 'received')).toBe('2');
    expect(own.html).not.toContain('<option value="" ');
    const other = await page.get(`/dashboard?${october}&department=zjj`);
    expect(other.status).toBe(403);
    expect(other.html).toContain('只能查看本单位及下属单位的数据');
    const city = await page.get(`/dashboard/tickets?metric=received&${october}&department=city`);
    expect(city.status).toBe(403);
  });

  it('answers a query it cannot read with a 422 page naming the field', async () => {
    const page = await signInPage('leader');
    const res = await page.get('/dashboard?from=2026-13-01');
    expect(res.status).toBe(422);
    expect(res.html).toContain('查询条件有误');
    expect((await page.get('/dashboard?from=2026-10-31&to=2026-10-01')).status).toBe(422);
    expect((await page.get('/dashboard/tickets?metric=nothing')).status).toBe(422);
  });
});

describe('the figures', () => {
  it('counts the hand-made tickets on the cards, each a link to its tickets', async () => {
    const page = await signInPage('leader');
    const { html } = await page.get(`/dashboard?${october}`);
    expect(figure(html, 'received')).toBe('3');
    expect(figure(html, 'dispatched')).toBe('3');
    expect(figure(html, 'replied')).toBe('1');
    // 满意率 = 1 满意 of 1 rating; 解决率 alike; the satisfaction rate links to both parts.
    expect(figure(html, 'satisfactionRate')).toBe('100.0%');
    expect(figure(html, 'satisfactionRate.numerator')).toBe('1');
    expect(figure(html, 'satisfactionRate.denominator')).toBe('1');
    expect(html).toContain('href="/dashboard/tickets?metric=received&amp;from=2026-10-01&amp;to=2026-10-31"');
    expect(html).toContain('href="/api/v1/stats/departments?from=2026-10-01&amp;to=2026-10-31&amp;format=csv"');
    // One rating is fewer than the minimum sample: 城管局 is listed apart with the reason.
    expect(html).toMatch(/评价样本不足 10 件（1 件）/);
  });

  it('draws every chart on the server as SVG, with its option for the script beside it', async () => {
    const page = await signInPage('leader');
    const { html } = await page.get(`/dashboard?${october}`);
    const charts = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"/g)].map((m) => m[1]);
    const breakdowns = ['channel', 'type', 'category', 'district'].map((by) => `breakdown-${by}`);
    expect(charts).toEqual(['trend-volume', 'trend-rates', ...breakdowns]);
    for (const id of charts) {
      const start = html.indexOf(`data-chart="${id}"`);
      const box = html.slice(start, html.indexOf('</figure>', start));
      expect(box, id).toMatch(/<svg [^>]*>[\s\S]*<path/);
      expect(box).toContain(`<script type="application/json" id="chart-${id}-option">`);
    }
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="60"/></noscript>');
    expect(html).not.toMatch(/<script>(?!<)/);
  });
});

describe('the drill-down', () => {
  it('lists exactly the tickets behind a figure, with their count', async () => {
    const page = await signInPage('leader');
    const received = await page.get(`/dashboard/tickets?metric=received&${october}`);
    expect(received.status).toBe(200);
    expect(figure(received.html, 'total')).toBe('3');
    expect(rowsOf(received.html).sort()).toEqual([...numbers].sort());
    const replied = await page.get(`/dashboard/tickets?metric=replied&${october}`);
    expect(rowsOf(replied.html)).toEqual([numbers[0]]);
    const housing = await page.get(`/dashboard/tickets?metric=dispatched&${october}&department=zjj`);
    expect(figure(housing.html, 'total')).toBe('1');
    expect(rowsOf(housing.html)).toEqual([numbers[2]]);
    expect(housing.html).toContain('市住房和城乡建设局');
  });

  it('links the centre to each ticket, and a leader, who reads figures only, to none', async () => {
    const leader = await signInPage('leader');
    expect((await leader.get(`/dashboard/tickets?metric=received&${october}`)).html).not.toContain(
      '/workbench/tickets/',
    );
    const centre = await signInPage('dispatcher');
    const { html } = await centre.get(`/dashboard/tickets?metric=received&${october}`);
    for (const no of numbers) expect(html).toContain(`href="/workbench/tickets/${no}"`);
  });
});

describe('the monthly 通报', () => {
  it('reports a month against the month before, ready to print on A4', async () => {
    const page = await signInPage('leader');
    const { status, html } = await page.get('/dashboard/report/2026-10');
    expect(status).toBe(200);
    expect(html).toContain('A市12345政务服务便民热线 2026年10月 工单办理情况通报');
    // September had no tickets: 受理 3 against 0.
    expect(html).toMatch(
      /<th scope="row">受理量<\/th><td class="num"><a [^>]*>3<\/a><\/td><td class="num">0<\/td><td class="num">上月为0<\/td>/,
    );
    expect(await linkedStyles(html)).toContain('@page{size:A4;margin:18mm}');
    expect(html).toContain('共受理群众诉求 3 件');
  });

  it('is a 404 page for a month to come and for what is no month', async () => {
    const page = await signInPage('leader');
    const future = await page.get('/dashboard/report/2999-01');
    expect(future.status).toBe(404);
    expect(future.html).toContain('没有这个月的通报');
    expect((await page.get('/dashboard/report/2026-13')).status).toBe(404);
  });

  it('is for the centre and leaders: a department sees its own figures on the dashboard', async () => {
    const page = await signInPage('cgj.reviewer');
    expect((await page.get('/dashboard/report/2026-10')).status).toBe(403);
  });
});

describe('the browser files', () => {
  it('serves the dashboard’s script and ECharts from the Worker, and nothing else of the folder', async () => {
    const script = await request(`${BASE}/dashboard/assets/dashboard.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(await script.text()).toContain('echarts.init');
    const echarts = await request(`${BASE}/dashboard/assets/vendor/echarts.min.js`);
    expect(echarts.status).toBe(200);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    for (const file of ['vendor/swagger-ui.css', 'vendor/', '..%2Fpackage.json', 'dashboard.js.map']) {
      expect((await request(`${BASE}/dashboard/assets/${file}`)).status, file).toBe(404);
    }
  });
});
