// Many staff acting on one ticket at the same moment: exactly one action wins, every other gets
// a clean 409 (in the error shape on the API, a page on the workbench), one event is written and
// the ticket, its replies and its outbox say what the winner did, nothing of the losers.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../dashboard/workbench/page-session';
import { act, count, createTicket, getTicket, login, routeEverythingByHand } from '../tests/helpers';

const racers = 10;

beforeAll(async () => {
  await routeEverythingByHand();
  // Sign in before the race, so every racer's request is the action alone.
  await Promise.all(['dispatcher', 'cgj.handler'].map(login));
});

async function ticketIn(status: 'received' | 'dispatched' | 'signed') {
  const t = await createTicket();
  if (status === 'received') return t;
  expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj', type: '求助' })).status).toBe(200);
  if (status === 'signed') expect((await act(t.ticketNo, 'sign', 'cgj.handler')).status).toBe(200);
  return t;
}

const ticketIdOf = async (ticketNo: string) =>
  (await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?').bind(ticketNo).first<{ id: string }>())!.id;

const eventsOf = (ticketId: string, action: string) =>
  count('SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = ?', ticketId, action);

/** One 200; every other a 409 in the error shape (the change that lost, or the state it found). */
async function oneWinner(responses: Response[]): Promise<number> {
  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(racers - 1);
  for (const res of responses.filter((r) => r.status === 409)) {
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(
      body.error.details ? ['code', 'details', 'message', 'requestId'] : ['code', 'message', 'requestId'],
    );
    expect(['concurrent_change', 'illegal_transition']).toContain(body.error.code);
    expect(body.error.requestId).toEqual(expect.any(String));
  }
  return statuses.indexOf(200);
}

describe('the staff API', () => {
  it(`${racers} handlers signing for one ticket: one signs, one sign event, the timeline one longer`, async () => {
    const t = await ticketIn('dispatched');
    const id = await ticketIdOf(t.ticketNo);
    const before = (await getTicket(t.ticketNo)).body;
    const responses = await Promise.all(Array.from({ length: racers }, () => act(t.ticketNo, 'sign', 'cgj.handler')));
    await oneWinner(responses);
    expect(await eventsOf(id, 'sign')).toBe(1);
    const after = (await getTicket(t.ticketNo)).body;
    expect(after.status).toBe('signed');
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.events.map((e: { seq: number }) => e.seq)).toEqual(after.events.map((_: unknown, i: number) => i + 1));
  });

  it(`${racers} different replies at once: the winner's text is the one reply, and the only event`, async () => {
    const t = await ticketIn('signed');
    const id = await ticketIdOf(t.ticketNo);
    const texts = Array.from(
      { length: racers },
      (_, i) => `第${i + 1}稿答复：经现场核查，路灯线路老化，已安排维修更换。`,
    );
    const responses = await Promise.all(texts.map((text) => act(t.ticketNo, 'reply', 'cgj.handler', { text })));
    const winner = await oneWinner(responses);
    expect(await eventsOf(id, 'reply')).toBe(1);
    const replies = await env.DB.prepare('SELECT text FROM replies WHERE ticket_id = ?')
      .bind(id)
      .all<{ text: string }>();
    expect(replies.results).toEqual([{ text: texts[winner] }]);
    expect((await getTicket(t.ticketNo)).body.status).toBe('replied');
  });

  it(`${racers} dispatchers sending one ticket to different departments: it goes to the winner's`, async () => {
    const t = await ticketIn('received');
    const id = await ticketIdOf(t.ticketNo);
    const departments = ['cgj', 'jyj', 'zjj', 'jtj', 'water', 'cgj', 'jyj', 'zjj', 'jtj', 'water'];
    const outboxBefore = await count('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?', id);
    const responses = await Promise.all(
      departments.map((departmentCode) => act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode, type: '求助' })),
    );
    const winner = await oneWinner(responses);
    expect(await eventsOf(id, 'dispatch')).toBe(1);
    const after = (await getTicket(t.ticketNo)).body;
    expect(after.status).toBe('dispatched');
    expect(after.leadDepartment.code).toBe(departments[winner]);
    // At most the winner's one notice to the resident; no loser's.
    expect(await count('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?', id)).toBeLessThanOrEqual(
      outboxBefore + 1,
    );
  });
});

describe('the workbench forms', () => {
  let handler: PageSession;
  beforeAll(async () => {
    handler = await signInPage('cgj.handler');
  });

  it(`${racers} 签收 buttons pressed at once: one redirect, the others a 409 page, one event`, async () => {
    const t = await ticketIn('dispatched');
    const id = await ticketIdOf(t.ticketNo);
    const path = `/workbench/tickets/${t.ticketNo}`;
    await handler.get(path); // the page's CSRF token
    const responses = await Promise.all(Array.from({ length: racers }, () => handler.post(`${path}/actions/sign`, {})));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(racers - 1);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(/<html/i);
      expect(html).toMatch(/已被他人更新|不能执行「签收」/);
    }
    expect(await eventsOf(id, 'sign')).toBe(1);
    expect((await getTicket(t.ticketNo)).body.status).toBe('signed');
  });
});
