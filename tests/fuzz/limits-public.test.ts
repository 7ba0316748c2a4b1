// Limits on the public endpoints, each in its protocol's form: under the limit the request is
// served; over the body size 413; over a field's length 422 (Open311: its 400); over the rate
// 429 with Retry-After. Time is a fake Date set to the start of a window, so no count straddles
// a window's edge.
import { env } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { digestHex } from '../../tickets/hex';
import { BASE, createTicket, request } from '../helpers';
import { expectHtmlPage, expectHubErrorShape } from './answers';
import { freshAddress } from './arbitraries';

// A window start of every limit here (1, 10 and 60 minutes), far from any other test's clock.
const windowStart = Date.UTC(2031, 0, 6, 2, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(windowStart);
});
afterEach(() => {
  vi.useRealTimers();
});

const get = (path: string, ip: string) => request(`${BASE}${path}`, { headers: { 'cf-connecting-ip': ip } });

async function expectRefusalPage(res: Response, status: number, text: string) {
  expect(res.status).toBe(status);
  const html = await res.clone().text();
  expect(html).toContain(text);
  await expectHtmlPage(res);
}

async function expectApiError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.clone().json<{ error: { code: string } }>()).error.code).toBe(code);
  await expectHubErrorShape(res);
}

describe('the mayor’s mailbox', () => {
  async function letter(ip: string, changes: Record<string, string> = {}) {
    const page = await (await get('/mailbox', ip)).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const fields = {
      nonce,
      type: '',
      title: '夜间施工噪音扰民',
      content: '小区旁工地每晚十一点后仍在施工，噪音很大，影响休息。',
      phone: '13800138000',
      consent: 'yes',
      ...changes,
    };
    return request(`${BASE}/mailbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
      body: new URLSearchParams(fields),
    });
  }

  it('takes five letters from one address in ten minutes and refuses the sixth with a 429 page', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) expect((await letter(ip, { title: `来信 ${i}` })).status).toBe(201);
    const res = await letter(ip, { title: '第六封' });
    await expectRefusalPage(res, 429, '提交过于频繁');
    expect(res.headers.get('retry-after')).toBe('600');
  });

  it('refuses a title over 100 letters with a 422 page that keeps the letter', async () => {
    const res = await letter(freshAddress(), { title: '很'.repeat(101) });
    await expectRefusalPage(res, 422, '标题不能超过 100 个字');
  });

  it('refuses a body over 64 KB with a 413 page', async () => {
    const res = await letter(freshAddress(), { content: 'x'.repeat(70 * 1024) });
    await expectRefusalPage(res, 413, '超过了长度上限');
  });
});

describe('the tracking page and API (sizes and field lengths)', () => {
  const postForm = (path: string, body: string) =>
    request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: BASE,
        'cf-connecting-ip': freshAddress(),
      },
      body,
    });

  it('takes a consent form, and refuses one over 16 KB with a 413 page', async () => {
    const t = await createTicket({ consentToPublish: true });
    const ok = await postForm(
      '/track/consent',
      new URLSearchParams({ no: t.ticketNo, code: t.queryCode, consent: 'no' }).toString(),
    );
    expect(ok.status).toBe(200);
    await expectHtmlPage(ok);
    const big = new URLSearchParams({ no: t.ticketNo, code: t.queryCode, consent: 'no', pad: 'x'.repeat(17 * 1024) });
    await expectRefusalPage(await postForm('/track/consent', big.toString()), 413, '内容过长');
  });

  it('refuses a rating comment over 500 letters on the API with 422', async () => {
    const t = await createTicket();
    const res = await request(`${BASE}/api/v1/track/${t.ticketNo}/rating?code=${t.queryCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress() },
      body: JSON.stringify({ resolved: true, satisfaction: 'satisfied', comment: '很'.repeat(501) }),
    });
    await expectApiError(res, 422, 'validation_failed');
  });

  it('refuses an API body over 64 KB with 413', async () => {
    const res = await request(`${BASE}/api/v1/track/A2031010600001/consent?code=123456`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress() },
      body: JSON.stringify({ consent: true, pad: 'x'.repeat(65 * 1024) }),
    });
    await expectApiError(res, 413, 'payload_too_large');
  });
});

describe('public search and pages', () => {
  it('serves 30 searches a minute from one address and refuses the 31st: page and API alike', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 30; i++) {
      const path = i % 2 === 0 ? `/public?q=路灯${i}` : `/api/v1/public/replies?q=路灯${i}`;
      expect((await get(path, ip)).status).toBe(200);
    }
    const page = await get('/public?q=噪音', ip);
    await expectRefusalPage(page, 429, '访问过于频繁');
    expect(page.headers.get('retry-after')).toBe('60');
    const api = await get('/api/v1/public/replies?q=噪音', ip);
    await expectApiError(api, 429, 'rate_limited');
    expect(api.headers.get('retry-after')).toBe('60');
    // Another address has its own count.
    expect((await get('/public?q=噪音', freshAddress())).status).toBe(200);
  });

  it('counts only what the edge cache does not answer: one search repeated 50 times is one', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 50; i++) expect((await get('/public?q=井盖', ip)).status).toBe(200);
    for (let i = 0; i < 29; i++) expect((await get(`/public?q=井盖${i}`, ip)).status).toBe(200);
    expect((await get('/public?q=井盖-over', ip)).status).toBe(429);
  });

  it('refuses a search of more than 200 letters with 422, page and API alike', async () => {
    const q = encodeURIComponent('很'.repeat(201));
    const page = await get(`/public?q=${q}`, freshAddress());
    expect(page.status).toBe(422);
    await expectHtmlPage(page);
    await expectApiError(await get(`/api/v1/public/replies?q=${q}`, freshAddress()), 422, 'validation_failed');
  });

  it('limits neither pages that are not searches nor requests without an address', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 31; i++) expect((await get(`/public?department=d${i}`, ip)).status).toBe(200);
    for (let i = 0; i < 31; i++) expect((await request(`${BASE}/public?q=本地${i}`)).status).toBe(200);
  });
});

/** A count already taken in this window, as the limit's own statements would have left it. */
async function countAlready(key: string, n: number) {
  await env.DB.prepare('INSERT OR REPLACE INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)')
    .bind(key, windowStart, n)
    .run();
}

describe('Open311', () => {
  const xml = new XMLParser({ isArray: (name) => name === 'error' });
  const form = (fields: Record<string, string>) =>
    new URLSearchParams({
      api_key: 'dev-open311-key',
      service_code: 'street_light',
      'attribute[fault]': 'dark',
      address_string: '滨江区长河街道江南春堤小区东门',
      ...fields,
    });
  const post = (format: 'json' | 'xml', body: URLSearchParams | string) =>
    request(`${BASE}/open311/v2/requests.${format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': freshAddress() },
      body,
    });

  it('takes a request; its 400 for a description over 4,000 letters, 413 for a body over 64 KB', async () => {
    expect((await post('json', form({ description: `路灯不亮 ${Math.random()}` }))).status).toBe(201);
    const long = await post('json', form({ description: '很'.repeat(4001) }));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual([{ code: 400, description: 'description is longer than 4000 characters' }]);
    const big = await post('xml', form({ description: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    expect(xml.parse(await big.text()).errors.error).toEqual([
      { code: 413, description: 'request body larger than 65536 bytes' },
    ]);
  });

  it('refuses the 1,201st request of one api_key in ten minutes with 429 in its format, storing nothing', async () => {
    // 1,200 taken already in this window: the count intake keeps, under the key's digest.
    await countAlready(`open311:${digestHex('sha256', 'dev-open311-key').slice(0, 16)}`, 1200);
    const before = await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'open311'").first<{
      n: number;
    }>();
    const res = await post('xml', form({ description: '第 1201 件' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('600');
    const [error] = xml.parse(await res.text()).errors.error;
    expect(error.code).toBe(429);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'open311'").first<{
      n: number;
    }>();
    expect(after?.n).toBe(before?.n);
  });

  it('serves 120 reads a minute from one address and refuses the 121st with 429 in its format', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 120; i++) expect((await get(`/open311/v2/services.json?i=${i}`, ip)).status).toBe(200);
    const res = await get('/open311/v2/requests.xml', ip);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(xml.parse(await res.text()).errors.error).toEqual([
      { code: 429, description: 'too many requests; try again in 60 seconds' },
    ]);
    const json = await get('/open311/v2/services.json', ip);
    expect(json.status).toBe(429);
    expect(await json.json()).toEqual([{ code: 429, description: 'too many requests; try again in 60 seconds' }]);
  });
});
