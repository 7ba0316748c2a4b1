// WeChat's own published safe-mode test vector (from its sample code WXBizMsgCrypt), plus
// round trips across every padding length, including the 17..32 pad values WebCrypto rejects
// (and so the 32-byte padding the module applies itself, with the runtime's AES left unpadded).
import { Buffer } from 'node:buffer';
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWechatSignature, WechatCipher, WechatCryptoError, wechatSignature } from './crypto';

const vector = {
  token: 'spamtest',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF' +
    '9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg' +
    '3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUu' +
    'e1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

describe('WeChat golden test vector', () => {
  it('msg_signature is SHA1 of the sorted token, timestamp, nonce and Encrypt', () => {
    expect(wechatSignature(vector.token, vector.timestamp, vector.nonce, vector.encrypt)).toBe(vector.msgSignature);
    expect(
      verifyWechatSignature(vector.msgSignature, vector.token, vector.timestamp, vector.nonce, vector.encrypt),
    ).toBe(true);
    expect(
      verifyWechatSignature(vector.msgSignature, vector.token, vector.timestamp, '1320562133', vector.encrypt),
    ).toBe(false);
  });

  it('decrypts to the published message and checks the appid', () => {
    const cipher = WechatCipher.create(vector.encodingAesKey, vector.appId);
    const xml = cipher.decrypt(vector.encrypt);
    expect(xml).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(xml).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(xml).toContain('<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>');

    const other = WechatCipher.create(vector.encodingAesKey, 'wx0000000000000000');
    expect(() => other.decrypt(vector.encrypt)).toThrow(expect.objectContaining({ code: 'appid_mismatch' }));
  });

  it('re-encrypts the published plaintext with the same random prefix to the published ciphertext', () => {
    const cipher = WechatCipher.create(vector.encodingAesKey, vector.appId);
    const plainXml = cipher.decrypt(vector.encrypt);
    expect(cipher.encrypt(plainXml, randomPrefixOf(vector.encrypt))).toBe(vector.encrypt);
  });
});

/**
 * The 16 random bytes WeChat's sample put in front: the first plaintext block, decrypted here
 * with the runtime's AES directly, independently of the module.
 */
function randomPrefixOf(encrypted: string): Uint8Array {
  const key = Buffer.from(`${vector.encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  return decipher.update(Buffer.from(encrypted, 'base64').subarray(0, 16));
}

describe('safe-mode padding', () => {
  it('round-trips every padding length from 1 to 32', () => {
    const cipher = WechatCipher.create(vector.encodingAesKey, vector.appId);
    const seen = new Set<number>();
    for (let n = 0; n < 32; n++) {
      const xml = `<xml><Content><![CDATA[市民反映${'路'.repeat(n)}]]></Content></xml>`;
      const encrypted = cipher.encrypt(xml);
      const bytes = atob(encrypted).length;
      expect(bytes % 32).toBe(0);
      // Work out the pad value this message needed, to be sure the loop covers all of 1..32.
      const len = 16 + 4 + new TextEncoder().encode(xml).length + vector.appId.length;
      seen.add(32 - (len % 32));
      expect(cipher.decrypt(encrypted)).toBe(xml);
    }
    expect(seen.size).toBe(32);
  });

  it('refuses tampered and malformed ciphertexts', () => {
    const cipher = WechatCipher.create(vector.encodingAesKey, vector.appId);
    expect(() => cipher.decrypt('not base64 at all!')).toThrow(WechatCryptoError);
    expect(() => cipher.decrypt(btoa('short'))).toThrow(expect.objectContaining({ code: 'bad_ciphertext' }));
    const raw = Uint8Array.from(atob(vector.encrypt), (ch) => ch.charCodeAt(0));
    raw[raw.length - 1]! ^= 0xff;
    expect(() => cipher.decrypt(btoa(String.fromCharCode(...raw)))).toThrow(WechatCryptoError);
  });
});
