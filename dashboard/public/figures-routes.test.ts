// The figures pages through the Worker: a month and a year render with the chart as inline SVG
// and the numbers in their tables; an address that is no month or year is a Chinese 404.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { shanghaiTime as at } from '../../routing/calendar';
import { BASE, request, routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import { escalate } from '../../tickets/lifecycle/escalate';
import { rateTicket } from '../../tickets/lifecycle/rate-ticket';

const REPLY = '经核查，反映的问题已安排人员现场处理完毕，感谢您的监督。';

/** Received at 09:00, dispatched at 14:00, answered at 10:00 on `repliedDay` and approved. */
async function answered(code: string, type: string, day: string, repliedDay: string, disclosure?: object) {
  const t = await intakeAt(at(day, 9));
  const act = actOn(t.ticketNo);
  await act('dispatch', dispatcher, { departmentCode: code, type }, at(day, 14));
  await act('sign', handler(code), {}, at(day, 14, 5));
  await act('reply', handler(code), { text: REPLY, disclosure }, at(repliedDay, 10));
  await act('approve', reviewer(code), {}, at(repliedDay, 11));
  return t.ticketNo;
}

/** The text of a table row: its cells' contents, joined by `|`. */
const rowOf = (html: string, name: string) => {
  const row = html.match(new RegExp(`<tr[^>]*><th scope="row"[^>]*>${name}</th>(.*?)</tr>`))?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]).join('|');
};

beforeAll(async () => {
  await routeEverythingByHand();
  // Dispatched Mon 3/3 14:00 → answered Wed 3/5 10:00: 3/3 14:00–17:30 (210) + 3/4 (420) + 3/5
  // 09:00–10:00 (60) = 690 working minutes, 1.64 working days (from receipt at 09:00 it would be
  // 900, 2.1). Rated 满意.
  const housing = await answered('zjj', '求助', '2025-03-03', '2025-03-05');
  const row = await db.query.tickets.findFirst({ where: eq(tickets.ticketNo, housing) });
  await rateTicket({ db }, row!, { resolved: true, satisfaction: 'satisfied' }, { now: at('2025-03-06', 10) });
  await answered('A01-001', '依申请公开', '2025-03-10', '2025-03-12', { outcome: 'disclosed' });
  await intakeAt(at('2025-03-20', 9));
  // 咨询 to 市城市管理局 dispatched Mon 3/24 09:00, due Wed 3/26 17:30, never answered: red at the
  // cron's run on 3/27, overdue on 3/26.
  const late = await intakeAt(at('2025-03-24', 9));
  await actOn(late.ticketNo)('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2025-03-24', 9));
  expect(await escalate(env, at('2025-03-27', 9))).toMatchObject({ red: 1 });
});

describe('GET /public/monthly/{yyyy-mm}', () => {
  it('renders the month as a report, with the chart and the same numbers in the table', async () => {
    const res = await request(`${BASE}/public/monthly/2025-03`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('A市12345政务服务便民热线');
    expect(html).toContain('2025年3月办理情况');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    // received, replied, on time, overdue, on-time rate, working days, rated, satisfaction.
    expect(rowOf(html, '市住房和城乡建设局')).toBe('1|1|1|0|100.0%|1.6|1|100.0%');
    // 3/10 14:00 → 3/12 10:00, the same 690 minutes, counted under A1区.
    expect(rowOf(html, 'A1区人民政府')).toBe('1|1|1|0|100.0%|1.6|0|—');
    // Overdue and still open: on time 0 ÷ (0 replied + 1 open).
    expect(rowOf(html, '市城市管理局')).toBe('1|0|0|1|0.0%|—|0|—');
    // The 3/20 ticket not yet dispatched is received too: 4 received; on time 2 ÷ (2 + 1) = 66.7%.
    expect(rowOf(html, '全市合计')).toBe('4|2|2|1|66.7%|1.6|1|100.0%');
    expect(html).toContain('从派单到承办单位答复');
    // The disclosure table: one received and granted, by a resident.
    expect(rowOf(html, '一、本月新收政府信息公开申请数量')).toBe('1|0|0|0|0|0|1');
    expect(rowOf(html, '（一）予以公开')).toBe('1|0|0|0|0|0|1');
    expect(rowOf(html, '四、结转下月继续办理')).toBe('0|0|0|0|0|0|0');
    expect(html).toContain('href="/public/monthly/2025-02"');
    expect(html).toContain('href="/public/monthly/2025-04"');
    expect(html).toContain('href="/public/annual/2025"');
  });

  it('answers a month that is none, or not yet begun, with a Chinese 404 page', async () => {
    for (const month of ['2026-13', '2026-00', 'abc', '2099-01', '1999-12', '2025-3', '%E4%B8%AD']) {
      const res = await request(`${BASE}/public/monthly/${month}`);
      expect(res.status, month).toBe(404);
      expect(res.headers.get('content-type'), month).toContain('text/html');
      expect(await res.text(), month).toContain('没有这个月份的统计');
    }
  });

  it('takes /public/monthly alone to the month now running', async () => {
    const res = await request(`${BASE}/public/monthly`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/public\/monthly\/\d{4}-\d{2}$/);
  });
});

describe('GET /public/annual/{yyyy}', () => {
  it('renders the year with the table in the annual report’s shape and links to its months', async () => {
    const res = await request(`${BASE}/public/annual/2025`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2025年度办理情况');
    expect(html).toContain('<svg');
    expect(html).toContain('收到和处理政府信息公开申请情况');
    expect(html).toContain('本列数据的勾稽关系为');
    expect(rowOf(html, '一、本年新收政府信息公开申请数量')).toBe('1|0|0|0|0|0|1');
    expect(rowOf(html, '二、上年结转政府信息公开申请数量')).toBe('0|0|0|0|0|0|0');
    expect(rowOf(html, '（七）总计')).toBe('1|0|0|0|0|0|1');
    expect(html).toContain('href="/public/monthly/2025-12"');
    expect(html).toContain('href="/public/annual/2024"');
  });

  it('answers a year that is none with a Chinese 404 page', async () => {
    for (const year of ['abcd', '2099', '20255', '-1']) {
      const res = await request(`${BASE}/public/annual/${year}`);
      expect(res.status, year).toBe(404);
      expect(await res.text(), year).toContain('没有这个年份的统计');
    }
  });
});
