// WeChat's own published safe-mode test vector (from its sample code WXBizMsgCrypt), plus
// round trips across every padding length, including the 17..32 pad values WebCrypto rejects.
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
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

describe('WeChat golden test vector', () => {
  it('msg_signature is SHA1 of the sorted token, timestamp, nonce and Encrypt', async () => {
    expect(await wechatSignature(vector.token, vector.timestamp, vector.nonce, vector.encrypt)).toBe(
      vector.msgSignature,
    );
    expect(
      await verifyWechatSignature(vector.msgSignature, vector.token, vector.timestamp, vector.nonce, vector.encrypt),
    ).toBe(true);
    expect(
      await verifyWechatSignature(vector.msgSignature, vector.token, vector.timestamp, '1320562133', vector.encrypt),
    ).toBe(false);
  });

  it('decrypts to the published message and checks the appid', async () => {
    const cipher = await WechatCipher.create(vector.encodingAesKey, vector.appId);
    const xml = await cipher.decrypt(vector.encrypt);
    expect(xml).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(xml).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(xml).toContain('<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>');

    const other = await WechatCipher.create(vector.encodingAesKey, 'wx0000000000000000');
    await expect(other.decrypt(vector.encrypt)).rejects.toMatchObject({ code: 'appid_mismatch' });
  });

  it('re-encrypts the published plaintext with the same random prefix to the published ciphertext', async () => {
    const cipher = await WechatCipher.create(vector.encodingAesKey, vector.appId);
    const plainXml = await cipher.decrypt(vector.encrypt);
    expect(await cipher.encrypt(plainXml, await randomPrefixOf(vector.encrypt))).toBe(vector.encrypt);
  });
});

/**
 * The 16 random bytes WeChat's sample put in front: the first plaintext block, decrypted here
 * independently of the module (block 0 plus a forged block that decrypts to valid padding).
 */
async function randomPrefixOf(encrypted: string): Promise<Uint8Array> {
  const keyBytes = Uint8Array.from(atob(vector.encodingAesKey + '='), (ch) => ch.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-CBC', false, ['encrypt', 'decrypt']);
  const c0 = Uint8Array.from(atob(encrypted), (ch) => ch.charCodeAt(0)).subarray(0, 16);
  const wanted = c0.map((b) => b ^ 0x10);
  const forged = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, wanted),
  ).subarray(0, 16);
  const twoBlocks = new Uint8Array(32);
  twoBlocks.set(c0);
  twoBlocks.set(forged, 16);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: keyBytes.slice(0, 16) }, key, twoBlocks));
}

describe('safe-mode padding', () => {
  it('round-trips every padding length from 1 to 32', async () => {
    const cipher = await WechatCipher.create(vector.encodingAesKey, vector.appId);
    const seen = new Set<number>();
    for (let n = 0; n < 32; n++) {
      const xml = `<xml><Content><![CDATA[市民反映${'路'.repeat(n)}]]></Content></xml>`;
      const encrypted = await cipher.encrypt(xml);
      const bytes = atob(encrypted).length;
      expect(bytes % 32).toBe(0);
      // Work out the pad value this message needed, to be sure the loop covers all of 1..32.
      const len = 16 + 4 + new TextEncoder().encode(xml).length + vector.appId.length;
      seen.add(32 - (len % 32));
      expect(await cipher.decrypt(encrypted)).toBe(xml);
    }
    expect(seen.size).toBe(32);
  });

  it('refuses tampered and malformed ciphertexts', async () => {
    const cipher = await WechatCipher.create(vector.encodingAesKey, vector.appId);
    await expect(cipher.decrypt('not base64 at all!')).rejects.toBeInstanceOf(WechatCryptoError);
    await expect(cipher.decrypt(btoa('short'))).rejects.toMatchObject({ code: 'bad_ciphertext' });
    const raw = Uint8Array.from(atob(vector.encrypt), (ch) => ch.charCodeAt(0));
    raw[raw.length - 1]! ^= 0xff;
    await expect(cipher.decrypt(btoa(String.fromCharCode(...raw)))).rejects.toBeInstanceOf(WechatCryptoError);
  });
});
