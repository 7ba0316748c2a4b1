// The figures pages through the Worker: a month and a year render with the chart as inline SVG
// and the numbers in their tables; an address that is no month or year is a Chinese 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { BASE, request, routeEverythingByHand } from '../../tests/helpers';
import { actOn, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';

const REPLY = '经核查，反映的问题已安排人员现场处理完毕，感谢您的监督。';

async function answered(code: string, type: string, day: string, repliedDay: string, disclosure?: object) {
  const t = await intakeAt(at(day, 9));
  const act = actOn(t.ticketNo);
  await act('dispatch', dispatcher, { departmentCode: code, type }, at(day, 9, 5));
  await act('sign', handler(code), {}, at(day, 9, 10));
  await act('reply', handler(code), { text: REPLY, disclosure }, at(repliedDay, 10));
  await act('approve', reviewer(code), {}, at(repliedDay, 11));
}

/** The text of a table row: its cells' contents, joined by `|`. */
const rowOf = (html: string, name: string) => {
  const row = html.match(new RegExp(`<tr[^>]*><th scope="row"[^>]*>${name}</th>(.*?)</tr>`))?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]).join('|');
};

beforeAll(async () => {
  await routeEverythingByHand();
  // Mon 3/3 09:00 → Wed 3/5 10:00: two whole days and an hour = 900 working minutes.
  await answered('zjj', '求助', '2025-03-03', '2025-03-05');
  await answered('A01-001', '依申请公开', '2025-03-10', '2025-03-12', { outcome: 'disclosed' });
  await intakeAt(at('2025-03-20', 9));
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
    expect(rowOf(html, '市住房和城乡建设局')).toBe('1|1|1|0|100.0%|2.1|0|—');
    // 3/10 09:00 → 3/12 10:00, the same 900 minutes, counted under A1区.
    expect(rowOf(html, 'A1区人民政府')).toBe('1|1|1|0|100.0%|2.1|0|—');
    expect(rowOf(html, '全市合计')).toBe('3|2|2|0|100.0%|2.1|0|—');
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
