// WeChat Official Account message security: URL/message signatures and the "safe mode"
// (安全模式) AES envelope, on the runtime's node:crypto (workerd's nodejs_compat).
//
// Safe mode, as WeChat specifies it:
//   key  = base64decode(EncodingAESKey + "=")   (32 bytes, AES-256)
//   iv   = key[0..16)
//   plaintext = 16 random bytes ‖ uint32 big-endian length of xml ‖ xml ‖ appid
//   padding   = PKCS#7 with a 32-byte block (pad values 1..32), then AES-256-CBC
//   msg_signature = SHA1(sort([token, timestamp, nonce, Encrypt]).join(""))
//
// WebCrypto's AES-CBC always applies its own 16-byte PKCS#7, which a pad value of 17..32 breaks;
// node:crypto's cipher with setAutoPadding(false) leaves the padding to us, so we apply and check
// WeChat's 32-byte padding ourselves and nothing else is needed.
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { digestHex } from '../../tickets/hex';
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

/** SHA1 over the lexicographically sorted parts joined without separator (WeChat's signature). */
export function wechatSignature(...parts: string[]): string {
  return digestHex('sha1', [...parts].sort().join(''));
}

export function verifyWechatSignature(expected: string | undefined, ...parts: string[]): boolean {
  if (!expected || parts.some((p) => p === undefined)) return false;
  return safeEqual(wechatSignature(...parts), expected.toLowerCase());
}

const BLOCK = 32;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** AES-256-CBC over whole blocks, padding left to the caller. */
function cbc(direction: 'encrypt' | 'decrypt', key: Buffer, iv: Buffer, input: Uint8Array): Buffer {
  const cipher =
    direction === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(input), cipher.final()]);
}

export class WechatCipher {
  private constructor(
    private readonly key: Buffer,
    readonly appId: string,
  ) {}

  /** Builds the cipher from the 43-character EncodingAESKey set in the WeChat console. */
  static create(encodingAesKey: string, appId: string): WechatCipher {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
      throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
    }
    return new WechatCipher(Buffer.from(`${encodingAesKey}=`, 'base64'), appId);
  }

  private get iv(): Buffer {
    return this.key.subarray(0, 16);
  }

  /** Decrypts an `Encrypt` value and returns the inner XML, after checking the appid. */
  decrypt(encrypted: string): string {
    const text = encrypted.trim();
    if (!base64Pattern.test(text)) throw new WechatCryptoError('bad_ciphertext', 'Encrypt is not base64');
    const cipherBytes = Buffer.from(text, 'base64');
    if (cipherBytes.length === 0 || cipherBytes.length % BLOCK !== 0) {
      throw new WechatCryptoError('bad_ciphertext', 'ciphertext length is not a multiple of 32');
    }
    const padded = cbc('decrypt', this.key, this.iv, cipherBytes);
    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > BLOCK || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
      throw new WechatCryptoError('bad_padding', 'invalid PKCS#7 padding');
    }
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) throw new WechatCryptoError('bad_length', 'plaintext too short');
    const xmlLength = plain.readUInt32BE(16);
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
  encrypt(xml: string, random16?: Uint8Array): string {
    const body = encoder.encode(xml);
    const appId = encoder.encode(this.appId);
    const length = 16 + 4 + body.length + appId.length;
    const pad = BLOCK - (length % BLOCK);
    const plain = Buffer.alloc(length + pad, pad);
    plain.set(random16 ?? randomBytes(16), 0);
    plain.writeUInt32BE(body.length, 16);
    plain.set(body, 20);
    plain.set(appId, 20 + body.length);
    return cbc('encrypt', this.key, this.iv, plain).toString('base64');
  }
}
