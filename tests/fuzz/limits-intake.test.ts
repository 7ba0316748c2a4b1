// Body and field limits of the intake endpoints, each in its protocol's form: the call centre,
// the Wechaty bridge and the integration API in the hub's JSON error shape, WeChat in its plain
// text, the history import with a limit of its own (a batch of past tickets with their replies).
// Under the limit the message is taken; over the body size 413; over a field's length 422
// (WeChat: 400). These channels have no request rate limit: each is signed or token-gated, the
// check comes before any D1 work, and a 429 would turn a partner's resident away.
import { describe, expect, it } from 'vitest';
import { signHubRequest } from '../../channels/hub-signature';
import { phoneCall } from '../../channels/phone/test-calls';
import { wechatSignature } from '../../channels/wechat/crypto';
import { nowSeconds, token, wechatTestEnv } from '../../channels/wechat/test-helpers';
import { BASE, INTEGRATION_TOKEN, message, postMessage, request } from '../helpers';
import { expectHubErrorShape } from './answers';
import { freshNonce } from './arbitraries';

async function expectApiError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.clone().json<{ error: { code: string } }>()).error.code).toBe(code);
  await expectHubErrorShape(res);
}

async function signedPost(path: string, secret: string, body: string, bindings: Partial<Env> = {}) {
  const { headers } = await signHubRequest(secret, body);
  return request(
    `${BASE}${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
    bindings,
  );
}

describe('the call centre (512 KB, text 10,000 letters a segment)', () => {
  const post = (body: unknown) =>
    signedPost(
      '/channels/phone/calls',
      'dev-phone-webhook-secret',
      typeof body === 'string' ? body : JSON.stringify(body),
    );

  it('takes a call with a long transcript under the limit', async () => {
    const transcript = Array.from({ length: 40 }, (_, i) => ({
      speaker: i % 2 ? 'caller' : 'agent',
      text: '路灯'.repeat(2000),
      startMs: i * 1000,
    }));
    const res = await post(phoneCall(`C-limit-${freshNonce()}`, { transcript }));
    expect(res.status).toBe(201);
  });

  it('refuses a segment of 10,001 letters with 422 naming it, and a body over 512 KB with 413', async () => {
    const transcript = [{ speaker: 'caller', text: '很'.repeat(10_001), startMs: 0 }];
    const res = await post(phoneCall(`C-limit-${freshNonce()}`, { transcript }));
    await expectApiError(res.clone(), 422, 'validation_failed');
    const { error } = await res.json<{ error: { details: Array<{ path: string }> } }>();
    expect(error.details.map((d) => d.path)).toContain('transcript.0.text');
    await expectApiError(await post(`{"pad":"${'x'.repeat(513 * 1024)}"}`), 413, 'payload_too_large');
  });
});

describe('the Wechaty bridge (64 KB, text 20,000 letters)', () => {
  const secret = 'limits-bridge-secret';
  const post = (body: string) => signedPost('/channels/wechaty', secret, body, { WECHATY_BRIDGE_SECRET: secret });
  const bridged = (text: string) =>
    JSON.stringify({ messageId: `m-${freshNonce()}`, talkerId: 'wxid_limits', text, sentAt: Date.now() });

  it('takes a message of 20,000 letters, refuses 20,001 with 422 and a body over 64 KB with 413', async () => {
    expect((await post(bridged('路'.repeat(20_000)))).status).toBe(201);
    await expectApiError(await post(bridged('路'.repeat(20_001))), 422, 'validation_failed');
    await expectApiError(await post(bridged('x'.repeat(65 * 1024))), 413, 'payload_too_large');
  });
});

describe('WeChat (64 KB, Content 20,000 letters), in plain text', () => {
  const testEnv = wechatTestEnv();
  const xml = (content: string) =>
    `<xml><ToUserName><![CDATA[gh_limits]]></ToUserName><FromUserName><![CDATA[oLimits${freshNonce()}]]>` +
    `</FromUserName><CreateTime>${nowSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${Date.now()}${Math.floor(Math.random() * 1e6)}</MsgId></xml>`;
  function post(body: string) {
    const timestamp = nowSeconds();
    const nonce = freshNonce();
    const signature = wechatSignature(token, timestamp, nonce);
    return request(
      `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      { method: 'POST', body },
      testEnv,
    );
  }

  it('takes 20,000 letters, refuses 20,001 with 400 and a body over 64 KB with 413', async () => {
    const taken = await post(xml('路'.repeat(20_000)));
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('<MsgType><![CDATA[text]]></MsgType>');
    const long = await post(xml('路'.repeat(20_001)));
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toContain('text/plain');
    expect(await long.text()).toMatch(/^invalid message: Content /);
    const big = await post(xml('x'.repeat(65 * 1024)));
    expect(big.status).toBe(413);
    expect(await big.text()).toBe('request body larger than 65536 bytes');
  });
});

describe('the integration API (64 KB, title 200 and text 20,000 letters)', () => {
  it('takes a message at the limits; 422 for a title of 201 letters, 413 for a body over 64 KB', async () => {
    expect((await postMessage(message({ title: '路'.repeat(200), text: '灯'.repeat(20_000) }))).status).toBe(201);
    await expectApiError(await postMessage(message({ title: '路'.repeat(201) })), 422, 'validation_failed');
    await expectApiError(await postMessage(message({ text: 'x'.repeat(65 * 1024) })), 413, 'payload_too_large');
  });
});

describe('the history import (2 MB a batch)', () => {
  const record = (i: number, text: string) => ({
    externalId: `limits-import-${freshNonce()}-${i}`,
    channel: 'phone',
    receivedAt: '2024-03-01T09:00:00+08:00',
    type: '咨询',
    text,
  });
  const post = (body: string) =>
    request(`${BASE}/api/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body,
    });

  it('takes a batch far past the JSON API’s 64 KB', async () => {
    const batch = Array.from({ length: 10 }, (_, i) => record(i, '咨询'.repeat(5000)));
    const body = JSON.stringify(batch);
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(64 * 1024 * 4);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect((await res.json<{ imported: number }>()).imported).toBe(10);
  });

  it('refuses a record of 20,001 letters in its own result, and a body over 2 MB with 413', async () => {
    const res = await post(JSON.stringify([record(0, '很'.repeat(20_001))]));
    expect(res.status).toBe(200);
    const { results } = await res.json<{ results: Array<{ ok: boolean; error?: { code: string } }> }>();
    expect(results).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'validation_failed' }) }),
    ]);
    const big = JSON.stringify([record(0, 'x'.repeat(2 * 1024 * 1024))]);
    await expectApiError(await post(big), 413, 'payload_too_large');
  });
});
