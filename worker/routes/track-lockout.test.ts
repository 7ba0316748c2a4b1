// Guessing a query code, against the tracking page and the API together: one count per address
// for both, and a lock per ticket after 10 wrong codes in an hour that holds against new
// addresses and the right code alike, for tracking, rating and consent. An unknown number is
// counted, locked and answered like a wrong code, at the same cost.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { BASE, createTicket, observeD1, request, routeEverythingByHand } from '../../tests/helpers';

beforeAll(routeEverythingByHand);
restoreClockAfterEach();

const hour = 3600_000;
let ipSeq = 0;
const newIp = () => `198.18.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

const trackApi = (no: string, code: string, ip = newIp(), bindings: Partial<Env> = {}) =>
  request(
    `${BASE}/api/v1/track/${encodeURIComponent(no)}?code=${encodeURIComponent(code)}`,
    { headers: { 'cf-connecting-ip': ip } },
    bindings,
  );
const trackPage = (no: string, code: string, ip = newIp()) =>
  request(`${BASE}/track?no=${encodeURIComponent(no)}&code=${encodeURIComponent(code)}`, {
    headers: { 'cf-connecting-ip': ip },
  });
const postJson = (path: string, no: string, code: string, body: unknown, ip = newIp()) =>
  request(`${BASE}/api/v1/track/${encodeURIComponent(no)}/${path}?code=${encodeURIComponent(code)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(body),
  });
const postForm = (path: string, fields: Record<string, string>, ip = newIp()) =>
  request(`${BASE}/track/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, 'cf-connecting-ip': ip },
    body: new URLSearchParams(fields),
  });

const wrong = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
const lockMessage =
  /^该工单的查询码输错次数过多，为保护您的信息，已暂停查询，请 \d+ 分钟后再试；如需帮助请拨打 12345。$/;

/** Ten wrong codes for the number, each from an address of its own. */
async function guessTenTimes(no: string, code: string) {
  for (let i = 0; i < 10; i++) expect((await trackApi(no, wrong(code, i))).status).toBe(404);
}

describe('per-ticket lock: happy path', () => {
  it('never locks a resident who checks often with the right code', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    const ip = newIp();
    for (let i = 0; i < 25; i++) expect((await trackApi(t.ticketNo, t.queryCode, ip)).status).toBe(200);
    // Nine mistyped codes on top still leave the right one working.
    for (let i = 0; i < 9; i++) expect((await trackApi(t.ticketNo, wrong(t.queryCode, i))).status).toBe(404);
    expect((await trackPage(t.ticketNo, t.queryCode)).status).toBe(200);
  });

  it('opens again with the right code once the hour is out', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    await guessTenTimes(t.ticketNo, t.queryCode);
    expect((await trackApi(t.ticketNo, t.queryCode)).status).toBe(429);
    advanceClock(hour);
    expect((await trackApi(t.ticketNo, t.queryCode)).status).toBe(200);
  });
});

describe('per-ticket lock: refusals', () => {
  it('after 10 wrong codes refuses the right code too, from a new address, with the wait', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    await guessTenTimes(t.ticketNo, t.queryCode);
    const res = await trackApi(t.ticketNo, t.queryCode);
    expect(res.status).toBe(429);
    // Frozen at the hour's start: the whole hour is left.
    expect(res.headers.get('retry-after')).toBe('3600');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(lockMessage);
    expect(body.error.message).toContain('请 60 分钟后再试');
  });

  it('locks the page, rating and consent alike, in Chinese on the page', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    await guessTenTimes(t.ticketNo, t.queryCode);
    const page = await trackPage(t.ticketNo, t.queryCode);
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('retry-after')).toBe('3600');
    const html = await page.text();
    expect(html).toContain('该工单的查询码输错次数过多');
    expect(html).not.toContain(`工单 ${t.ticketNo}`);
    const rate = { resolved: true, satisfaction: 'satisfied' };
    expect((await postJson('rating', t.ticketNo, t.queryCode, rate)).status).toBe(429);
    expect((await postJson('consent', t.ticketNo, t.queryCode, { consent: false })).status).toBe(429);
    const form = { no: t.ticketNo, code: t.queryCode };
    const ratingPage = await postForm('rating', { ...form, resolved: 'yes', satisfaction: 'satisfied' });
    expect(ratingPage.status).toBe(429);
    expect(await ratingPage.text()).toContain('该工单的查询码输错次数过多');
    expect((await postForm('consent', { ...form, consent: 'no' })).status).toBe(429);
    const consent = await env.DB.prepare('SELECT consent_to_publish AS c FROM tickets WHERE ticket_no = ?')
      .bind(t.ticketNo)
      .first<{ c: number }>();
    expect(consent!.c).toBe(1);
  });

  it('counts wrong codes from every door: page, API, rating and consent together', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    const bad = (i: number) => wrong(t.queryCode, i);
    for (let i = 0; i < 3; i++) expect((await trackApi(t.ticketNo, bad(i))).status).toBe(404);
    for (let i = 3; i < 6; i++) expect((await trackPage(t.ticketNo, bad(i))).status).toBe(404);
    for (let i = 6; i < 8; i++)
      expect((await postJson('rating', t.ticketNo, bad(i), { resolved: true, satisfaction: 'satisfied' })).status).toBe(
        404,
      );
    expect((await postJson('consent', t.ticketNo, bad(8), { consent: true })).status).toBe(404);
    expect((await postForm('consent', { no: t.ticketNo, code: bad(9), consent: 'yes' })).status).toBe(404);
    expect((await trackPage(t.ticketNo, t.queryCode)).status).toBe(429);
  });

  it('locks one ticket only: the next number still opens', async () => {
    startOfWindow(hour);
    const locked = await createTicket();
    const other = await createTicket();
    await guessTenTimes(locked.ticketNo, locked.queryCode);
    expect((await trackApi(locked.ticketNo, locked.queryCode)).status).toBe(429);
    expect((await trackApi(other.ticketNo, other.queryCode)).status).toBe(200);
  });
});

describe('per-ticket lock: security', () => {
  it('holds against guesses sent all at once: no more than 10 are checked', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => trackApi(t.ticketNo, wrong(t.queryCode, i))),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('answers an unknown number exactly like a wrong code, and locks it the same way', async () => {
    startOfWindow(hour);
    const t = await createTicket();
    const unknown = `${t.ticketNo.slice(0, -5)}99999`;
    const errorOf = async (res: Response) => {
      const { error } = (await res.json()) as { error: { requestId?: string } };
      delete error.requestId;
      return { status: res.status, error };
    };
    const wrongAnswer = await errorOf(await trackApi(t.ticketNo, wrong(t.queryCode)));
    const unknownAnswer = await errorOf(await trackApi(unknown, t.queryCode));
    expect(unknownAnswer).toEqual(wrongAnswer);
    expect(wrongAnswer.status).toBe(404);
    const wrongPage = await (await trackPage(t.ticketNo, wrong(t.queryCode))).text();
    const unknownPage = await (await trackPage(unknown, wrong(t.queryCode))).text();
    expect(unknownPage.replace(unknown, t.ticketNo)).toBe(wrongPage);

    for (let i = 0; i < 8; i++) await trackApi(unknown, wrong(t.queryCode, i));
    for (let i = 0; i < 8; i++) await trackApi(t.ticketNo, wrong(t.queryCode, i));
    const lockedUnknown = await errorOf(await trackApi(unknown, t.queryCode));
    const lockedKnown = await errorOf(await trackApi(t.ticketNo, t.queryCode));
    expect(lockedUnknown).toEqual(lockedKnown);
    expect(lockedKnown.status).toBe(429);
  });

  it('costs the same D1 calls for an unknown number as for a wrong code', async () => {
    const t = await createTicket();
    const unknown = `${t.ticketNo.slice(0, -5)}99998`;
    const cost = async (no: string, code: string) => {
      const observed = observeD1(env.DB);
      const res = await trackApi(no, code, newIp(), { DB: observed.db });
      return { status: res.status, calls: observed.calls(), statements: observed.bound.map((b) => b.sql) };
    };
    const wrongCost = await cost(t.ticketNo, wrong(t.queryCode));
    const unknownCost = await cost(unknown, t.queryCode);
    expect(wrongCost.status).toBe(404);
    expect(unknownCost).toEqual(wrongCost);
  });
});

describe('per-address count, shared by the page and the API', () => {
  it('stops the 61st request in a minute whichever door the 60 came through', async () => {
    startOfWindow(60_000);
    const ip = newIp();
    const no = (i: number) => `A20000103${String(i).padStart(5, '0')}`;
    for (let i = 0; i < 30; i++) expect((await trackPage(no(i), '123456', ip)).status).toBe(404);
    for (let i = 30; i < 60; i++) expect((await trackApi(no(i), '123456', ip)).status).toBe(404);
    const api = await trackApi(no(60), '123456', ip);
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toBe('60');
    const page = await trackPage(no(61), '123456', ip);
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('请求过于频繁，请稍后再试');
  });
});

describe('no cache keeps a ticket', () => {
  it('sends Cache-Control: no-store from the page and the API, opened or not', async () => {
    const t = await createTicket();
    for (const res of [
      await trackPage(t.ticketNo, t.queryCode),
      await trackPage(t.ticketNo, wrong(t.queryCode)),
      await request(`${BASE}/track`),
      await trackApi(t.ticketNo, t.queryCode),
      await trackApi(t.ticketNo, wrong(t.queryCode)),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
