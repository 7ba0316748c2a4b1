// The public pages of published replies: the list with its GET form and 下一页 links, one reply,
// the 404 that is the same for unknown and unpublished numbers, and the Atom feed parsed as XML.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, request } from '../../tests/helpers';
import { insertPublications, type PublicationFixture } from '../../tests/publication-fixtures';

const HOUR = 3_600_000;
const start = Date.parse('2026-11-02T02:00:00Z'); // 10:00 in Shanghai

function fixture(i: number, overrides: Partial<PublicationFixture> = {}): PublicationFixture {
  return {
    ticketNo: `A2026110${String(i).padStart(6, '0')}`,
    title: i % 2 ? `幸福小区路灯不亮（${i}）` : `学校门口早高峰拥堵（${i}）`,
    question:
      i % 2
        ? '居民反映幸福小区3栋门口路灯坏了两周，晚上出行不便。'
        : '家长反映学校门口早上七点半车辆拥堵，存在安全隐患。',
    reply: i % 2 ? '经核查，路灯控制箱损坏，已于11月3日更换，恢复照明。' : '交警大队已在上学时段增派警力疏导交通。',
    departmentCode: i % 2 ? 'A01-001' : 'jtj',
    category: i % 2 ? '城乡建设' : '交通运输',
    districtCode: 'A01',
    receivedAt: start + i * HOUR - 30 * HOUR,
    repliedAt: start + i * HOUR,
    workingDays: 2.5,
    satisfaction: 'basically_satisfied',
    resolved: true,
    ...overrides,
  };
}

// The oldest holds markup and CDATA's end, which must come out as text on the page and in the feed.
const tricky = fixture(99, {
  title: '<script>alert(1)</script> & ]]> 标题',
  question: '问<b>题</b> ]]> &amp;',
  reply: '答复 </content> \u0007 ]]>',
  repliedAt: start - 10 * HOUR,
});
const published = [tricky, ...Array.from({ length: 45 }, (_, i) => fixture(i))];
const hidden = [
  fixture(100, { status: 'pending', title: '待审核的来信标题' }),
  fixture(101, { status: 'declined', title: '不予公开的来信标题' }),
  fixture(102, { status: 'withdrawn', title: '已撤回的来信标题' }),
];

const text = async (path: string) => {
  const res = await request(`${BASE}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
};
const ticketNosIn = (html: string) => [...html.matchAll(/href="\/public\/(A\d+)"/g)].map((m) => m[1]!);
const decode = (href: string) => href.replace(/&amp;/g, '&');

beforeAll(async () => {
  await insertPublications([...published, ...hidden]);
});

describe('GET /public', () => {
  it('lists the published replies newest first, 20 a page, and 下一页 visits each exactly once', async () => {
    const seen: string[] = [];
    let path: string | null = '/public';
    for (let n = 0; path && n < 10; n++) {
      const page = await text(path);
      expect(page.status).toBe(200);
      expect(page.type).toContain('text/html');
      expect(ticketNosIn(page.body).length).toBeLessThanOrEqual(20);
      seen.push(...ticketNosIn(page.body));
      const next = /<a href="([^"]+)" rel="next">下一页<\/a>/.exec(page.body);
      path = next ? decode(next[1]!) : null;
    }
    expect(seen).toEqual(published.map((p) => p.ticketNo).reverse());
    const first = await text('/public');
    for (const h of hidden) expect(first.body).not.toContain(h.title);
    expect(first.body).toContain('<html lang="zh-CN">');
    expect(first.body).toContain('name="viewport"');
  });

  it('has the search box and filters as a GET form, filled again with what was asked', async () => {
    const page = await text(`/public?q=${encodeURIComponent('路灯')}&department=A01&from=2026-11-02&to=2026-11-30`);
    expect(page.body).toMatch(/<form method="get" action="\/public"/);
    expect(page.body).toMatch(/<input id="q" name="q" type="search" value="路灯"/);
    // The department tree (city, district, street, each indented once more), the asked one selected.
    expect(page.body).toContain('<option value="city">A市人民政府</option>');
    expect(page.body).toContain('<option value="A01" selected="">　A1区人民政府</option>');
    expect(page.body).toContain('<option value="A01-001">　　马坡岭街道办事处</option>');
    expect(page.body).toContain('<option value="城乡建设">城乡建设</option>');
    // The categories with published replies, each once, in code-point order (交 U+4EA4 < 城 U+57CE).
    const categories = [...page.body.matchAll(/<option value="(交通运输|城乡建设)"/g)].map((m) => m[1]);
    expect(categories).toEqual(['交通运输', '城乡建设']);
    expect(page.body).toContain('<option value="A01">A1区</option>');
    expect(page.body).toContain('value="2026-11-02"');
    // Only the lamp replies (odd), each with its department, dates, working days and a marked snippet.
    const lamps = published.filter((p) => p.question.includes('路灯'));
    expect(ticketNosIn(page.body)).toEqual(
      lamps
        .map((p) => p.ticketNo)
        .reverse()
        .slice(0, 20),
    );
    expect(page.body).toContain('马坡岭街道办事处');
    expect(page.body).toContain('2.5 个工作日');
    expect(page.body).toContain('门口<mark>路灯</mark>坏了两周');
    const next = /<a href="([^"]+)" rel="next">下一页<\/a>/.exec(page.body)![1]!;
    expect(decode(next)).toMatch(
      /^\/public\?q=%E8%B7%AF%E7%81%AF&department=A01&from=2026-11-02&to=2026-11-30&cursor=/,
    );
    const second = await text(decode(next));
    expect(ticketNosIn(second.body)).toEqual(
      lamps
        .map((p) => p.ticketNo)
        .reverse()
        .slice(20),
    );
    expect(second.body).toContain('回到第一页');
  });

  it('says so when nothing matches, and refuses a bad date or cursor with the form and a reason', async () => {
    const none = await text(`/public?q=${encodeURIComponent('火星基地')}`);
    expect(none.status).toBe(200);
    expect(none.body).toContain('暂无符合条件的公开答复');
    expect(ticketNosIn(none.body)).toEqual([]);
    const badDate = await text('/public?from=2026-02-30');
    expect(badDate.status).toBe(422);
    expect(badDate.body).toContain('查询条件有误：不是有效日期');
    expect(badDate.body).toContain('<form method="get" action="/public"');
    const badPeriod = await text('/public?from=2026-11-05&to=2026-11-01');
    expect(badPeriod.status).toBe(422);
    expect(badPeriod.body).toContain('结束日期早于开始日期');
    const badCursor = await text('/public?cursor=zzz');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toContain('翻页参数无效');
  });
});

describe('GET /public/{ticketNo}', () => {
  it('shows the whole published reply with its dates in Asia/Shanghai, working days and rating', async () => {
    const p = fixture(3);
    const page = await text(`/public/${p.ticketNo}`);
    expect(page.status).toBe(200);
    for (const part of [p.title, p.question, p.reply, '马坡岭街道办事处答复', '2.5 个工作日', '基本满意，已解决'])
      expect(page.body).toContain(part);
    // Received 2026-11-02 10:00 + 3 h − 30 h, replied 10:00 + 3 h, in Shanghai.
    expect(page.body).toContain('2026-11-01 07:00');
    expect(page.body).toContain('2026-11-02 13:00');
  });

  it('is the same 404 page for an unknown number and for pending, declined and withdrawn replies', async () => {
    const unknown = await text('/public/A2026119999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('未找到该公开答复');
    for (const h of hidden) {
      const page = await text(`/public/${h.ticketNo}`);
      expect(page.status).toBe(404);
      expect(page.body).toBe(unknown.body);
    }
  });

  it('takes ticket numbers only: the monthly and annual pages and the feed are not caught', async () => {
    for (const path of ['/public/monthly/2026-11', '/public/annual/2026', '/public/monthly', '/public/a-b']) {
      const page = await text(path);
      expect(page.body, path).not.toContain('未找到该公开答复');
    }
  });
});

describe('GET /public/feed.atom', () => {
  it('is valid Atom 1.0 with the required elements and absolute URLs from PUBLIC_BASE_URL', async () => {
    const res = await request(`${BASE}/public/feed.atom`, undefined, {
      PUBLIC_BASE_URL: 'https://hub.example.gov.cn/',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' || n === 'link' }).parse(xml);
    const feed = doc.feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://hub.example.gov.cn/public');
    expect(feed.title).toContain('政务公开');
    expect(feed.author.name).toBe('12345政务服务便民热线');
    const newest = published.at(-1)!;
    expect(Date.parse(feed.updated)).toBe(newest.repliedAt);
    expect(feed.link).toContainEqual({ '@_rel': 'self', '@_href': 'https://hub.example.gov.cn/public/feed.atom' });
    expect(feed.link).toContainEqual({ '@_rel': 'alternate', '@_href': 'https://hub.example.gov.cn/public' });
    expect(feed.entry).toHaveLength(46);
    const entry = feed.entry[0];
    const url = `https://hub.example.gov.cn/public/${newest.ticketNo}`;
    expect(entry.id).toBe(url);
    expect(entry.link).toEqual([{ '@_href': url }]);
    expect(entry.title['#text']).toBe(newest.title);
    expect(Date.parse(entry.updated)).toBe(newest.repliedAt);
    expect(entry.content['@_type']).toBe('html');
    expect(entry.content['#text']).toContain(newest.reply);
    expect(entry.summary['#text']).toBe(newest.question);
    const ids = feed.entry.map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of hidden) expect(xml).not.toContain(h.title);
    // Markup a resident wrote is text in the entry's HTML, never markup (the control character dropped).
    const last = feed.entry.at(-1);
    expect(last.title['#text']).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; 标题');
    expect(last.content['#text']).toContain('答复 &lt;/content&gt;  ]]&gt;');
    expect(last.summary['#text']).toBe('问&lt;b&gt;题&lt;/b&gt; ]]&gt; &amp;amp;');
  });

  it('escapes what residents wrote on the pages too', async () => {
    const page = await text(`/public/${tricky.ticketNo}`);
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
