// Later answers to a WeChat user go out as customer-service messages through the outbox's real
// delivery path (deliverOutbox with the hub's senders), against a fake WeChat API that issues
// access tokens and records what it was sent.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../db/client';
import { request } from '../../tests/helpers';
import { deliverOutbox } from '../../tickets/outbox';
import { senders } from '../senders';
import { wechatSignature } from './crypto';
import { customerServiceWindowMs, recordInbound } from './store';
import { appId, freshNonce, token, wechatTestEnv } from './test-helpers';

const apiBase = 'http://wechat-api.fake';
const testEnv = wechatTestEnv({ WECHAT_APPSECRET: 'test-app-secret', WECHAT_API_BASE: apiBase });

interface FakeWechat {
  tokenRequests: URLSearchParams[];
  sends: { accessToken: string; body: { touser: string; msgtype: string; text: { content: string } } }[];
  revoked: Set<string>;
  sendErrcode?: number;
}

let fake: FakeWechat;
/** Tokens stay unique across tests: the D1 cache outlives each test's fake. */
let tokensIssued = 0;

beforeEach(() => {
  fake = { tokenRequests: [], sends: [], revoked: new Set() };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== apiBase) return realFetch(input, init);
    if (url.pathname === '/cgi-bin/token' && request.method === 'GET') {
      fake.tokenRequests.push(url.searchParams);
      if (url.searchParams.get('secret') !== 'test-app-secret')
        return Response.json({ errcode: 40125, errmsg: 'invalid appsecret' });
      return Response.json({ access_token: `ACCESS-${++tokensIssued}`, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/custom/send' && request.method === 'POST') {
      const accessToken = url.searchParams.get('access_token') ?? '';
      if (fake.revoked.has(accessToken))
        return Response.json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (fake.sendErrcode) return Response.json({ errcode: fake.sendErrcode, errmsg: 'refused' });
      fake.sends.push({ accessToken, body: await request.json() });
      return Response.json({ errcode: 0, errmsg: 'ok' });
    }
    return new Response('not found', { status: 404 });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

let seq = 0;
async function enqueueReply(openId: string, body: string): Promise<string> {
  const id = `wechat-delivery-${++seq}`;
  await env.DB.prepare(
    'INSERT INTO outbox (id, ticket_id, channel, recipient, kind, subject, body, status, attempts, created_at) ' +
      "VALUES (?1, NULL, 'wechat', ?2, 'reply', ?3, ?4, 'pending', 0, ?5)",
  )
    .bind(id, openId, '工单答复', body, Date.now())
    .run();
  return id;
}

async function outboxRow(id: string) {
  return env.DB.prepare('SELECT status, attempts, last_error AS lastError, sent_at AS sentAt FROM outbox WHERE id = ?1')
    .bind(id)
    .first<{ status: string; attempts: number; lastError: string | null; sentAt: number | null }>();
}

const deliver = (ids: string[]) => deliverOutbox(testEnv, openDb(env.DB), ids, senders);

/** The resident writes to the account through the real route, which opens the 48-hour window. */
async function residentWrites(openId: string): Promise<void> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const xml =
    `<xml><ToUserName><![CDATA[gh_12345hotline]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
    `<Event><![CDATA[subscribe]]></Event></xml>`;
  // A nonce is single-use: each write has its own, as WeChat's pushes do.
  const nonce = freshNonce();
  const res = await request(
    `/channels/wechat?signature=${wechatSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
    { method: 'POST', body: xml },
    testEnv,
  );
  expect(res.status).toBe(200);
}

describe('WeChat customer-service replies', () => {
  it('sends the reply as a text message and caches the access token for the next one', async () => {
    const openId = 'oReply0001';
    await residentWrites(openId);
    const first = await enqueueReply(openId, '经核查，幸福路12号的路灯已于今日修复，感谢您的反映。');
    expect(await deliver([first])).toEqual([]);
    expect(await outboxRow(first)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.tokenRequests[0]!.get('grant_type')).toBe('client_credential');
    expect(fake.tokenRequests[0]!.get('appid')).toBe(appId);
    expect(fake.sends).toHaveLength(1);
    const issued = `ACCESS-${tokensIssued}`;
    expect(fake.sends[0]!.accessToken).toBe(issued);
    expect(fake.sends[0]!.body).toEqual({
      touser: openId,
      msgtype: 'text',
      text: { content: '【工单答复】\n经核查，幸福路12号的路灯已于今日修复，感谢您的反映。' },
    });

    const cached = await env.DB.prepare('SELECT value, expires_at AS expiresAt FROM channel_tokens WHERE key = ?1')
      .bind(`wechat:access-token:${appId}`)
      .first<{ value: string; expiresAt: number }>();
    expect(cached!.value).toBe(issued);
    // Renewed five minutes before WeChat's 7200 s, so a token never expires in flight.
    expect(cached!.expiresAt).toBeGreaterThan(Date.now() + 6800 * 1000);
    expect(cached!.expiresAt).toBeLessThanOrEqual(Date.now() + 6900 * 1000);

    const second = await enqueueReply(openId, '请对办理结果进行评价。');
    await deliver([second]);
    expect(await outboxRow(second)).toMatchObject({ status: 'sent' });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.sends.map((s) => s.accessToken)).toEqual([issued, issued]);
  });

  it('fetches a new token once when WeChat says the cached one is invalid (40001)', async () => {
    const openId = 'oReply0002';
    await residentWrites(openId);
    await deliver([await enqueueReply(openId, '第一条答复')]);
    const tokensBefore = fake.tokenRequests.length;
    const stale = fake.sends.at(-1)!.accessToken;
    fake.revoked.add(stale);
    const id = await enqueueReply(openId, '第二条答复');
    await deliver([id]);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent' });
    expect(fake.tokenRequests.length).toBe(tokensBefore + 1);
    expect(fake.sends.at(-1)!.accessToken).not.toBe(stale);
    expect(fake.sends.at(-1)!.body.text.content).toContain('第二条答复');
  });

  it('fails at once, with a clear reason, when the resident last wrote more than 48 hours ago', async () => {
    const openId = 'oReply0003';
    await recordInbound(env.DB, openId, Date.now() - customerServiceWindowMs - 3_600_000);
    const id = await enqueueReply(openId, '您反映的问题已办结。');
    expect(await deliver([id])).toEqual([]);
    const row = await outboxRow(id);
    expect(row!.status).toBe('failed');
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/48-hour window closed: the user last wrote 49 hours ago/);
    expect(fake.sends).toHaveLength(0);
    expect(fake.tokenRequests).toHaveLength(0);

    const never = await enqueueReply('oNeverWrote', '您反映的问题已办结。');
    await deliver([never]);
    expect((await outboxRow(never))!.lastError).toMatch(/48-hour window closed: no message from this user/);
  });

  it('gives up at once when WeChat itself refuses for good (45015), but retries a passing fault', async () => {
    const openId = 'oReply0004';
    await residentWrites(openId);
    fake.sendErrcode = 45015;
    const refused = await enqueueReply(openId, '答复内容');
    expect(await deliver([refused])).toEqual([]);
    expect(await outboxRow(refused)).toMatchObject({ status: 'failed' });
    expect((await outboxRow(refused))!.lastError).toContain('45015');

    fake.sendErrcode = -1; // WeChat's "system busy"
    const busy = await enqueueReply(openId, '答复内容');
    expect(await deliver([busy])).toEqual([busy]);
    expect(await outboxRow(busy)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});
