// 公开意愿 through the Wechaty bridge: the reply the bridge says at once asks the question; a bare
// 同意公开 a moment later is thanked, stays out of the open ticket's text, and its follow-up
// records the consent and closes the answer's own ticket.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { count, fakeQueue, request, routeEverythingByHand } from '../../tests/helpers';
import { followUpTicket } from '../../tickets/follow-up';
import { signHubRequest } from '../hub-signature';

beforeAll(routeEverythingByHand);

const secret = 'bridge-test-secret';
const testEnv: Env = {
  ...env,
  WECHATY_BRIDGE_SECRET: secret,
  PUBLIC_BASE_URL: 'https://hub.example.gov.cn',
  JOBS: fakeQueue().queue,
};
const lifecycle = { db: openDb(env.DB), env: testEnv };

let seq = 0;
async function say(talkerId: string, text: string) {
  const messageId = `wechaty-consent-${++seq}`;
  const body = JSON.stringify({ messageId, talkerId, text, sentAt: new Date().toISOString() });
  const { headers } = await signHubRequest(secret, body, Date.now());
  const res = await request(
    '/channels/wechaty',
    { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
    testEnv,
  );
  expect(res.status).toBe(201);
  const answer = (await res.json()) as { ticketNo: string; reply: string; appended: boolean };
  const row = await env.DB.prepare(
    'SELECT id, text, status, consent_to_publish AS consent FROM tickets WHERE ticket_no = ?',
  )
    .bind(answer.ticketNo)
    .first<{ id: string; text: string; status: string; consent: number }>();
  return { ...answer, ...row!, body };
}

const matter = '滨江路人行道的盲道被电动车占满了，盲人朋友无法通行。';

describe('公开意愿 by an answer through the Wechaty bridge', () => {
  it('asks in the reply, records 同意公开 from inside the conversation window, and withdraws on 不公开', async () => {
    const talker = 'wxid_consent_resident';
    const first = await say(talker, matter);
    expect(first.reply).toContain(`工单号：${first.ticketNo}`);
    expect(first.reply).toContain('请回复“同意公开”；回复“不公开”可随时撤回。');

    const yes = await say(talker, '同意公开');
    expect(yes.appended).toBe(false);
    expect(yes.ticketNo).not.toBe(first.ticketNo);
    expect(yes.reply).toContain(`感谢您的支持！工单 ${first.ticketNo} 的诉求和答复将在隐去个人信息后`);
    const raw = await env.DB.prepare('SELECT raw FROM inbox WHERE ticket_id = ?').bind(yes.id).first<{ raw: string }>();
    expect(raw!.raw).toBe(yes.body);

    expect((await followUpTicket(lifecycle, yes.id)).consentTicketNo).toBe(first.ticketNo);
    const after = await env.DB.prepare('SELECT text, consent_to_publish AS consent FROM tickets WHERE id = ?')
      .bind(first.id)
      .first<{ text: string; consent: number }>();
    expect(after).toEqual({ text: matter, consent: 1 });
    const event = await env.DB.prepare("SELECT data FROM ticket_events WHERE ticket_id = ? AND action = 'consent'")
      .bind(first.id)
      .first<{ data: string }>();
    expect(JSON.parse(event!.data)).toEqual({ consent: true, source: 'wechaty' });
    const closed = await env.DB.prepare('SELECT status FROM tickets WHERE id = ?')
      .bind(yes.id)
      .first<{ status: string }>();
    expect(closed!.status).toBe('closed');
    expect(await count('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?', yes.id)).toBe(0);

    const no = await say(talker, '不公开');
    expect(no.reply).toBe(`已记录：工单 ${first.ticketNo} 不公开。`);
    await followUpTicket(lifecycle, no.id);
    expect(await count('SELECT consent_to_publish AS n FROM tickets WHERE id = ?', first.id)).toBe(0);
  });

  it('takes an answer with nothing awaiting it as an ordinary message', async () => {
    const first = await say('wxid_consent_nobody', '同意');
    expect(first.reply).toContain(`工单号：${first.ticketNo}`);
    expect((await followUpTicket(lifecycle, first.id)).consentTicketNo).toBeUndefined();
    expect(first.status).toBe('received');
  });
});
