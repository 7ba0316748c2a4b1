// Hex text of bytes and digests, the one place the hub turns bytes into hex: through the
// runtime's own codecs (node:buffer and node:crypto, which workerd's nodejs_compat and Node both
// provide), not a hand-written loop. channels/hub-signature.ts calls the same codecs directly,
// because the Node bridge loads that file by type stripping, which cannot resolve this import.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'sha1' | 'sha256';

/** Lower-case hex of the bytes. */
export function toHex(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = ArrayBuffer.isView(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : Buffer.from(bytes);
  return view.toString('hex');
}

/** The bytes of a hex text, or null unless it is an even number of hex digits (either case). */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  // Buffer's decoder stops silently at the first bad digit; the pattern makes that a refusal.
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** The digest of UTF-8 text or bytes, as lower-case hex. */
export function digestHex(algorithm: DigestAlgorithm, data: string | Uint8Array): string {
  return createHash(algorithm).update(data).digest('hex');
}
