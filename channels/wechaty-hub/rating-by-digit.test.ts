// 回访 by a digit through the Wechaty bridge: the answer the bridge delivers invites 1/2/3, and a
// bare 2 from the resident is thanked and, after its follow-up, rates the answer 基本满意.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { fakeQueue, request, routeEverythingByHand } from '../../tests/helpers';
import { followUpTicket } from '../../tickets/follow-up';
import type { Actor } from '../../tickets/lifecycle/actor';
import { applyAction } from '../../tickets/lifecycle/apply-action';
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
  const body = JSON.stringify({ messageId: `wechaty-rate-${++seq}`, talkerId, text, sentAt: new Date().toISOString() });
  const { headers } = await signHubRequest(secret, body, Date.now());
  const res = await request(
    '/channels/wechaty',
    { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
    testEnv,
  );
  expect(res.status).toBe(201);
  const answer = (await res.json()) as { ticketNo: string; reply: string };
  const row = await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?')
    .bind(answer.ticketNo)
    .first<{ id: string }>();
  return { ...answer, id: row!.id };
}

describe('回访 by a digit through the Wechaty bridge', () => {
  it('invites the digits with the answer, thanks a 2 and rates the answer 基本满意, resolved', async () => {
    const talker = 'wxid_rating_resident';
    const ticket = await say(talker, '滨江路人行道的盲道被电动车占满了，盲人朋友无法通行。');
    const steps: Array<[Parameters<typeof applyAction>[2], Actor, unknown]> = [
      ['dispatch', { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' }, { departmentCode: 'cgj' }],
      ['sign', { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' }, {}],
      [
        'reply',
        { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' },
        { text: '已组织清理盲道上的电动车，并设置隔离桩。' },
      ],
      ['approve', { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' }, {}],
    ];
    for (const [action, actor, input] of steps) await applyAction(lifecycle, ticket.ticketNo, action, actor, input);
    const notice = await env.DB.prepare("SELECT channel, body FROM outbox WHERE ticket_id = ? AND kind = 'reply'")
      .bind(ticket.id)
      .first<{ channel: string; body: string }>();
    expect(notice!.channel).toBe('wechaty');
    expect(notice!.body).toContain('回复 1 满意，2 基本满意，3 不满意');

    const digit = await say(talker, '2');
    expect(digit.reply).toBe('感谢您的评价！');
    expect((await followUpTicket(lifecycle, digit.id)).ratedTicketNo).toBe(ticket.ticketNo);
    const ratings = await env.DB.prepare(
      'SELECT round, satisfaction, resolved, source FROM ratings WHERE ticket_id = ?',
    )
      .bind(ticket.id)
      .all();
    expect(ratings.results).toEqual([
      { round: 0, satisfaction: 'basically_satisfied', resolved: 1, source: 'resident' },
    ]);
  });
});
