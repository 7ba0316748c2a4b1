// The hub side of the Wechaty bridge inside workerd: signed intake, repeats, refusals that
// store nothing, and the pull outbox with at-least-once delivery and acks.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { request } from '../../tests/helpers';
import { deliverOutbox } from '../../tickets/outbox';
import { signHubRequest } from '../hub-signature';
import { senders } from '../senders';
import { wechatyMaxBodyBytes } from './routes';

const secret = 'bridge-test-secret';
const testEnv: Env = { ...env, WECHATY_BRIDGE_SECRET: secret, PUBLIC_BASE_URL: 'https://hub.example.gov.cn' };

async function signed(method: 'GET' | 'POST', path: string, body = '', opts: { secret?: string; nowMs?: number } = {}) {
  const { headers } = await signHubRequest(opts.secret ?? secret, body, opts.nowMs ?? Date.now());
  return request(
    path,
    { method, headers: { ...headers, 'content-type': 'application/json' }, ...(method === 'POST' ? { body } : {}) },
    testEnv,
  );
}

let seq = 0;
function bridgeMessage(over: Record<string, unknown> = {}) {
  return {
    messageId: `wechaty-msg-${++seq}`,
    talkerId: `wxid_resident${seq}`,
    talkerName: '李女士',
    text: '滨江路人行道的盲道被电动车占满了',
    sentAt: new Date().toISOString(),
    ...over,
  };
}

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'wechaty'").first<{ n: number }>())!.n;

interface IntakeAnswer {
  ticketNo: string;
  queryCode: string;
  status: string;
  duplicate: boolean;
  appended: boolean;
  reply: string;
}

describe('POST /channels/wechaty', () => {
  it('takes a signed message as a ticket and returns the text for the bridge to say', async () => {
    const message = bridgeMessage();
    const res = await signed('POST', '/channels/wechaty', JSON.stringify(message));
    expect(res.status).toBe(201);
    const body = (await res.json()) as IntakeAnswer;
    expect(body.duplicate).toBe(false);
    const ticket = await env.DB.prepare(
      'SELECT t.text, t.channel, t.query_code AS queryCode, c.open_id AS openId, c.name ' +
        'FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.ticket_no = ?1',
    )
      .bind(body.ticketNo)
      .first<{ text: string; channel: string; queryCode: string; openId: string; name: string }>();
    expect(ticket).toMatchObject({
      text: message.text,
      channel: 'wechaty',
      queryCode: body.queryCode,
      openId: `wechaty:${message.talkerId}`,
      name: '李女士',
    });
    expect(body.reply).toContain(`工单号：${body.ticketNo}`);
    expect(body.reply).toContain(
      `https://hub.example.gov.cn/track?no=${encodeURIComponent(body.ticketNo)}&code=${body.queryCode}`,
    );
    // The bridge says the reply itself, so nothing waits in the outbox for this ticket.
    const queued = await env.DB.prepare(
      'SELECT count(*) AS n FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = ?1',
    )
      .bind(body.ticketNo)
      .first<{ n: number }>();
    expect(queued!.n).toBe(0);
  });

  it('answers a repeat with 200, duplicate: true and the same ticket', async () => {
    const body = JSON.stringify(bridgeMessage());
    const first = (await (await signed('POST', '/channels/wechaty', body)).json()) as IntakeAnswer;
    // The bridge signs a retry afresh (here a second later): the same signature again is a replay.
    const again = await signed('POST', '/channels/wechaty', body, { nowMs: Date.now() + 1000 });
    expect(again.status).toBe(200);
    const repeat = (await again.json()) as IntakeAnswer;
    expect(repeat).toMatchObject({ ticketNo: first.ticketNo, queryCode: first.queryCode, duplicate: true });
  });

  it('joins a follow-up from the same person within the window', async () => {
    const first = (await (
      await signed('POST', '/channels/wechaty', JSON.stringify(bridgeMessage({ talkerId: 'wxid_follow' })))
    ).json()) as IntakeAnswer;
    const res = await signed(
      'POST',
      '/channels/wechaty',
      JSON.stringify(bridgeMessage({ talkerId: 'wxid_follow', text: '尤其是早上七点到八点' })),
    );
    expect(res.status).toBe(201);
    const second = (await res.json()) as IntakeAnswer;
    expect(second).toMatchObject({ ticketNo: first.ticketNo, appended: true, duplicate: false });
    expect(second.reply).toContain(`并入工单 ${first.ticketNo}`);
  });

  it('refuses a bad or stale signature with 401 and stores nothing', async () => {
    const before = await inboxCount();
    const body = JSON.stringify(bridgeMessage());
    const wrong = await signed('POST', '/channels/wechaty', body, { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('signature_mismatch');
    const stale = await signed('POST', '/channels/wechaty', body, { nowMs: Date.now() - 6 * 60_000 });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('signature_stale');
    const unsigned = await request('/channels/wechaty', { method: 'POST', body }, testEnv);
    expect(unsigned.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('answers malformed, invalid and oversized bodies with clear 4xx and stores nothing', async () => {
    const before = await inboxCount();
    const malformed = await signed('POST', '/channels/wechaty', '{"messageId": "x", ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    const invalid = await signed('POST', '/channels/wechaty', JSON.stringify(bridgeMessage({ text: '   ' })));
    expect(invalid.status).toBe(422);
    const big = await signed(
      'POST',
      '/channels/wechaty',
      JSON.stringify(bridgeMessage({ text: '长'.repeat(wechatyMaxBodyBytes) })),
    );
    expect(big.status).toBe(413);
    expect(await inboxCount()).toBe(before);
  });
});

describe('the bridge outbox', () => {
  async function ticketFromRoom(talkerId: string, roomId: string) {
    const answer = (await (
      await signed(
        'POST',
        '/channels/wechaty',
        JSON.stringify(bridgeMessage({ talkerId, roomId, roomTopic: '阳光花园业主群' })),
      )
    ).json()) as IntakeAnswer;
    return (await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?1')
      .bind(answer.ticketNo)
      .first<{ id: string }>())!.id;
  }

  async function queue(id: string, ticketId: string | null, recipient: string, body: string) {
    await env.DB.prepare(
      'INSERT INTO outbox (id, ticket_id, channel, recipient, kind, body, status, attempts, created_at) ' +
        "VALUES (?1, ?2, 'wechaty', ?3, 'reply', ?4, 'pending', 0, ?5)",
    )
      .bind(id, ticketId, recipient, body, Date.now())
      .run();
  }

  // Each poll is signed a second later than the last, as the bridge does: a signature is spent by
  // its first use. Counting up from the clock keeps them apart however slowly the test runs.
  let polls = 0;
  const poll = async () => {
    const res = await signed('GET', '/channels/wechaty/outbox', '', { nowMs: Date.now() + 1000 * polls++ });
    expect(res.status).toBe(200);
    return (
      (await res.json()) as {
        deliveries: { id: string; recipient: { talkerId: string; roomId?: string }; text: string }[];
      }
    ).deliveries;
  };
  const ack = (id: string, outcome: Record<string, unknown>, nowMs = Date.now()) =>
    signed('POST', `/channels/wechaty/outbox/${id}/ack`, JSON.stringify({ id, ...outcome }), { nowMs });

  it('hands out pending answers, to the room the resident wrote from, until they are acked', async () => {
    const ticketId = await ticketFromRoom('wxid_room_talker', 'room-4455@chatroom');
    await queue('wy-1', ticketId, 'wechaty:wxid_room_talker', '您反映的盲道占用问题已安排城管队员清理。');
    await queue('wy-2', null, 'wechaty:wxid_private', '请补充具体路段。');

    // The queue consumer leaves the bridge's rows for the bridge.
    expect(await deliverOutbox(testEnv, openDb(env.DB), ['wy-1', 'wy-2'], senders)).toEqual([]);

    let deliveries = await poll();
    expect(deliveries.find((d) => d.id === 'wy-1')).toEqual({
      id: 'wy-1',
      recipient: { talkerId: 'wxid_room_talker', roomId: 'room-4455@chatroom' },
      text: '您反映的盲道占用问题已安排城管队员清理。',
    });
    expect(deliveries.find((d) => d.id === 'wy-2')?.recipient).toEqual({ talkerId: 'wxid_private' });

    expect((await ack('wy-1', { ok: true })).status).toBe(200);
    const failed = await ack('wy-2', { ok: false, error: 'contact not found' });
    expect(((await failed.json()) as { outcome: string }).outcome).toBe('retry');

    deliveries = await poll();
    expect(deliveries.map((d) => d.id)).not.toContain('wy-1');
    expect(deliveries.map((d) => d.id)).toContain('wy-2');
    const rows = await env.DB.prepare(
      "SELECT id, status, attempts, last_error AS lastError FROM outbox WHERE id IN ('wy-1', 'wy-2') ORDER BY id",
    ).all();
    expect(rows.results).toEqual([
      { id: 'wy-1', status: 'sent', attempts: 1, lastError: null },
      { id: 'wy-2', status: 'pending', attempts: 1, lastError: 'contact not found' },
    ]);

    // A repeated ack (the first answer got lost) changes nothing.
    expect(((await (await ack('wy-1', { ok: true }, Date.now() + 1000)).json()) as { outcome: string }).outcome).toBe(
      'done',
    );
  });

  it('refuses unsigned polls, acks for another id, and unknown ids', async () => {
    expect((await request('/channels/wechaty/outbox', {}, testEnv)).status).toBe(401);
    await queue('wy-3', null, 'wechaty:wxid_x', '测试');
    const mismatched = await signed(
      'POST',
      '/channels/wechaty/outbox/wy-3/ack',
      JSON.stringify({ id: 'wy-other', ok: true }),
    );
    expect(mismatched.status).toBe(422);
    expect(
      (await env.DB.prepare("SELECT status FROM outbox WHERE id = 'wy-3'").first<{ status: string }>())!.status,
    ).toBe('pending');
    expect((await ack('wy-missing', { ok: true })).status).toBe(404);
  });
});
