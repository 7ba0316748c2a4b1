// Signed partner webhooks (call centre, Wechaty bridge, SMS gateway): HMAC-SHA256 with the
// channel's secret over `timestamp + "." + rawBody`, sent as `X-Hub-Timestamp` (Unix seconds)
// and `X-Hub-Signature: sha256=<hex>`. One module so every channel signs and checks alike.
// The Node bridge loads this file by type stripping, which resolves no extensionless import, so
// it uses the runtime's codecs (node:crypto, node:buffer) directly rather than tickets/hex.ts.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';

export const hubTimestampHeader = 'X-Hub-Timestamp';
export const hubSignatureHeader = 'X-Hub-Signature';

/** How far a timestamp may be from our clock: older requests are treated as replays. */
export const hubSignatureMaxSkewMs = 5 * 60 * 1000;

export type HubSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch'; message: string };

const encoder = new TextEncoder();

async function verifyKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

/** Headers for a request to a hub-signed endpoint (or from the hub to a partner). */
export async function signHubRequest(
  secret: string,
  rawBody: string,
  nowMs: number = Date.now(),
): Promise<{ timestamp: string; signature: string; headers: Record<string, string> }> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
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
  if (!match)
    return { ok: false, reason: 'malformed', message: `${hubSignatureHeader} must be sha256=<64 hex digits>` };
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
    await verifyKey(secret),
    new Uint8Array(Buffer.from(match[1]!, 'hex')),
    encoder.encode(`${timestamp.trim()}.${rawBody}`),
  );
  return valid ? { ok: true } : { ok: false, reason: 'mismatch', message: 'signature does not match' };
}
