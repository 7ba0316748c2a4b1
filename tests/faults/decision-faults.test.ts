// D1 failing part-way through a staff decision leaves nothing half-written. Two kinds of fault:
// a statement late in the batch failing inside the database (a trigger raising, after the
// earlier statements of the batch already ran there), and D1 refusing the batch outright
// (tests/faults/failing-d1.ts). Either way the ticket, its events, replies and outbox, or the
// publication, its history, its search row and the public pages' generation, are as before, and
// the same decision succeeds once D1 is back.
import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, BASE, createTicket, login, request, routeEverythingByHand } from '../helpers';
import { failingD1 } from './failing-d1';

beforeAll(routeEverythingByHand);

const triggers: string[] = [];
/** Makes the database itself refuse one kind of write, from inside the batch. */
async function failInside(name: string, on: string): Promise<void> {
  triggers.push(name);
  await env.DB.exec(`CREATE TRIGGER ${name} ${on} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
}
afterEach(async () => {
  for (const name of triggers.splice(0)) await env.DB.exec(`DROP TRIGGER IF EXISTS ${name};`);
});

const one = (sql: string, ...binds: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...binds)
    .first();

/** Everything a lifecycle action may write for the ticket. */
async function ticketState(ticketNo: string) {
  const ticket = await one(
    'SELECT id, status, version, lead_department_code, text, pending_request FROM tickets WHERE ticket_no = ?',
    ticketNo,
  );
  const id = ticket?.id;
  return {
    ticket,
    events: await one('SELECT count(*) AS n, max(seq) AS lastSeq FROM ticket_events WHERE ticket_id = ?', id),
    replies: await one('SELECT count(*) AS n FROM replies WHERE ticket_id = ?', id),
    outbox: await one('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?', id),
  };
}

async function expectServerFault(res: Response) {
  // The hub's own fault, in the error shape; a staff member sees it and tries again.
  expect(res.status).toBe(500);
  const body = (await res.json()) as { error: Record<string, unknown> };
  expect(body.error).toEqual({ code: 'internal_error', message: expect.any(String), requestId: expect.any(String) });
}

const reply = '经现场核查，该路灯线路老化，已于本周更换线路并恢复照明。';

describe('a lifecycle action', () => {
  it('reply: the reply row failing after the event and the ticket update ran leaves all three as before', async () => {
    const t = await createTicket();
    expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj', type: '求助' })).status).toBe(200);
    expect((await act(t.ticketNo, 'sign', 'cgj.handler')).status).toBe(200);
    const before = await ticketState(t.ticketNo);
    await failInside('test_fail_reply', 'BEFORE INSERT ON replies');
    await expectServerFault(await act(t.ticketNo, 'reply', 'cgj.handler', { text: reply }));
    expect(await ticketState(t.ticketNo)).toEqual(before);
    await env.DB.exec('DROP TRIGGER test_fail_reply;');
    expect((await act(t.ticketNo, 'reply', 'cgj.handler', { text: reply })).status).toBe(200);
    const after = await ticketState(t.ticketNo);
    expect(after.ticket).toMatchObject({ status: 'replied', version: (before.ticket!.version as number) + 1 });
    expect(after.events).toEqual({
      n: (before.events!.n as number) + 1,
      lastSeq: (before.events!.lastSeq as number) + 1,
    });
    expect(after.replies).toEqual({ n: 1 });
  });

  it('dispatch: D1 refusing the batch leaves the ticket undispatched, without event or notice', async () => {
    const t = await createTicket();
    const before = await ticketState(t.ticketNo);
    const d1 = failingD1(env.DB, { match: /insert into "ticket_events"/i });
    const res = await request(
      `${BASE}/api/v1/tickets/${t.ticketNo}/actions/dispatch`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('dispatcher')}` },
        body: JSON.stringify({ departmentCode: 'cgj', type: '求助' }),
      },
      { DB: d1.db },
    );
    await expectServerFault(res);
    expect(d1.failures).toBe(1);
    expect(await ticketState(t.ticketNo)).toEqual(before);
    expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj', type: '求助' })).status).toBe(200);
    expect((await ticketState(t.ticketNo)).ticket).toMatchObject({ status: 'dispatched', lead_department_code: 'cgj' });
  });
});

/** Everything a publication decision may write. */
async function publicationState(ticketNo: string) {
  const publication = await one('SELECT * FROM publications WHERE ticket_no = ?', ticketNo);
  const pid = publication?.id ?? -1;
  return {
    publication,
    history: await one('SELECT count(*) AS n FROM publication_history WHERE publication_id = ?', pid),
    search: await one('SELECT count(*) AS n FROM publication_search WHERE rowid = ?', pid),
    generation: await one('SELECT generation FROM public_cache WHERE id = 1'),
  };
}

async function approvedTicket() {
  const t = await createTicket({ consentToPublish: true });
  for (const [action, user, body] of [
    ['dispatch', 'dispatcher', { departmentCode: 'zjj', type: '求助' }],
    ['sign', 'zjj.handler', {}],
    ['reply', 'zjj.handler', { text: reply }],
    ['approve', 'zjj.reviewer', {}],
  ] as const) {
    expect((await act(t.ticketNo, action, user, body)).status).toBe(200);
  }
  return t;
}

const publish = async (ticketNo: string, bindings: Partial<Env> = {}) =>
  request(
    `${BASE}/api/v1/tickets/${ticketNo}/publication/publish`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('zjj.reviewer')}` },
      body: '{}',
    },
    bindings,
  );

describe('a publication decision', () => {
  it('publish: the public pages’ generation failing last leaves no publication, history or search row', async () => {
    const t = await approvedTicket();
    const before = await publicationState(t.ticketNo);
    expect(before.publication).toBeNull();
    await failInside('test_fail_cache', 'BEFORE UPDATE ON public_cache');
    await expectServerFault(await publish(t.ticketNo));
    expect(await publicationState(t.ticketNo)).toEqual(before);
    await env.DB.exec('DROP TRIGGER test_fail_cache;');
    expect((await publish(t.ticketNo)).status).toBeLessThan(300);
    const after = await publicationState(t.ticketNo);
    expect(after.publication).toMatchObject({ status: 'published', version: 1 });
    expect(after.history).toEqual({ n: 1 });
    expect(after.search).toEqual({ n: 1 });
    expect(after.generation).toEqual({ generation: (before.generation!.generation as number) + 1 });
  });

  it('withdraw: D1 refusing the batch leaves the reply published, searchable, its history one entry', async () => {
    const t = await approvedTicket();
    expect((await publish(t.ticketNo)).status).toBeLessThan(300);
    const before = await publicationState(t.ticketNo);
    const d1 = failingD1(env.DB, { match: /insert into "publication_history"/i });
    const res = await request(
      `${BASE}/api/v1/tickets/${t.ticketNo}/publication/withdraw`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('zjj.reviewer')}` },
        body: JSON.stringify({ reason: '涉及个人隐私，撤回公开' }),
      },
      { DB: d1.db },
    );
    await expectServerFault(res);
    expect(d1.failures).toBe(1);
    expect(await publicationState(t.ticketNo)).toEqual(before);
    expect(before.publication).toMatchObject({ status: 'published' });
  });
});
