import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { request } from '../../tests/helpers';
import { formId, formNonce } from './mailbox-test-steps';

const url = 'http://hub.test/mailbox';
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;

restoreClockAfterEach();

async function letter(overrides: Record<string, string> = {}) {
  return {
    nonce: await formNonce(),
    type: '投诉',
    title: '夜间施工噪音扰民',
    content: '我家旁边的工地每天晚上十一点以后还在打桩，严重影响休息，希望有关部门查处。',
    location: '拱墅区大关街道',
    name: '李先生',
    phone: '13900001111',
    email: '',
    website: '',
    consent: 'yes',
    ...overrides,
  };
}

function post(fields: Record<string, string>, ip = nextIp()) {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
    body: new URLSearchParams(fields).toString(),
  });
}

const stored = async (n: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'mailbox' AND external_id = ?`)
    .bind(`form-${formId(n)}`)
    .first<{ n: number }>())!.n;

describe('GET /mailbox', () => {
  it('renders a phone-sized form with a fresh nonce and a hidden honeypot', async () => {
    const res = await request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toMatch(/<form method="post" action="\/mailbox"/);
    for (const t of ['咨询', '求助', '投诉', '举报', '建议', '表扬', '依申请公开'])
      expect(html).toContain(`<option value="${t}">${t}</option>`);
    const n1 = /name="nonce" value="(\d{13}\.[0-9a-f]{32}\.[\w-]{43})"/.exec(html)?.[1];
    const n2 = /name="nonce" value="(\d{13}\.[0-9a-f]{32}\.[\w-]{43})"/.exec(await (await request(url)).text())?.[1];
    expect(n1).toBeDefined();
    expect(n1).not.toBe(n2);
    expect(html).toContain('name="website"');
    expect(html).not.toContain('<script');
  });
});

describe('POST /mailbox', () => {
  it('takes a letter and shows the ticket number, query code and tracking link', async () => {
    const fields = await letter();
    const res = await post(fields);
    expect(res.status).toBe(201);
    const html = await res.text();
    const ticket = await env.DB.prepare(
      `SELECT t.ticket_no AS ticketNo, t.query_code AS queryCode, t.title, t.text, t.type,
              t.location_address AS address,
              t.consent_to_publish AS consent, c.phone, c.name
       FROM inbox i JOIN tickets t ON t.id = i.ticket_id JOIN contacts c ON c.id = t.contact_id
       WHERE i.channel = 'mailbox' AND i.external_id = ?`,
    )
      .bind(`form-${formId(fields.nonce)}`)
      .first<Record<string, string | number>>();
    expect(ticket).toMatchObject({
      title: '夜间施工噪音扰民',
      text: fields.content,
      type: '投诉',
      address: '拱墅区大关街道',
      consent: 1,
      phone: '13900001111',
      name: '李先生',
    });
    expect(html).toContain(String(ticket!.ticketNo));
    expect(html).toContain(String(ticket!.queryCode));
    expect(html).toContain(`href="http://127.0.0.1:8787/track?no=${ticket!.ticketNo}&amp;code=${ticket!.queryCode}"`);
  });

  it('tells a resident in danger to call the emergency number, above the receipt', async () => {
    const res = await post(
      await letter({
        type: '求助',
        title: '楼里着火了',
        content: '我们楼三层着火了，楼上还有老人被困，烟很大，快来救人！',
      }),
    );
    expect(res.status).toBe(201);
    const html = await res.text();
    expect(html).toContain('如有人身危险，请立即拨打 119 火警！');
    expect(html.indexOf('119 火警')).toBeLessThan(html.indexOf('工单号'));
    const calm = await (await post(await letter())).text();
    expect(calm).not.toContain('请立即拨打');
  });

  it('a double submit (same nonce) names the same ticket, without its query code, and stores one', async () => {
    const fields = await letter();
    const first = await (await post(fields)).text();
    const again = await post(fields);
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('这封信已经收到');
    const no = /<dt>工单号<\/dt><dd>([^<]+)<\/dd>/.exec(first)?.[1];
    const code = /<dt>查询码<\/dt><dd>(\d{6})<\/dd>/.exec(first)?.[1];
    expect(no).toBeDefined();
    expect(code).toBeDefined();
    expect(html).toContain(`<dd>${no}</dd>`);
    expect(html).not.toContain(code);
    expect(html).not.toContain('查询码</dt>');
    expect(await stored(fields.nonce)).toBe(1);
  });

  it('shows Chinese messages beside the wrong fields, keeps the input, stores nothing', async () => {
    const fields = await letter({ content: '太吵', phone: '', email: 'not-an-address', type: '其他' });
    const res = await post(fields);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(
      '<div class="error" id="content-error" role="alert">内容太短，请至少写 5 个字，说明具体问题</div>',
    );
    expect(html).toContain(
      '<div class="error" id="email-error" role="alert">请填写正确的电子邮箱，如 name@example.com</div>',
    );
    expect(html).toContain(
      '<div class="error" id="type-error" role="alert">请从列表中选择来信类型，不确定时选“由我们判断”</div>',
    );
    expect(html).toContain('value="夜间施工噪音扰民"');
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain(`name="nonce" value="${fields.nonce}"`);
    expect(await stored(fields.nonce)).toBe(0);
  });

  it('takes a letter left at 由我们判断 and gives the ticket the type routing reads from it', async () => {
    const form = await (await request(url)).text();
    expect(form).toMatch(/<option value="" selected="">由我们判断<\/option>/);
    expect(form).not.toMatch(/<select[^>]*required/);
    // A question about documents: routing calls it a consultation (咨询), whatever the default letter says.
    const fields = await letter({
      type: '',
      title: '居住证怎么办理',
      content: '请问外地户口在本市办理居住证需要什么材料？在哪里办？',
    });
    const res = await post(fields);
    expect(res.status).toBe(201);
    expect(await res.text()).toContain('您的来信已受理');
    const ticket = await env.DB.prepare(
      `SELECT t.type, t.routing FROM inbox i JOIN tickets t ON t.id = i.ticket_id
       WHERE i.channel = 'mailbox' AND i.external_id = ?`,
    )
      .bind(`form-${formId(fields.nonce)}`)
      .first<{ type: string; routing: string }>();
    expect(ticket!.type).toBe('咨询');
    expect(JSON.parse(ticket!.routing).type).toBe('咨询');
  });

  it('keeps the other fields and the 由我们判断 choice when a letter without a type is refused', async () => {
    const fields = await letter({ type: '', title: '' });
    const res = await post(fields);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<div class="error" id="title-error" role="alert">请填写标题</div>');
    expect(html).not.toContain('id="type-error"');
    expect(html).toMatch(/<option value="" selected="">由我们判断<\/option>/);
    expect(html).toContain(fields.content);
    expect(await stored(fields.nonce)).toBe(0);
  });

  it('asks for a phone or an e-mail when both are empty', async () => {
    const fields = await letter({ phone: '', email: '' });
    const html = await (await post(fields)).text();
    expect(html).toContain(
      'id="phone-error" role="alert">请至少填写手机号码或电子邮箱中的一项，以便告知您办理结果</div>',
    );
    expect(await stored(fields.nonce)).toBe(0);
  });

  it('a filled honeypot looks accepted but stores nothing', async () => {
    const fields = await letter({ website: 'http://spam.example' });
    const res = await post(fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('您的来信已提交');
    expect(html).not.toContain('工单号');
    expect(await stored(fields.nonce)).toBe(0);
  });

  it('refuses an oversized post with a Chinese page (413), storing nothing', async () => {
    const fields = await letter({ content: '很'.repeat(30_000) });
    const res = await post(fields);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('超过了长度上限');
    expect(await stored(fields.nonce)).toBe(0);
  });

  it('refuses a post without a valid nonce, keeping the input', async () => {
    const fields = await letter({ nonce: 'abc' });
    const res = await post(fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('页面已过期');
    expect(html).toContain('value="夜间施工噪音扰民"');
  });

  it('allows 5 letters per address in 10 minutes, then answers 429 in Chinese', async () => {
    startOfWindow(10 * 60_000);
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i++) expect((await post(await letter(), ip)).status).toBe(201);
    const sixth = await letter();
    const res = await post(sixth, ip);
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('text/html');
    // Frozen at the window's start: the whole ten minutes are still to wait.
    expect(res.headers.get('retry-after')).toBe('600');
    const html = await res.text();
    expect(html).toContain('同一网络 10 分钟内最多提交 5 封来信，请 10 分钟后再试');
    expect(html).toContain('返回市长信箱');
    expect(await stored(sixth.nonce)).toBe(0);
    expect((await post(await letter(), '203.0.113.78')).status).toBe(201);
  });

  it('keeps to the limit when letters from one address arrive at once and share a batch', async () => {
    startOfWindow(10 * 60_000);
    const ip = '203.0.113.79';
    const letters = await Promise.all(Array.from({ length: 8 }, () => letter()));
    const statuses = (await Promise.all(letters.map((l) => post(l, ip)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const storedCount = (await Promise.all(letters.map((l) => stored(l.nonce)))).reduce((a, b) => a + b, 0);
    expect(storedCount).toBe(5);
  });

  it('answers by e-mail when the resident left only an e-mail address, else by SMS', async () => {
    const byMail = await letter({ phone: '', email: 'zhao@example.com' });
    await post(byMail);
    const bySms = await letter({ phone: '13700002222' });
    await post(bySms);
    const target = (n: string) =>
      env.DB.prepare(
        `SELECT o.channel, o.recipient FROM inbox i JOIN outbox o ON o.ticket_id = i.ticket_id
         WHERE i.external_id = ? AND o.kind = 'ack'`,
      )
        .bind(`form-${formId(n)}`)
        .first();
    expect(await target(byMail.nonce)).toEqual({ channel: 'email', recipient: 'zhao@example.com' });
    expect(await target(bySms.nonce)).toEqual({ channel: 'sms', recipient: '13700002222' });
  });
});
