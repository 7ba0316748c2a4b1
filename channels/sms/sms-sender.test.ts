import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type OutboxRow, PermanentDeliveryError } from '../../tickets/outbox';
import { verifyHubSignature } from '../hub-signature';
import { createSmsSender } from './sms-sender';

const delivery: OutboxRow = {
  id: 'ob-1',
  ticketId: 't-1',
  channel: 'sms',
  recipient: '13811112222',
  kind: 'ack',
  subject: null,
  body: '您的诉求已受理。工单号：A2026050400007，查询码：042917。',
  status: 'pending',
  attempts: 0,
  lastError: null,
  createdAt: 0,
  sentAt: null,
  nextAttemptAt: 0,
};

function fakeGateway(status = 200) {
  const calls: { url: string; headers: Headers; body: string }[] = [];
  const fetchImpl = async (url: string, init: RequestInit) => {
    calls.push({ url, headers: new Headers(init.headers), body: String(init.body) });
    return new Response(status === 200 ? '{"ok":true}' : 'gateway down', { status });
  };
  return { calls, fetchImpl };
}

describe('sms sender', () => {
  it('POSTs { to, text } to SMS_WEBHOOK_URL, signed like the webhooks', async () => {
    const gw = fakeGateway();
    const send = createSmsSender(gw.fetchImpl);
    await send({ ...env, SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms', SMS_WEBHOOK_SECRET: 'gateway-secret' }, delivery);
    expect(gw.calls).toHaveLength(1);
    const call = gw.calls[0]!;
    expect(call.url).toBe('http://127.0.0.1:9/sms');
    expect(JSON.parse(call.body)).toEqual({ to: '13811112222', text: delivery.body });
    const check = await verifyHubSignature(
      'gateway-secret',
      call.headers.get('x-hub-timestamp'),
      call.body,
      call.headers.get('x-hub-signature'),
    );
    expect(check).toEqual({ ok: true });
  });

  it('throws when the gateway refuses, so a later delivery run tries again', async () => {
    const gw = fakeGateway(503);
    const send = createSmsSender(gw.fetchImpl);
    await expect(send({ ...env, SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' }, delivery)).rejects.toThrow(
      'SMS gateway answered 503',
    );
  });

  it('gives up at once when the gateway refuses the message itself (4xx)', async () => {
    const gw = fakeGateway(400);
    const send = createSmsSender(gw.fetchImpl);
    const failure = await send({ ...env, SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' }, delivery).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PermanentDeliveryError);
    expect((failure as Error).message).toContain('refused the message (400)');
  });

  it('without a gateway: only logs in development, refuses in production', async () => {
    const gw = fakeGateway();
    const send = createSmsSender(gw.fetchImpl);
    await send({ ...env, SMS_WEBHOOK_URL: undefined, HUB_ENV: 'development' }, delivery);
    expect(gw.calls).toHaveLength(0);
    await expect(send({ ...env, SMS_WEBHOOK_URL: undefined, HUB_ENV: 'production' }, delivery)).rejects.toThrow(
      'SMS_WEBHOOK_URL is not set',
    );
  });
});
