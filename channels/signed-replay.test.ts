// Hub-signed webhooks (phone, Wechaty bridge) spend a signature on its first use: a captured
// request sent again inside its 5-minute window is refused, a partner's retry signed afresh gets
// the duplicate answer, and an exact retry of an attempt the hub did not take is processed.
// Partner-given times (startedAt, sentAt) are bounded like the integrations' receivedAt.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../tests/helpers';
import { signHubRequest } from './hub-signature';
import { phoneCall } from './phone/test-calls';

const phoneSecret = 'dev-phone-webhook-secret';
const bridgeSecret = 'dev-wechaty-bridge-secret';
const DAY = 24 * 60 * 60 * 1000;

type Answer = { ticketNo?: string; duplicate?: boolean; error?: { code: string; details?: { path: string }[] } };

async function sendCall(body: string, headers: Record<string, string>, bindings: Partial<Env> = {}) {
  return request(
    '/channels/phone/calls',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
    bindings,
  );
}

const inboxRows = async (externalId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'phone' AND external_id = ?1")
    .bind(externalId)
    .first<{ n: number }>())!.n;

/** The test D1, except that its `nth` batch fails as a D1 outage would. */
function failingBatch(nth: number): D1Database {
  let batches = 0;
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          batches++;
          if (batches === nth) return Promise.reject(new Error('D1_ERROR: injected outage'));
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('a phone call sent again (happy path)', () => {
  it('answers a retry signed afresh with the first ticket and duplicate: true', async () => {
    const body = JSON.stringify(phoneCall('C-replay-retry-1'));
    const first = await sendCall(body, (await signHubRequest(phoneSecret, body)).headers);
    expect(first.status).toBe(201);
    const retry = await sendCall(body, (await signHubRequest(phoneSecret, body, Date.now() + 1000)).headers);
    expect(retry.status).toBe(200);
    const [a, b] = [await first.json<Answer>(), await retry.json<Answer>()];
    expect(b).toMatchObject({ ticketNo: a.ticketNo, duplicate: true });
  });

  it('processes an exact retry of an attempt that failed in intake', async () => {
    const body = JSON.stringify(phoneCall('C-replay-outage-1'));
    const { headers } = await signHubRequest(phoneSecret, body);
    // The signature's claim is the first batch; intake's own write is the second, and fails.
    const failed = await sendCall(body, headers, { DB: failingBatch(2) });
    // The raw call is kept on its own; the partner is told to send again (503, Retry-After).
    expect(failed.status).toBe(503);
    expect((await failed.json<{ error: { code: string } }>()).error.code).toBe('intake_deferred');
    const retry = await sendCall(body, headers);
    expect(retry.status).toBe(201);
    expect(await inboxRows('C-replay-outage-1')).toBe(1);
  });
});

describe('partner-given times (errors)', () => {
  it.each([
    ['ten minutes ahead', Date.now() + 10 * 60_000],
    ['eight days old', Date.now() - 8 * DAY],
    ['from 2019', Date.UTC(2019, 0, 1)],
  ])('refuses a call that started %s with 422 on startedAt', async (_, at) => {
    const body = JSON.stringify(phoneCall(`C-replay-time-${at}`, { startedAt: new Date(at).toISOString() }));
    const res = await sendCall(body, (await signHubRequest(phoneSecret, body)).headers);
    expect(res.status).toBe(422);
    expect((await res.json<Answer>()).error?.details?.map((d) => d.path)).toEqual(['startedAt']);
    expect(await inboxRows(`C-replay-time-${at}`)).toBe(0);
  });

  it('takes a call that started six days ago', async () => {
    const body = JSON.stringify(
      phoneCall('C-replay-time-ok', { startedAt: new Date(Date.now() - 6 * DAY).toISOString() }),
    );
    expect((await sendCall(body, (await signHubRequest(phoneSecret, body)).headers)).status).toBe(201);
  });

  it.each([
    ['far beyond any date', 1e20],
    ['from 2019', '2019-01-01T08:00:00+08:00'],
  ])('refuses a bridge message sent %s with 422 on sentAt', async (_, sentAt) => {
    const body = JSON.stringify({ messageId: `wy-replay-${sentAt}`, talkerId: 'wxid_time', text: '测试', sentAt });
    const res = await request('/channels/wechaty', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signHubRequest(bridgeSecret, body)).headers },
      body,
    });
    expect(res.status).toBe(422);
    // Every refusal is of sentAt (a union's two branches may each name it), and there is one.
    const paths = (await res.json<Answer>()).error?.details?.map((d) => d.path) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(['sentAt']));
  });
});

describe('a captured signed request replayed (security)', () => {
  it('refuses the exact phone request again with 401 signature_replayed, without the query code', async () => {
    const body = JSON.stringify(phoneCall('C-replay-exact-1'));
    const { headers } = await signHubRequest(phoneSecret, body);
    expect((await sendCall(body, headers)).status).toBe(201);
    const replay = await sendCall(body, headers);
    expect(replay.status).toBe(401);
    const answer = await replay.json<Answer & { queryCode?: string }>();
    expect(answer.error?.code).toBe('signature_replayed');
    expect(answer.queryCode).toBeUndefined();
    expect(await inboxRows('C-replay-exact-1')).toBe(1);
  });

  it('refuses a replayed outbox poll and a replayed ack from the Wechaty bridge', async () => {
    const poll = await signHubRequest(bridgeSecret, '');
    expect((await request('/channels/wechaty/outbox', { headers: poll.headers })).status).toBe(200);
    const replayed = await request('/channels/wechaty/outbox', { headers: poll.headers });
    expect(replayed.status).toBe(401);
    expect((await replayed.json<Answer>()).error?.code).toBe('signature_replayed');

    await env.DB.prepare(
      'INSERT INTO outbox (id, ticket_id, channel, recipient, kind, body, status, attempts, created_at) ' +
        "VALUES ('wy-replay-1', NULL, 'wechaty', 'wechaty:wxid_r', 'reply', '测试', 'pending', 0, ?1)",
    )
      .bind(Date.now())
      .run();
    const ack = JSON.stringify({ id: 'wy-replay-1', ok: false, error: 'contact not found' });
    const signed = await signHubRequest(bridgeSecret, ack);
    const init = { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body: ack };
    expect((await request('/channels/wechaty/outbox/wy-replay-1/ack', init)).status).toBe(200);
    expect((await request('/channels/wechaty/outbox/wy-replay-1/ack', init)).status).toBe(401);
    const row = await env.DB.prepare("SELECT attempts FROM outbox WHERE id = 'wy-replay-1'").first<{
      attempts: number;
    }>();
    expect(row!.attempts).toBe(1);
  });
});
