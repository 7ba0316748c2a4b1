// WeChat Official Account message security: URL/message signatures and the "safe mode"
// (安全模式) AES envelope, implemented on WebCrypto so it runs inside the Worker.
//
// Safe mode, as WeChat specifies it:
//   key  = base64decode(EncodingAESKey + "=")   (32 bytes, AES-256)
//   iv   = key[0..16)
//   plaintext = 16 random bytes ‖ uint32 big-endian length of xml ‖ xml ‖ appid
//   padding   = PKCS#7 with a 32-byte block (pad values 1..32), then AES-256-CBC
//   msg_signature = SHA1(sort([token, timestamp, nonce, Encrypt]).join(""))
//
// WebCrypto's AES-CBC always applies/strips PKCS#7 with a 16-byte block, so a pad value of
// 17..32 makes its decrypt fail, and its encrypt always appends bytes of its own. We work
// around both without a hand-written AES:
// - encrypt: we pad to 32 bytes ourselves, so the input is a multiple of 16 and WebCrypto
//   appends exactly one extra block of sixteen 0x10 bytes; CBC never lets a later block change
//   earlier ones, so dropping the last 16 ciphertext bytes leaves exactly WeChat's ciphertext.
// - decrypt: we append one forged ciphertext block X chosen so it decrypts to sixteen 0x10
//   bytes. In CBC, P = AES_dec(X) XOR C_last, so X = AES_enc(0x10…10 XOR C_last), which is the
//   first block of a WebCrypto CBC encryption of that value with a zero IV. WebCrypto then
//   finds a valid 16-byte padding block, strips it, and hands back WeChat's padded plaintext
//   untouched; we remove the 32-byte padding and check it ourselves.
import { safeEqual } from '../../tickets/settings';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export class WechatCryptoError extends Error {
  constructor(
    readonly code: 'bad_key' | 'bad_ciphertext' | 'bad_padding' | 'bad_length' | 'appid_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA1 over the lexicographically sorted parts joined without separator (WeChat's signature). */
export async function wechatSignature(...parts: string[]): Promise<string> {
  const joined = [...parts].sort().join('');
  return toHex(await crypto.subtle.digest('SHA-1', encoder.encode(joined)));
}

export async function verifyWechatSignature(expected: string | undefined, ...parts: string[]): Promise<boolean> {
  if (!expected || parts.some((p) => p === undefined)) return false;
  return safeEqual(await wechatSignature(...parts), expected.toLowerCase());
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

const BLOCK = 32;

export class WechatCipher {
  private constructor(
    private readonly key: CryptoKey,
    private readonly iv: Uint8Array,
    readonly appId: string,
  ) {}

  /** Builds the cipher from the 43-character EncodingAESKey set in the WeChat console. */
  static async create(encodingAesKey: string, appId: string): Promise<WechatCipher> {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
      throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
    }
    const raw = base64ToBytes(encodingAesKey + '=');
    const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    return new WechatCipher(key, raw.slice(0, 16), appId);
  }

  /** Decrypts an `Encrypt` value and returns the inner XML, after checking the appid. */
  async decrypt(encrypted: string): Promise<string> {
    let cipherBytes: Uint8Array;
    try {
      cipherBytes = base64ToBytes(encrypted.trim());
    } catch {
      throw new WechatCryptoError('bad_ciphertext', 'Encrypt is not base64');
    }
    if (cipherBytes.length === 0 || cipherBytes.length % BLOCK !== 0) {
      throw new WechatCryptoError('bad_ciphertext', 'ciphertext length is not a multiple of 32');
    }
    const lastBlock = cipherBytes.subarray(cipherBytes.length - 16);
    const wanted = new Uint8Array(16);
    for (let i = 0; i < 16; i++) wanted[i] = 0x10 ^ lastBlock[i]!;
    const forged = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, this.key, wanted),
    ).subarray(0, 16);
    const extended = new Uint8Array(cipherBytes.length + 16);
    extended.set(cipherBytes);
    extended.set(forged, cipherBytes.length);
    const padded = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: this.iv }, this.key, extended));

    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > BLOCK || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
      throw new WechatCryptoError('bad_padding', 'invalid PKCS#7 padding');
    }
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) throw new WechatCryptoError('bad_length', 'plaintext too short');
    const xmlLength = new DataView(plain.buffer, plain.byteOffset + 16, 4).getUint32(0, false);
    if (20 + xmlLength > plain.length) throw new WechatCryptoError('bad_length', 'declared length exceeds plaintext');
    let xml: string;
    let appId: string;
    try {
      xml = decoder.decode(plain.subarray(20, 20 + xmlLength));
      appId = decoder.decode(plain.subarray(20 + xmlLength));
    } catch {
      throw new WechatCryptoError('bad_ciphertext', 'plaintext is not UTF-8');
    }
    if (!safeEqual(appId, this.appId)) {
      throw new WechatCryptoError('appid_mismatch', 'message is for another appid');
    }
    return xml;
  }

  /** Encrypts XML into an `Encrypt` value; `random16` is for tests, otherwise random. */
  async encrypt(xml: string, random16?: Uint8Array): Promise<string> {
    const body = encoder.encode(xml);
    const appId = encoder.encode(this.appId);
    const length = 16 + 4 + body.length + appId.length;
    const pad = BLOCK - (length % BLOCK);
    const plain = new Uint8Array(length + pad);
    plain.set(random16 ?? crypto.getRandomValues(new Uint8Array(16)), 0);
    new DataView(plain.buffer).setUint32(16, body.length, false);
    plain.set(body, 20);
    plain.set(appId, 20 + body.length);
    plain.fill(pad, length);
    const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: this.iv }, this.key, plain));
    return bytesToBase64(out.subarray(0, plain.length));
  }
}
