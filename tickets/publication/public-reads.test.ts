// The public list of published replies through GET /api/v1/public/replies, over many rows in
// every status: pagination, filters, full-text search, and refusals. Every expected answer is
// worked out here from the fixture rows themselves (substring, date and tree tests by hand).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, request } from '../../tests/helpers';
import { insertPublications, type PublicationFixture, type PublicationStatus } from '../../tests/publication-fixtures';

const fragments = [
  '小区路灯不亮',
  '噪音扰民',
  '道路积水严重',
  '垃圾清运不及时',
  '停车位不足',
  '路面坑洼',
  '公交站台破损',
];
// Under A01 (A1区人民政府) are its streets, A01-001 among them; zjj and jtj are city bureaus.
const departmentCodes = ['A01', 'A01-001', 'zjj', 'jtj', null] as const;
const categories = ['城乡建设', '交通运输', '环境保护'];
const statuses: PublicationStatus[] = ['published', 'published', 'published', 'pending', 'published', 'declined'];

const HOUR = 3_600_000;
const start = Date.parse('2026-10-01T01:00:00Z'); // 09:00 in Shanghai
const shanghaiDate = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);

function fixture(i: number): PublicationFixture {
  // Every fifth reply shares its time with the one before: the id must break the tie.
  const repliedAt = start + (i - (i % 5 === 4 ? 1 : 0)) * 3 * HOUR;
  return {
    ticketNo: `A2026${String(i).padStart(9, '0')}`,
    status: i === 7 ? 'withdrawn' : statuses[i % statuses.length],
    title: fragments[i % 7]!,
    question: `居民反映${fragments[(i * 3) % 7]}，请尽快处理。`,
    reply: i === 7 ? '撤回专用词语' : `经核查，${fragments[(i * 5 + 1) % 7]}问题已整改。`,
    departmentCode: departmentCodes[i % 5],
    category: categories[i % 3],
    districtCode: i % 4 === 0 ? 'A01' : 'A02',
    receivedAt: repliedAt - 50 * HOUR,
    repliedAt,
    workingDays: (i % 9) + 0.5,
    satisfaction: i % 2 === 0 ? 'satisfied' : null,
    resolved: i % 2 === 0 ? true : null,
  };
}

const rows = Array.from({ length: 130 }, (_, i) => fixture(i));
const published = rows.filter((r) => r.status === 'published');
// Newest first, then the later-inserted (higher id) first among equal times.
const newestFirst = (list: PublicationFixture[]) =>
  [...list].sort((a, b) => b.repliedAt - a.repliedAt || rows.indexOf(b) - rows.indexOf(a)).map((r) => r.ticketNo);
const containing = (phrase: string) =>
  published.filter((r) => [r.title, r.question, r.reply].some((t) => t.includes(phrase)));

type Page = { items: Array<Record<string, unknown> & { ticketNo: string }>; next: string | null };

async function page(query: string): Promise<Page> {
  const res = await request(`${BASE}/api/v1/public/replies?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Page>();
}

/** Follows `next` to the end, as a client would. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 200; n++) {
    const p = await page(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(p.items.length).toBeLessThanOrEqual(limit);
    seen.push(...p.items.map((i) => i.ticketNo));
    cursor = p.next;
    if (!cursor) return seen;
  }
  throw new Error('the cursor never ended');
}

beforeAll(async () => {
  await insertPublications(rows);
});

describe('GET /api/v1/public/replies', () => {
  it('visits every published reply exactly once, newest first, and nothing unpublished', async () => {
    expect(published.length).toBeGreaterThan(80);
    expect(await walk('', 7)).toEqual(newestFirst(published));
    expect(await walk('', 100)).toEqual(newestFirst(published));
    const first = await page('');
    expect(first.items).toHaveLength(20);
  });

  it('answers in DESIGN.md’s shape, times in China Standard Time, the rating only when given', async () => {
    const { items } = await page('limit=100');
    const rated = rows[0]!;
    const item = items.find((i) => i.ticketNo === rated.ticketNo)!;
    expect(item).toEqual({
      ticketNo: rated.ticketNo,
      title: '小区路灯不亮',
      question: '居民反映小区路灯不亮，请尽快处理。',
      reply: '经核查，噪音扰民问题已整改。',
      department: 'A1区人民政府',
      receivedAt: '2026-09-29T07:00:00+08:00',
      repliedAt: '2026-10-01T09:00:00+08:00',
      workingDays: 0.5,
      rating: { satisfaction: 'satisfied', resolved: true },
    });
    const unrated = items.find((i) => i.ticketNo === rows[1]!.ticketNo)!;
    expect(unrated.rating).toBeNull();
    expect(unrated.department).toBe('马坡岭街道办事处');
  });

  it('filters by department with its sub-departments, category, district and period, paging alike', async () => {
    const underA01 = published.filter((r) => r.departmentCode === 'A01' || r.departmentCode === 'A01-001');
    expect(await walk('department=A01', 6)).toEqual(newestFirst(underA01));
    expect(await walk('department=A01-001', 6)).toEqual(
      newestFirst(published.filter((r) => r.departmentCode === 'A01-001')),
    );
    expect(await walk(`category=${encodeURIComponent('交通运输')}`, 9)).toEqual(
      newestFirst(published.filter((r) => r.category === '交通运输')),
    );
    expect(await walk('district=A01', 9)).toEqual(newestFirst(published.filter((r) => r.districtCode === 'A01')));
    const inPeriod = published.filter(
      (r) => shanghaiDate(r.repliedAt) >= '2026-10-03' && shanghaiDate(r.repliedAt) <= '2026-10-05',
    );
    // The period's edges fall on local midnight: 2026-10-03 00:00 and 2026-10-06 00:00 in Shanghai.
    expect(inPeriod.length).toBeGreaterThan(10);
    expect(await walk('from=2026-10-03&to=2026-10-05', 4)).toEqual(newestFirst(inPeriod));
    expect(await walk('from=2026-10-03&to=2026-10-03', 100)).toEqual(
      newestFirst(published.filter((r) => shanghaiDate(r.repliedAt) === '2026-10-03')),
    );
    const combined = underA01.filter(
      (r) => r.category === '城乡建设' && [r.title, r.question, r.reply].some((t) => t.includes('路')),
    );
    expect(combined.length).toBeGreaterThan(0);
    const query = `department=A01&category=${encodeURIComponent('城乡建设')}&q=${encodeURIComponent('路')}`;
    expect(await walk(query, 2)).toEqual(newestFirst(combined));
  });

  it('finds exactly the replies containing a Chinese phrase of one, two, three and five characters', async () => {
    for (const phrase of ['灯', '噪', '路灯', '积水', '不及时', '灯不亮', '垃圾清运不', '公交站台破']) {
      const want = containing(phrase);
      expect(want.length, phrase).toBeGreaterThan(0);
      expect(want.length, phrase).toBeLessThan(published.length);
      expect(await walk(`q=${encodeURIComponent(phrase)}`, 11), phrase).toEqual(newestFirst(want));
    }
    // A phrase that only an unpublished reply holds, one that crosses a comma, and one nobody wrote.
    expect((await page(`q=${encodeURIComponent('撤回专用')}`)).items).toEqual([]);
    expect(containing('亮请')).toEqual([]);
    expect((await page(`q=${encodeURIComponent('亮请')}`)).items).toEqual([]);
    expect((await page(`q=${encodeURIComponent('火星基地')}`)).items).toEqual([]);
    // Two words: both must be there.
    const both = published.filter(
      (r) =>
        [r.title, r.question, r.reply].join('|').includes('路灯') &&
        [r.title, r.question, r.reply].join('|').includes('积水'),
    );
    expect(await walk(`q=${encodeURIComponent('路灯 积水')}`, 50)).toEqual(newestFirst(both));
  });

  it('takes FTS syntax characters as plain input, never as an error', async () => {
    const lamp = newestFirst(containing('路灯'));
    for (const q of ['路灯"', '"路灯', '路灯*', '(路灯)', '路灯^', '-路灯', '路灯:', "路灯'", '，路灯。']) {
      expect(await walk(`q=${encodeURIComponent(q)}`, 100), q).toEqual(lamp);
    }
    for (const q of ['" OR *', 'AND', '*', '"', '^', '{}', '\\', '%', 'NEAR(路灯', "'; DROP TABLE publications; --"]) {
      const res = await request(`${BASE}/api/v1/public/replies?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM publications').first('n')).toBe(rows.length);
  });

  it('refuses a bad limit, date, period or cursor in the hub’s error shape', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['limit=0', 422, 'validation_failed', 'limit'],
      ['limit=101', 422, 'validation_failed', 'limit'],
      ['limit=abc', 422, 'validation_failed', 'limit'],
      ['from=2026-13-01', 422, 'validation_failed', 'from'],
      ['to=2026-02-30', 422, 'validation_failed', 'to'],
      ['from=yesterday', 422, 'validation_failed', 'from'],
      ['from=2026-10-05&to=2026-10-03', 422, 'validation_failed', 'to'],
      ['cursor=not-a-cursor', 400, 'bad_request', 'cursor'],
      [`cursor=${btoa('1.2.3')}`, 400, 'bad_request', 'cursor'],
      ['cursor=%E7%81%AF', 400, 'bad_request', 'cursor'],
    ];
    for (const [query, status, code, path] of cases) {
      const res = await request(`${BASE}/api/v1/public/replies?${query}`);
      expect(res.status, query).toBe(status);
      const body = await res.json<{ error: { code: string; requestId: string; details: { path: string }[] } }>();
      expect(body.error.code, query).toBe(code);
      expect(body.error.requestId).toBeTruthy();
      expect(
        body.error.details.map((d) => d.path),
        query,
      ).toContain(path);
    }
    // Empty fields of a GET form mean no filter.
    expect((await page('q=&department=&category=&district=&from=&to=&cursor=')).items).toHaveLength(20);
  });
});
