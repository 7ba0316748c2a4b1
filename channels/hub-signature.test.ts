import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHubRequest, verifyHubSignature } from './hub-signature';

const secret = 'call-centre-secret';
const body = '{"callId":"C-20260504-0001","caller":"13800138000"}';
const now = Date.UTC(2026, 4, 4, 1, 30, 0);

describe('hub signature', () => {
  it('matches an HMAC-SHA256 over "timestamp.body" worked out independently', async () => {
    const signed = await signHubRequest(secret, body, now);
    const ts = String(now / 1000);
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(signed.timestamp).toBe(ts);
    expect(signed.signature).toBe(`sha256=${expected}`);
    expect(signed.headers).toEqual({ 'X-Hub-Timestamp': ts, 'X-Hub-Signature': `sha256=${expected}` });
  });

  it('accepts its own signature within five minutes, either side', async () => {
    const signed = await signHubRequest(secret, body, now);
    expect(await verifyHubSignature(secret, signed.timestamp, body, signed.signature, now + 4 * 60_000)).toEqual({
      ok: true,
    });
    expect(await verifyHubSignature(secret, signed.timestamp, body, signed.signature, now - 4 * 60_000)).toEqual({
      ok: true,
    });
  });

  it('refuses a replay older than five minutes', async () => {
    const signed = await signHubRequest(secret, body, now);
    const check = await verifyHubSignature(secret, signed.timestamp, body, signed.signature, now + 5 * 60_000 + 1000);
    expect(check).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('refuses a changed body, a changed timestamp and a wrong secret', async () => {
    const signed = await signHubRequest(secret, body, now);
    expect(
      await verifyHubSignature(secret, signed.timestamp, body.replace('0001', '0002'), signed.signature, now),
    ).toMatchObject({ reason: 'mismatch' });
    expect(await verifyHubSignature(secret, String(now / 1000 + 1), body, signed.signature, now)).toMatchObject({
      reason: 'mismatch',
    });
    expect(await verifyHubSignature('other', signed.timestamp, body, signed.signature, now)).toMatchObject({
      reason: 'mismatch',
    });
  });

  it('refuses missing and malformed headers', async () => {
    expect(await verifyHubSignature(secret, null, body, 'sha256=00', now)).toMatchObject({ reason: 'missing' });
    expect(await verifyHubSignature(secret, '1777858200', body, undefined, now)).toMatchObject({ reason: 'missing' });
    expect(await verifyHubSignature(secret, 'yesterday', body, `sha256=${'a'.repeat(64)}`, now)).toMatchObject({
      reason: 'malformed',
    });
    expect(await verifyHubSignature(secret, '1777858200', body, 'md5=abc', now)).toMatchObject({ reason: 'malformed' });
  });
});
