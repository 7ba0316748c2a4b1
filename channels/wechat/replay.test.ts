// Replays of WeChat's signed URL: plain mode signs only token, timestamp and nonce, so the hub
// keeps each timestamp|nonce for one message (its resends included) and refuses a timestamp more
// than 5 minutes from its clock; the ticket's time is the hub's, whatever CreateTime says.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { WechatCipher, wechatSignature } from './crypto';
import { aesKey, appId, freshNonce, inboxCount, nowSeconds, token, wechatTestEnv } from './test-helpers';

const testEnv = wechatTestEnv();
let msgSeq = 7_500_000_000_000_000_000n;
const nextMsgId = () => String(msgSeq++);

function textXml(openId: string, content: string, opts: { msgId?: string; createTime?: string } = {}) {
  return (
    `<xml><ToUserName><![CDATA[gh_replay]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${opts.createTime ?? nowSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${opts.msgId ?? nextMsgId()}</MsgId></xml>`
  );
}

/** A signed plain-mode URL, as WeChat sends it and as a log or a proxy would keep it. */
function signedUrl(timestamp = nowSeconds(), nonce = freshNonce()) {
  const query = new URLSearchParams({ signature: wechatSignature(token, timestamp, nonce), timestamp, nonce });
  return `/channels/wechat?${query}`;
}

const post = (url: string, xml: string) => request(url, { method: 'POST', body: xml }, testEnv);

function safeRequest(innerXml: string, timestamp: string, nonce: string) {
  const encrypt = WechatCipher.create(aesKey, appId).encrypt(innerXml);
  const msgSignature = wechatSignature(token, timestamp, nonce, encrypt);
  return request(
    `/channels/wechat?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`,
    { method: 'POST', body: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` },
    testEnv,
  );
}

const secondsAgo = (s: number) => String(Math.floor(Date.now() / 1000) - s);

async function ticketsOf(openId: string) {
  const { results } = await env.DB.prepare(
    'SELECT t.ticket_no AS ticketNo, t.text, t.received_at AS receivedAt, t.created_at AS createdAt ' +
      'FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.open_id = ?1 ORDER BY t.created_at',
  )
    .bind(openId)
    .all<{ ticketNo: string; text: string; receivedAt: number; createdAt: number }>();
  return results;
}

const content = (xml: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(xml)?.[1] ?? '';

describe('a resend from WeChat (happy path)', () => {
  it('answers the same timestamp, nonce and message again with the same ticket', async () => {
    const openId = 'oReplayResend01';
    const url = signedUrl();
    const xml = textXml(openId, '滨江路人行道地砖松动，老人容易绊倒。');
    const first = await post(url, xml);
    const resend = await post(url, xml);
    expect(first.status).toBe(200);
    expect(resend.status).toBe(200);
    const tickets = await ticketsOf(openId);
    expect(tickets).toHaveLength(1);
    expect(content(await first.text())).toContain(`工单号：${tickets[0]!.ticketNo}`);
    expect(content(await resend.text())).toContain(`工单号：${tickets[0]!.ticketNo}`);
  });

  it('takes a message dated 2019 by its CreateTime at the hub clock', async () => {
    const openId = 'oReplayDate0001';
    const before = Date.now();
    await post(signedUrl(), textXml(openId, '幸福里小区电梯经常停运。', { createTime: '1546300800' }));
    const after = Date.now();
    const [ticket] = await ticketsOf(openId);
    expect(ticket!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(ticket!.receivedAt).toBeLessThanOrEqual(after);
    expect(ticket!.createdAt).toBeGreaterThanOrEqual(before);
  });
});

describe('a timestamp far from the hub clock (errors)', () => {
  it.each([
    ['six minutes old', secondsAgo(6 * 60)],
    ['six minutes ahead', secondsAgo(-6 * 60)],
    ['from 2019', '1546300800'],
  ])('refuses a correctly signed POST %s with 401 and stores nothing', async (_, timestamp) => {
    const before = await inboxCount();
    const res = await post(signedUrl(timestamp), textXml('oReplayStale001', '旧链接重放'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toMatch(/more than 5 minutes away from the hub clock/);
    const safe = await safeRequest(textXml('oReplayStale001', '旧链接重放'), timestamp, freshNonce());
    expect(safe.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a stale URL verification, and accepts one within the window', async () => {
    const stale = secondsAgo(6 * 60);
    const old = await request(`${signedUrl(stale)}&echostr=42`, {}, testEnv);
    expect(old.status).toBe(401);
    const fresh = await request(`${signedUrl(secondsAgo(4 * 60))}&echostr=42`, {}, testEnv);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('42');
  });

  it('refuses a nonce that is not letters or digits with 400', async () => {
    const res = await post(signedUrl(nowSeconds(), '1#2'), textXml('oReplayNonce001', '测试'));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('nonce must be 1 to 64 letters or digits');
  });
});

describe('a captured signature with another body (security)', () => {
  it('cannot file another message, or append to the victim’s open conversation', async () => {
    const victim = 'oReplayVictim01';
    const url = signedUrl();
    const genuine = await post(url, textXml(victim, '东风路菜市场门口污水外溢。'));
    expect(genuine.status).toBe(200);
    const [ticket] = await ticketsOf(victim);
    const before = await inboxCount();

    // Within the window, as the victim, with a new MsgId: the append window would take it.
    const forged = await post(url, textXml(victim, '以上反映不实，请撤销工单。'));
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('timestamp and nonce already used for another message (replay refused)');
    // Sent again, the forged body is not mistaken for a resend.
    expect((await post(url, textXml(victim, '以上反映不实，请撤销工单。'))).status).toBe(401);
    // As someone else: no new ticket under the captured signature either.
    expect((await post(url, textXml('oReplayOther01', '伪造的投诉'))).status).toBe(401);

    expect(await inboxCount()).toBe(before);
    expect(await ticketsOf(victim)).toEqual([ticket]);
    expect(await ticketsOf('oReplayOther01')).toEqual([]);
    const appends = await env.DB.prepare(
      'SELECT count(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id ' +
        "WHERE t.ticket_no = ?1 AND e.action = 'append'",
    )
      .bind(ticket!.ticketNo)
      .first<{ n: number }>();
    expect(appends!.n).toBe(0);
  });

  it('refuses a safe-mode timestamp|nonce reused for another message', async () => {
    const timestamp = nowSeconds();
    const nonce = freshNonce();
    expect((await safeRequest(textXml('oReplaySafe001', '路口红绿灯不亮'), timestamp, nonce)).status).toBe(200);
    const before = await inboxCount();
    const reused = await safeRequest(textXml('oReplaySafe002', '另一条消息'), timestamp, nonce);
    expect(reused.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('spends no nonce on a refused message, so WeChat’s own retry still goes through', async () => {
    const url = signedUrl();
    expect((await post(url, '<xml><Content>未闭合</xml>')).status).toBe(400);
    expect((await post(url, textXml('oReplayAfter01', '公园路灯不亮'))).status).toBe(200);
    expect(await ticketsOf('oReplayAfter01')).toHaveLength(1);
  });
});
