// Envelopes WeChat's XML parser must refuse, before and after the signature check: each answers
// a 4xx in WeChat's plain text, and nothing reaches the inbox.
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { WechatCipher, wechatSignature } from './crypto';
import { aesKey, appId, inboxCount, nowSeconds, token, wechatTestEnv } from './test-helpers';

const testEnv = wechatTestEnv();
const nonce = '4242';

const message = (inner: string) =>
  `<xml><ToUserName><![CDATA[gh_refusal]]></ToUserName><FromUserName><![CDATA[oRefusal0001]]></FromUserName>` +
  `<CreateTime>${nowSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>${inner}` +
  `<MsgId>7400000000000000001</MsgId></xml>`;
const nested = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;

/** A plain-mode post, signed with the right token unless `signature` says otherwise. */
function postPlain(body: string, signature?: string) {
  const timestamp = nowSeconds();
  const sig = signature ?? wechatSignature(token, timestamp, nonce);
  return request(
    `/channels/wechat?signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`,
    { method: 'POST', body },
    testEnv,
  );
}

/** A safe-mode post of a raw envelope, with a msg_signature over `encrypt` when one is given. */
function postEnvelope(envelope: string, encrypt?: string) {
  const timestamp = nowSeconds();
  const msgSignature = encrypt === undefined ? 'f'.repeat(40) : wechatSignature(token, timestamp, nonce, encrypt);
  return request(
    `/channels/wechat?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`,
    { method: 'POST', body: envelope },
    testEnv,
  );
}

function postEncrypted(innerXml: string) {
  const encrypt = WechatCipher.create(aesKey, appId).encrypt(innerXml);
  return postEnvelope(`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, encrypt);
}

async function expectRefused(res: Response, status: number, text: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('text/plain');
  expect(await res.text()).toMatch(text);
}

describe('an unsigned safe-mode envelope is parsed before its signature is checked', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a tag named %s with 400', async (name) => {
    const before = await inboxCount();
    const res = await postEnvelope(`<xml><${name}><polluted>1</polluted></${name}><Encrypt>x</Encrypt></xml>`);
    await expectRefused(res, 400, new RegExp(`^malformed XML: .*"${name}"`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await inboxCount()).toBe(before);
  });

  it('refuses 5,000 nested tags with 400', async () => {
    const before = await inboxCount();
    const res = await postEnvelope(`<xml><Encrypt>x</Encrypt>${nested(5000)}</xml>`);
    await expectRefused(res, 400, /^malformed XML: Maximum nested tags exceeded/);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a DOCTYPE with entities with 400', async () => {
    const before = await inboxCount();
    const lol = '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    await expectRefused(await postEnvelope(`${lol}<xml><Encrypt>&b;</Encrypt></xml>`), 400, /DOCTYPE is not accepted/);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses an envelope without one text Encrypt with 400', async () => {
    const res = await postEnvelope('<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>');
    await expectRefused(res, 400, /^<Encrypt> missing$/);
    await expectRefused(await postEnvelope('<xml><ToUserName>gh</ToUserName>'), 400, /^malformed XML: /);
  });

  it('refuses a well-formed envelope with a wrong msg_signature with 401', async () => {
    await expectRefused(await postEnvelope('<xml><Encrypt>abcd</Encrypt></xml>'), 401, /^invalid signature$/);
  });

  it('refuses a huge CDATA over the body limit with 413, before parsing', async () => {
    const before = await inboxCount();
    const res = await postEnvelope(`<xml><Encrypt><![CDATA[${'A'.repeat(70_000)}]]></Encrypt></xml>`);
    await expectRefused(res, 413, /^request body larger than 65536 bytes$/);
    expect(await inboxCount()).toBe(before);
  });
});

describe('a signed plain-mode message', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('with a tag named %s is refused with 400', async (name) => {
    const before = await inboxCount();
    const res = await postPlain(message(`<${name}><Content>1</Content></${name}>`));
    await expectRefused(res, 400, new RegExp(`^malformed XML: .*"${name}"`));
    expect(await inboxCount()).toBe(before);
  });

  it('with 5,000 nested tags is refused with 400', async () => {
    const before = await inboxCount();
    await expectRefused(await postPlain(message(nested(5000))), 400, /^malformed XML: Maximum nested tags exceeded/);
    expect(await inboxCount()).toBe(before);
  });

  it('with a repeated or nested Content is refused with 400, not stored as "a,b"', async () => {
    const before = await inboxCount();
    const repeated = await postPlain(message('<Content>a</Content><Content>b</Content>'));
    await expectRefused(repeated, 400, /^invalid message: Content /);
    const withChild = await postPlain(message('<Content><b>a</b></Content>'));
    await expectRefused(withChild, 400, /^invalid message: Content /);
    expect(await inboxCount()).toBe(before);
  });

  it('with a CDATA longer than a message may be is refused with 400', async () => {
    const before = await inboxCount();
    const res = await postPlain(message(`<Content><![CDATA[${'路'.repeat(20_001)}]]></Content>`));
    await expectRefused(res, 400, /^invalid message: Content /);
    expect(await inboxCount()).toBe(before);
  });

  it('unsigned, is refused with 401 whatever it holds', async () => {
    await expectRefused(await postPlain(message(nested(5000)), '0'.repeat(40)), 401, /^invalid signature$/);
  });
});

describe('a signed safe-mode message whose decrypted XML is hostile', () => {
  it('with a tag named __proto__ is refused with 400', async () => {
    const before = await inboxCount();
    const res = await postEncrypted(message('<__proto__><Content>1</Content></__proto__>'));
    await expectRefused(res, 400, /^malformed XML: .*"__proto__"/);
    expect(await inboxCount()).toBe(before);
  });

  it('with 5,000 nested tags is refused with 400', async () => {
    const before = await inboxCount();
    await expectRefused(await postEncrypted(message(nested(5000))), 400, /^malformed XML: Maximum nested tags/);
    expect(await inboxCount()).toBe(before);
  });

  it('whose Encrypt is not base64 is refused with 400', async () => {
    const before = await inboxCount();
    await expectRefused(
      await postEnvelope('<xml><Encrypt>!!!!</Encrypt></xml>', '!!!!'),
      400,
      /^Encrypt is not base64$/,
    );
    expect(await inboxCount()).toBe(before);
  });
});
