// WeChat XML, fuzzed behind a correct signature (plain mode) and inside a correct AES envelope
// (safe mode): entities (billion laughs, external ones), huge CDATA, deep nesting, odd tag names,
// bytes that are not UTF-8, and real messages with hostile field values. No input gives a 5xx; a
// refusal is WeChat's plain text and writes nothing; anything else is `success` or a reply.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { WechatCipher, wechatSignature } from '../../channels/wechat/crypto';
import { aesKey, appId, nowSeconds, token, wechatTestEnv } from '../../channels/wechat/test-helpers';
import { request } from '../helpers';
import { expectWechatAnswer, refusedCleanly } from './answers';
import { freshNonce, hostileText, runs } from './arbitraries';

const testEnv = wechatTestEnv();
const cipher = WechatCipher.create(aesKey, appId);

const oddTagName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'Content', 'MsgId', 'a:b', 'x-y', 'xml', '_', 'Ω'),
  fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/),
);

const entityText = fc.constantFrom(
  '&lt;&gt;&amp;&quot;&apos;',
  '&#0;',
  '&#x10FFFF;',
  '&#1114112;',
  '&#xD800;',
  '&unknown;',
  '&amp',
  '&#;',
  '&lol9;',
);

const cdata = fc.oneof(
  hostileText.map((t) => `<![CDATA[${t.replaceAll(']]>', '')}]]>`),
  fc.integer({ min: 1000, max: 21_000 }).map((n) => `<![CDATA[${'路'.repeat(n)}]]>`),
  fc.constant('<![CDATA[unterminated'),
  fc.constant('<![CDATA[a]]>]]>'),
);

/** An element tree of odd names, entities, CDATA and text; `depth` bounds it. */
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    hostileText.map((t) => t.replace(/[<&]/g, '')),
    entityText,
    cdata,
    fc
      .tuple(oddTagName, fc.array(tie('node'), { maxLength: 3 }))
      .map(([name, children]) => `<${name}>${children.join('')}</${name}>`),
  ),
})).node;

const billionLaughs =
  '<!DOCTYPE xml [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']>';

const hostileProlog = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<?xml version="1.0" encoding="GBK"?>',
  billionLaughs,
  '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE xml SYSTEM "http://evil.example/x.dtd">',
  '<!doctype xml>',
  '<?php echo 1; ?>',
  '\uFEFF',
);

/** A WeChat text message whose fields are each kept or replaced by something hostile. */
const message = fc
  .record({
    prolog: hostileProlog,
    to: fc.oneof(fc.constant('<![CDATA[gh_fuzz]]>'), element),
    from: fc.oneof(fc.constant(`<![CDATA[oFuzz${Math.floor(Math.random() * 1e6)}]]>`), element),
    time: fc.oneof(
      fc.constant(nowSeconds()),
      hostileText.map((t) => t.replace(/[<&]/g, '')),
    ),
    type: fc.oneof(fc.constantFrom('text', 'event', 'voice', 'location', 'image', 'link'), element),
    content: fc.oneof(cdata, element, entityText),
    extra: fc.array(element, { maxLength: 3 }),
    nest: fc.option(fc.integer({ min: 6, max: 3000 }), { freq: 5 }),
  })
  .map(({ prolog, to, from, time, type, content, extra, nest }) => {
    const deep = nest === null ? '' : `${'<a>'.repeat(nest)}x${'</a>'.repeat(nest)}`;
    return (
      `${prolog}<xml><ToUserName>${to}</ToUserName><FromUserName>${from}</FromUserName>` +
      `<CreateTime>${time}</CreateTime><MsgType>${type}</MsgType><Content>${content}</Content>` +
      `${extra.join('')}${deep}<MsgId>${Date.now()}${Math.floor(Math.random() * 1e6)}</MsgId></xml>`
    );
  });

/** What WeChat might POST: a message, a bare tree, text that is not XML, or bytes that are not UTF-8. */
const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: message },
  { weight: 2, arbitrary: element.map((e) => `<xml>${e}</xml>`) },
  { weight: 1, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc
      .tuple(message, fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(([m, bytes]) => new Uint8Array([...new TextEncoder().encode(m.slice(0, 120)), 0xff, 0xfe, ...bytes])),
  },
);

function postPlain(xml: string | Uint8Array) {
  const timestamp = nowSeconds();
  const nonce = freshNonce();
  const signature = wechatSignature(token, timestamp, nonce);
  return request(
    `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    { method: 'POST', body: xml },
    testEnv,
  );
}

function postSafe(xml: string | Uint8Array) {
  const inner = typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
  const encrypt = cipher.encrypt(inner);
  const timestamp = nowSeconds();
  const nonce = freshNonce();
  const signature = wechatSignature(token, timestamp, nonce, encrypt);
  return request(
    `/channels/wechat?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${signature}`,
    { method: 'POST', body: `<xml><ToUserName><![CDATA[gh_fuzz]]></ToUserName><Encrypt>${encrypt}</Encrypt></xml>` },
    testEnv,
  );
}

describe('WeChat XML, signed', { timeout: 120_000 }, () => {
  it('plain mode: every body answers below 500, refusals in plain text writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (xml) => expectWechatAnswer(await refusedCleanly(() => postPlain(xml)))),
      runs(100),
    );
  });

  it('safe mode: every decrypted body answers below 500, refusals in plain text writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (xml) => expectWechatAnswer(await refusedCleanly(() => postSafe(xml)))),
      runs(60),
    );
  });

  it('safe mode: every envelope answers below 500 before and after its signature is checked', async () => {
    const envelope = fc.oneof(
      element.map((e) => `<xml>${e}</xml>`),
      fc.tuple(hostileProlog, element).map(([p, e]) => `${p}<xml><Encrypt>${e}</Encrypt></xml>`),
      hostileText.map((t) => `<xml><Encrypt><![CDATA[${t}]]></Encrypt></xml>`),
    );
    await fc.assert(
      fc.asyncProperty(envelope, fc.boolean(), async (xml, signIt) => {
        const timestamp = nowSeconds();
        const nonce = freshNonce();
        const encrypt = /<Encrypt><!\[CDATA\[([\s\S]*)\]\]><\/Encrypt>/.exec(xml)?.[1] ?? '';
        const signature = signIt ? wechatSignature(token, timestamp, nonce, encrypt) : 'f'.repeat(40);
        const res = await refusedCleanly(() =>
          request(
            `/channels/wechat?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${signature}`,
            { method: 'POST', body: xml },
            testEnv,
          ),
        );
        await expectWechatAnswer(res);
      }),
      runs(60),
    );
  });
});
