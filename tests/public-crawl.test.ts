// Nothing of a resident reaches the public (DESIGN.md "Publication"). Every kind of personal data
// is planted in every field a ticket has (title, text, address, contact, a co-department's part,
// the reply), the ticket goes the whole way through the lifecycle and the reviewer's publication,
// and then every public output is crawled: the portal and every page it links to, the search,
// the feed, the public API, the figures pages and Open311. None may carry any planted datum, in
// any spelling; the published texts must still be there, with the digits that are nobody's.
import { describe, expect, it } from 'vitest';
import { BASE, createTicket, request, routeEverythingByHand } from './helpers';
import { publishedTicket } from './publish-steps';

const contact = { name: '张三丰', phone: '13912345678', email: 'zhangsan.feng@example.com' };

const planted = [
  `我是张三丰，电话13912345678，也可以打一三九一二三四五六七八或0731-84561234找我。`,
  `邮箱 zhangsan at example dot com，微信号 zhangsan_1990，QQ 987654321。`,
  `身份证110101199003074514，银行卡6222021234567890128，车牌湘A·D12345。`,
  `我叫王建国，我父亲赵六反映过多次，幸福小区3栋2单元502室 张三丰家楼下的下水道堵了。`,
].join('');
// Digits and words that are nobody's: they must stay.
const publicWords = ['12345', '2026年11月3日', '5000元', '〔2026〕12号'];
const question = `${planted}曾于2026年11月3日拨打12345反映，维修基金5000元，见〔2026〕12号文件。`;

/** Every planted datum in the forms a public text could carry it. */
const forbidden = [
  '13912345678',
  '139 1234 5678',
  '一三九一二三四五六七八',
  '84561234',
  'zhangsan',
  'example',
  '987654321',
  '110101199003074514',
  '6222021234567890128',
  'D12345',
  '张三丰',
  '王建国',
  '赵六',
  '502室',
];

function leaksIn(body: string): string[] {
  const squeezed = body.replace(/[\s\-·.]/g, '');
  return forbidden.filter((f) => body.includes(f) || squeezed.includes(f.replace(/[\s\-·.]/g, '')));
}

async function plantedTicket() {
  return publishedTicket(
    {
      title: '张三丰反映：幸福小区3栋下水道堵塞（电话13912345678）',
      text: question,
      sender: contact,
      location: { address: 'A1区五一街道幸福小区3栋2单元502室' },
    },
    {
      coDepartment: { code: 'water', text: '已联系王建国，管网无异常，电话13912345678。' },
      reply: '经核查，已于11月5日疏通。张三丰先生如有疑问请致电12345，或发邮件至zhangsan.feng@example.com回复。',
    },
  );
}

/** The portal and every public page it leads to, plus the outputs no page links to. */
async function crawl(start: string[]): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length && seen.size < 200) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const res = await request(`${BASE}${path}`);
    const body = await res.text();
    expect(res.status, `${path}: ${body.slice(0, 200)}`).toBeLessThan(500);
    seen.set(path, body);
    for (const m of body.matchAll(/href="([^"]+)"/g)) {
      const href = m[1]!.replaceAll('&amp;', '&');
      const url = new URL(href, `${BASE}${path}`);
      if (url.origin !== BASE) continue;
      const next = url.pathname + url.search;
      if (/^\/(?:$|public|open311)/.test(url.pathname) && !seen.has(next)) queue.push(next);
    }
  }
  return seen;
}

describe('a crawl of every public output', () => {
  it('finds none of the planted personal data, and the published texts are there', async () => {
    await routeEverythingByHand();
    const published = await plantedTicket();
    // Consented and answered but never reviewed for publication: none of it may show either.
    const waiting = await createTicket({ text: `我叫孙悟空，电话13711112222，${question}`, consentToPublish: true });

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const pages = await crawl([
      '/',
      '/public',
      `/public/${published.ticketNo}`,
      `/public/${waiting.ticketNo}`,
      '/public?q=下水道',
      '/public?q=堵',
      '/public/feed.atom',
      '/api/v1/public/replies',
      '/api/v1/public/replies?q=疏通',
      `/public/monthly/${month}`,
      `/public/annual/${month.slice(0, 4)}`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests/${published.ticketNo}.json`,
      `/open311/v2/requests/${waiting.ticketNo}.xml`,
      `/open311/v2/requests.json?service_request_id=${published.ticketNo},${waiting.ticketNo}`,
    ]);
    expect(pages.size).toBeGreaterThan(15);

    const leaks = [...pages].flatMap(([path, body]) => leaksIn(body).map((f) => `${path}: ${f}`));
    expect(leaks).toEqual([]);
    for (const [path, body] of pages) {
      expect(body, path).not.toContain('孙悟空');
      expect(body, path).not.toContain('13711112222');
      for (const code of [published.queryCode, waiting.queryCode]) expect(body, path).not.toMatch(`code=${code}`);
    }

    // What is published is on the pages, masked, with the words that are nobody's intact.
    const page = pages.get(`/public/${published.ticketNo}`)!;
    for (const word of [...publicWords, '张先生', '下水道堵了', '已于11月5日疏通', '张某某']) {
      expect(page).toContain(word);
    }
    expect(pages.get('/public?q=下水道')).toContain(published.ticketNo);
    expect(pages.get('/public?q=堵')).toContain(published.ticketNo);
    // Searching for the resident's number or name finds nothing: the index holds only redacted texts.
    for (const q of ['13912345678', '张三丰', 'zhangsan']) {
      const found = await request(`${BASE}/api/v1/public/replies?q=${encodeURIComponent(q)}`);
      expect(((await found.json()) as { items: unknown[] }).items, q).toEqual([]);
    }
    const api = JSON.parse(pages.get('/api/v1/public/replies?q=疏通')!) as { items: { ticketNo: string }[] };
    expect(api.items.map((i) => i.ticketNo)).toEqual([published.ticketNo]);
    expect(pages.get('/public/feed.atom')).toContain(`/public/${published.ticketNo}`);
    expect(pages.get(`/open311/v2/requests/${published.ticketNo}.json`)).toContain('下水道');
    // A crawl of every page takes a few seconds alone and more on a busy shared machine.
  }, 60_000);
});
