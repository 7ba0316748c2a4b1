// The mailbox form's nonce is the hub's, not the browser's: only a nonce the hub issued within a
// day files a letter, each files one letter, and sending one again (a double click, or a copy
// from a log or a shared computer) names the ticket but never shows its query code.

import { env } from 'cloudflare:test';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { advanceClock, restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { request } from '../../tests/helpers';
import { formId, formNonce, mailboxUrl } from './mailbox-test-steps';

restoreClockAfterEach();

let ipSeq = 0;
const nextIp = () => `198.51.100.${100 + ++ipSeq}`;

const letter = (nonce: string, overrides: Record<string, string> = {}) => ({
  nonce,
  type: '投诉',
  title: '小区门口占道经营',
  content: '小区东门每天傍晚有摊贩占用人行道经营，行人只能走机动车道，很不安全。',
  name: '王女士',
  phone: '13900002222',
  website: '',
  ...overrides,
});

const post = (fields: Record<string, string>, ip = nextIp()) =>
  request(mailboxUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
    body: new URLSearchParams(fields).toString(),
  });

const mailboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'mailbox'").first<{ n: number }>())!.n;

const ticketOf = (nonce: string) =>
  env.DB.prepare(
    `SELECT t.ticket_no AS ticketNo, t.query_code AS queryCode, t.title
     FROM inbox i JOIN tickets t ON t.id = i.ticket_id
     WHERE i.channel = 'mailbox' AND i.external_id = ?`,
  )
    .bind(`form-${formId(nonce)}`)
    .first<{ ticketNo: string; queryCode: string; title: string }>();

/** A refused nonce: the form again (400) with the letter kept and a fresh nonce of the hub's. */
async function expectRefusedNonce(res: Response, presented: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toContain('页面已过期，请核对内容后重新提交。');
  expect(html).toContain('value="小区门口占道经营"');
  const fresh = /name="nonce" value="([^"]+)"/.exec(html)?.[1];
  expect(fresh).toMatch(/^\d{13}\.[0-9a-f]{32}\.[\w-]{43}$/);
  expect(fresh).not.toBe(presented);
  return fresh!;
}

describe('the mailbox nonce: happy path', () => {
  it('a nonce from the form files the letter, and the form says not to cache it', async () => {
    const form = await request(mailboxUrl);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const nonce = /name="nonce" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await post(letter(nonce));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const ticket = await ticketOf(nonce);
    expect(ticket?.title).toBe('小区门口占道经营');
    expect(await res.text()).toContain(`<dt>查询码</dt><dd>${ticket!.queryCode}</dd>`);
  });

  it('a form kept open for almost a day still files', async () => {
    startOfWindow(60_000);
    const nonce = await formNonce();
    advanceClock(24 * 3600_000 - 60_000);
    expect((await post(letter(nonce))).status).toBe(201);
    expect(await ticketOf(nonce)).not.toBeNull();
  });

  it('takes a nonce made as documented (HMAC-SHA256 under SESSION_SECRET), as the benchmark makes them', async () => {
    const issuedAt = String(Date.now());
    const id = randomBytes(16).toString('hex');
    const mac = createHmac('sha256', 'dev-session-secret-not-for-production')
      .update(`csrf|mailbox-form|${issuedAt}|${id}`)
      .digest('base64url');
    const nonce = `${issuedAt}.${id}.${mac}`;
    expect((await post(letter(nonce))).status).toBe(201);
    expect(await ticketOf(nonce)).not.toBeNull();
  });

  it('a corrected form (422 first) keeps its nonce and files once with the query code', async () => {
    const nonce = await formNonce();
    const refused = await post(letter(nonce, { title: '' }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(`name="nonce" value="${nonce}"`);
    const filed = await post(letter(nonce));
    expect(filed.status).toBe(201);
    const ticket = await ticketOf(nonce);
    expect(await filed.text()).toContain(`<dd>${ticket!.queryCode}</dd>`);
  });
});

describe('the mailbox nonce: refusals', () => {
  it('refuses a nonce the browser made up (the old 32 hex digits), storing nothing', async () => {
    const before = await mailboxCount();
    const madeUp = 'a'.repeat(32);
    await expectRefusedNonce(await post(letter(madeUp)), madeUp);
    expect(await mailboxCount()).toBe(before);
  });

  it('refuses a nonce whose signature, random part or time was changed', async () => {
    const nonce = await formNonce();
    const [issuedAt, id, mac] = nonce.split('.') as [string, string, string];
    const flip = (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1);
    const before = await mailboxCount();
    for (const forged of [
      `${issuedAt}.${id}.${flip(mac)}`,
      `${issuedAt}.${flip(id)}.${mac}`,
      `${Number(issuedAt) + 1}.${id}.${mac}`,
      `${issuedAt}.${id}`,
      `${nonce}.`,
    ]) {
      await expectRefusedNonce(await post(letter(forged)), forged);
    }
    expect(await mailboxCount()).toBe(before);
  });

  it('refuses a nonce signed under another secret', async () => {
    const html = await (await request(mailboxUrl, {}, { SESSION_SECRET: 'some-other-hub-secret' })).text();
    const foreign = /name="nonce" value="([^"]+)"/.exec(html)![1]!;
    await expectRefusedNonce(await post(letter(foreign)), foreign);
    expect(await ticketOf(foreign)).toBeNull();
  });

  it('refuses a form older than a day, and the fresh nonce it gives files the letter', async () => {
    startOfWindow(60_000);
    const nonce = await formNonce();
    advanceClock(24 * 3600_000 + 60_000);
    const fresh = await expectRefusedNonce(await post(letter(nonce)), nonce);
    expect(await ticketOf(nonce)).toBeNull();
    expect((await post(letter(fresh))).status).toBe(201);
  });

  it('refuses a nonce issued in the future (a clock far ahead)', async () => {
    startOfWindow(60_000);
    advanceClock(3600_000);
    const ahead = await formNonce();
    advanceClock(-3600_000);
    await expectRefusedNonce(await post(letter(ahead)), ahead);
  });
});

describe('the mailbox nonce: security', () => {
  it('a nonce sent again with another letter files nothing and shows no query code', async () => {
    const nonce = await formNonce();
    const first = await post(letter(nonce));
    expect(first.status).toBe(201);
    const ticket = (await ticketOf(nonce))!;
    const before = await mailboxCount();

    // Someone who saw the nonce (a proxy's log, the shared computer's history) sends it again.
    const replay = await post(letter(nonce, { title: '别人的信', phone: '13700009999' }), '192.0.2.200');
    expect(replay.status).toBe(200);
    const html = await replay.text();
    expect(html).toContain(`这封信已经收到，工单号 ${ticket.ticketNo}`);
    // The number itself may hold the code's six digits by chance: look for the code elsewhere.
    expect(html.replaceAll(ticket.ticketNo, '')).not.toContain(ticket.queryCode);
    expect(html).not.toContain('查询码</dt>');
    expect(html).not.toContain('code=');
    expect(await mailboxCount()).toBe(before);
    expect((await ticketOf(nonce))!.title).toBe('小区门口占道经营');
  });

  it('a double click files one letter; neither answer gives the code twice', async () => {
    const nonce = await formNonce();
    const ip = nextIp();
    const answers = await Promise.all([post(letter(nonce), ip), post(letter(nonce), ip)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const ticket = (await ticketOf(nonce))!;
    const pages = await Promise.all(answers.map((r) => r.text()));
    expect(pages.filter((p) => p.includes(`<dd>${ticket.queryCode}</dd>`))).toHaveLength(1);
    expect(pages.every((p) => p.includes(ticket.ticketNo))).toBe(true);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'mailbox' AND external_id = ?")
      .bind(`form-${formId(nonce)}`)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it('each form gets its own nonce, so two residents never share a letter', async () => {
    const nonces = await Promise.all(Array.from({ length: 5 }, () => formNonce()));
    expect(new Set(nonces.map(formId)).size).toBe(5);
  });
});
