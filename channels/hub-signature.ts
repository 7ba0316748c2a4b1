// Signed partner webhooks (call centre, Wechaty bridge, SMS gateway): HMAC-SHA256 with the
// channel's secret over `timestamp + "." + rawBody`, sent as `X-Hub-Timestamp` (Unix seconds)
// and `X-Hub-Signature: sha256=<hex>`. One module so every channel signs and checks alike.

export const hubTimestampHeader = 'X-Hub-Timestamp';
export const hubSignatureHeader = 'X-Hub-Signature';

/** How far a timestamp may be from our clock: older requests are treated as replays. */
export const hubSignatureMaxSkewMs = 5 * 60 * 1000;

export type HubSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch'; message: string };

const encoder = new TextEncoder();

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Headers for a request to a hub-signed endpoint (or from the hub to a partner). */
export async function signHubRequest(
  secret: string,
  rawBody: string,
  nowMs: number = Date.now(),
): Promise<{ timestamp: string; signature: string; headers: Record<string, string> }> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret, 'sign'),
    encoder.encode(`${timestamp}.${rawBody}`),
  );
  const signature = `sha256=${toHex(mac)}`;
  return { timestamp, signature, headers: { [hubTimestampHeader]: timestamp, [hubSignatureHeader]: signature } };
}

/**
 * Checks a signed request. `crypto.subtle.verify` compares in constant time, so a forger
 * learns nothing from how long a wrong signature takes to be refused.
 */
export async function verifyHubSignature(
  secret: string,
  timestamp: string | null | undefined,
  rawBody: string,
  signatureHeader: string | null | undefined,
  nowMs: number = Date.now(),
): Promise<HubSignatureCheck> {
  if (!timestamp || !signatureHeader) {
    return {
      ok: false,
      reason: 'missing',
      message: `${hubTimestampHeader} and ${hubSignatureHeader} headers are required`,
    };
  }
  if (!/^\d{1,12}$/.test(timestamp.trim())) {
    return { ok: false, reason: 'malformed', message: `${hubTimestampHeader} must be Unix seconds` };
  }
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signatureHeader.trim());
  const mac = match ? fromHex(match[1]!) : null;
  if (!mac) return { ok: false, reason: 'malformed', message: `${hubSignatureHeader} must be sha256=<64 hex digits>` };
  const ts = Number(timestamp.trim());
  if (Math.abs(nowMs - ts * 1000) > hubSignatureMaxSkewMs) {
    return {
      ok: false,
      reason: 'stale',
      message: 'timestamp is more than 5 minutes away from the hub clock (replay refused)',
    };
  }
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    mac,
    encoder.encode(`${timestamp.trim()}.${rawBody}`),
  );
  return valid ? { ok: true } : { ok: false, reason: 'mismatch', message: 'signature does not match' };
}
