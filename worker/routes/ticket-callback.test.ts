// The call centre's callback route (回访) and the dissatisfied queue: only the 12345 centre records
// a callback, once per answer round, as `source: 'callback'` under the agent's name; an
// unresolved or 不满意 answer lists the ticket in `queue=dissatisfied`, for the centre and for
// the department whose ticket it is, and for no other.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, BASE, count, createTicket, getTicket, login, request, routeEverythingByHand } from '../../tests/helpers';

beforeAll(routeEverythingByHand);

const callback = async (ticketNo: string, body: unknown, username: string | null = 'dispatcher') =>
  request(`${BASE}/api/v1/tickets/${ticketNo}/callback`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(username ? { authorization: `Bearer ${await login(username)}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const dissatisfiedQueue = async (username: string) => {
  const res = await request(`${BASE}/api/v1/tickets?queue=dissatisfied&limit=100`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.map((i) => i.ticketNo);
};

async function reviewedTicket() {
  const t = await createTicket();
  for (const [action, user, body] of [
    ['dispatch', 'dispatcher', { departmentCode: 'cgj' }],
    ['sign', 'cgj.handler', {}],
    ['reply', 'cgj.handler', { text: '经核查，路灯已于本周更换灯泡并恢复照明。' }],
    ['approve', 'cgj.reviewer', {}],
  ] as const) {
    expect((await act(t.ticketNo, action, user, body)).status).toBe(200);
  }
  return t;
}

const ratingsOf = (ticketNo: string) =>
  count('SELECT count(*) AS n FROM ratings WHERE ticket_id = (SELECT id FROM tickets WHERE ticket_no = ?)', ticketNo);

const UNRESOLVED = { resolved: false, satisfaction: 'satisfied', comment: '态度很好，但问题没有解决' };

describe('who may record a callback', () => {
  it('refuses department staff, leaders and no session, and changes nothing', async () => {
    const t = await reviewedTicket();
    for (const [user, status] of [
      ['cgj.handler', 403],
      ['cgj.reviewer', 403],
      ['leader', 403],
      [null, 401],
    ] as const) {
      const res = await callback(t.ticketNo, UNRESOLVED, user);
      expect({ user, status: res.status }).toEqual({ user, status });
    }
    expect(await ratingsOf(t.ticketNo)).toBe(0);
    expect((await getTicket(t.ticketNo)).body.status).toBe('reviewed');
  });

  it('lets the centre record it under the agent’s name, once per round', async () => {
    const t = await reviewedTicket();
    const res = await callback(t.ticketNo, UNRESOLVED, 'supervisor');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ticketNo: t.ticketNo, status: 'closed', statusLabel: '已办结', round: 0 });
    const { body } = await getTicket(t.ticketNo);
    expect(body.ratings).toEqual([
      {
        round: 0,
        resolved: false,
        satisfaction: 'satisfied',
        satisfactionLabel: '满意',
        comment: '态度很好，但问题没有解决',
        source: 'callback',
        at: expect.any(String),
      },
    ]);
    expect(body.timeline.at(-1)).toMatchObject({
      action: 'rate',
      label: '群众评价',
      actorId: 'staff-supervisor',
      actorRole: 'supervisor',
      data: { source: 'callback', round: 0 },
    });
    const again = await callback(t.ticketNo, { resolved: true, satisfaction: 'satisfied' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_rated');
    expect(await ratingsOf(t.ticketNo)).toBe(1);
  });
});

describe('bad callbacks', () => {
  it('answers an unanswered ticket 409, an unknown one 404, and a bad body 422 naming the field', async () => {
    const open = await createTicket();
    const early = await callback(open.ticketNo, { resolved: true, satisfaction: 'satisfied' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('not_ready_for_rating');
    expect((await callback('A2026010199999', { resolved: true, satisfaction: 'satisfied' })).status).toBe(404);
    const t = await reviewedTicket();
    const bad = await callback(t.ticketNo, { resolved: true, satisfaction: 'great' });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { details: Array<{ path: string }> } };
    expect(body.error.details.map((d) => d.path)).toContain('satisfaction');
    expect((await callback(t.ticketNo, '{"resolved":')).status).toBe(400);
    expect(await ratingsOf(t.ticketNo)).toBe(0);
  });
});

describe('the dissatisfied queue', () => {
  it('lists unresolved and 不满意 answers to the centre and the ticket’s own department only', async () => {
    const unresolved = await reviewedTicket();
    const dissatisfied = await reviewedTicket();
    const content = await reviewedTicket();
    expect((await callback(unresolved.ticketNo, UNRESOLVED)).status).toBe(200);
    expect((await callback(dissatisfied.ticketNo, { resolved: true, satisfaction: 'dissatisfied' })).status).toBe(200);
    expect((await callback(content.ticketNo, { resolved: true, satisfaction: 'basically_satisfied' })).status).toBe(
      200,
    );
    const centre = await dissatisfiedQueue('dispatcher');
    expect(centre).toEqual(expect.arrayContaining([unresolved.ticketNo, dissatisfied.ticketNo]));
    expect(centre).not.toContain(content.ticketNo);
    expect(await dissatisfiedQueue('cgj.handler')).toEqual(expect.arrayContaining([unresolved.ticketNo]));
    expect(await dissatisfiedQueue('jyj.handler')).not.toContain(unresolved.ticketNo);
    // Every ticket listed has a current-round rating that is unresolved or 不满意.
    const listed = await env.DB.prepare(
      `SELECT count(*) AS n FROM tickets t JOIN ratings r ON r.ticket_id = t.id AND r.round = t.reopen_count
       WHERE t.ticket_no IN (SELECT value FROM json_each(?)) AND (r.resolved = 0 OR r.satisfaction = 'dissatisfied')`,
    )
      .bind(JSON.stringify(centre))
      .first<{ n: number }>();
    expect(listed!.n).toBe(centre.length);
  });

  it('refuses a queue it does not know with 422', async () => {
    const res = await request(`${BASE}/api/v1/tickets?queue=everything`, {
      headers: { authorization: `Bearer ${await login('dispatcher')}` },
    });
    expect(res.status).toBe(422);
  });
});
