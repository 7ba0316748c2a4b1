import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { signHubRequest } from '../hub-signature';
import { phoneCall } from './test-calls';

const secret = 'dev-phone-webhook-secret';
const url = 'http://hub.test/channels/phone/calls';

async function post(body: string, headers?: Record<string, string>) {
  const signed = headers ?? (await signHubRequest(secret, body)).headers;
  return request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
}

const inboxCount = async (externalId: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'phone' AND external_id = ?`)
    .bind(externalId)
    .first<{ n: number }>())!.n;

describe('POST /channels/phone/calls', () => {
  it('makes a ticket from the caller’s words and keeps the whole transcript raw', async () => {
    const body = JSON.stringify(phoneCall('C-happy-1'));
    const res = await post(body);
    expect(res.status).toBe(201);
    const answer = await res.json<{ ticketNo: string; queryCode: string; status: string; duplicate: boolean }>();
    expect(answer.duplicate).toBe(false);
    expect(answer.ticketNo).toMatch(/^A\d+/);
    const ticket = await env.DB.prepare('SELECT title, text, channel, type FROM tickets WHERE ticket_no = ?')
      .bind(answer.ticketNo)
      .first();
    expect(ticket).toEqual({
      title: '长河街道江南春堤小区东门路灯损坏',
      text: '喂你好，我要反映一下我们小区门口的路灯。已经坏了一个多星期了。就在滨江区长河街道江南春堤小区东门！',
      channel: 'phone',
      type: '求助',
    });
    const inbox = await env.DB.prepare(
      `SELECT raw FROM inbox WHERE channel = 'phone' AND external_id = 'C-happy-1'`,
    ).first<{ raw: string }>();
    expect(inbox!.raw).toBe(body);
  });

  it('answers a repeat of the same call with the first ticket and 200', async () => {
    const body = JSON.stringify(phoneCall('C-repeat-1'));
    const first = await (await post(body)).json<{ ticketNo: string }>();
    // A retry is signed afresh (here a second later): the same signature again is a replay.
    const again = await post(body, (await signHubRequest(secret, body, Date.now() + 1000)).headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ticketNo: first.ticketNo, duplicate: true });
    expect(await inboxCount('C-repeat-1')).toBe(1);
    const n = await env.DB.prepare(`SELECT count(*) AS n FROM tickets WHERE ticket_no = ?`)
      .bind(first.ticketNo)
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it('refuses a bad signature, a wrong secret and a stale timestamp, storing nothing', async () => {
    const body = JSON.stringify(phoneCall('C-badsig-1'));
    const good = await signHubRequest(secret, body);
    const tampered = await post(body.replace('路灯', '井盖'), good.headers);
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ error: { code: 'signature_mismatch' } });
    const wrong = await post(body, (await signHubRequest('not-the-secret', body)).headers);
    expect(wrong.status).toBe(401);
    const stale = await post(body, (await signHubRequest(secret, body, Date.now() - 6 * 60_000)).headers);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: 'signature_stale' } });
    const unsigned = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await inboxCount('C-badsig-1')).toBe(0);
  });

  it('names the bad field of a malformed call (422) and stores nothing', async () => {
    const body = JSON.stringify(phoneCall('C-bad-1', { caller: '没有号码', transcript: 'hello' }));
    const res = await post(body);
    expect(res.status).toBe(422);
    const answer = await res.json<{ error: { code: string; details: { path: string; message: string }[] } }>();
    expect(answer.error.code).toBe('validation_failed');
    expect(answer.error.details.map((d) => d.path).sort()).toEqual(['caller', 'transcript']);
    expect(await inboxCount('C-bad-1')).toBe(0);
  });

  it('refuses signed non-JSON (400) and an oversized body (413), storing nothing', async () => {
    const notJson = await post('{"callId": "C-broken-1", ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'malformed_json' } });
    const huge = JSON.stringify(
      phoneCall('C-huge-1', {
        transcript: Array.from({ length: 400 }, (_, i) => ({
          speaker: 'caller',
          text: '很长的话'.repeat(500),
          startMs: i,
        })),
      }),
    );
    expect(huge.length).toBeGreaterThan(512 * 1024);
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(await inboxCount('C-huge-1')).toBe(0);
    expect(await inboxCount('C-broken-1')).toBe(0);
  });

  it('closes a consultation answered on the call (直接办结) and still counts it', async () => {
    const body = JSON.stringify(
      phoneCall('C-direct-1', {
        type: '咨询',
        summary: '咨询社保卡补办',
        transcript: [{ speaker: 'caller', text: '我的社保卡丢了，请问去哪里补办', startMs: 0 }],
        directAnswer: '可到市民中心一楼社保窗口补办，携带身份证即可。',
      }),
    );
    const res = await post(body);
    expect(res.status).toBe(201);
    const answer = await res.json<{ ticketNo: string; status: string }>();
    const ticket = await env.DB.prepare('SELECT status, direct_answer AS directAnswer FROM tickets WHERE ticket_no = ?')
      .bind(answer.ticketNo)
      .first();
    expect(ticket).toEqual({ status: 'closed', directAnswer: '可到市民中心一楼社保窗口补办，携带身份证即可。' });
    expect(answer.status).toBe('closed');
  });

  it('queues the acknowledgement by SMS to the calling number', async () => {
    const res = await post(JSON.stringify(phoneCall('C-ack-1', { caller: '13811112222' })));
    const { ticketNo, queryCode } = await res.json<{ ticketNo: string; queryCode: string }>();
    const row = await env.DB.prepare(
      `SELECT o.channel, o.recipient, o.kind, o.body
       FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = ?`,
    )
      .bind(ticketNo)
      .first<{ channel: string; recipient: string; kind: string; body: string }>();
    expect(row).toMatchObject({ channel: 'sms', recipient: '13811112222', kind: 'ack' });
    expect(row!.body).toContain(ticketNo);
    expect(row!.body).toContain(queryCode);
  });
});

describe('production without secrets', () => {
  it('refuses phone calls and Open311 posts with 503 in each protocol, storing nothing', async () => {
    const prod = { ...env, HUB_ENV: 'production', PHONE_WEBHOOK_SECRET: undefined, OPEN311_API_KEYS: undefined };
    const body = JSON.stringify(phoneCall('C-prod-1'));
    const signed = await signHubRequest('dev-phone-webhook-secret', body);
    const phone = await request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body },
      prod,
    );
    expect(phone.status).toBe(503);
    expect(await phone.json()).toMatchObject({ error: { code: 'channel_not_configured' } });
    const open311 = await request(
      'http://hub.test/open311/v2/requests.json',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'api_key=dev-open311-key&service_code=transport&address_string=x',
      },
      prod,
    );
    expect(open311.status).toBe(503);
    expect(await open311.json()).toEqual([
      { code: 503, description: 'Open311 intake is not configured (OPEN311_API_KEYS)' },
    ]);
    expect(await inboxCount('C-prod-1')).toBe(0);
  });
});
