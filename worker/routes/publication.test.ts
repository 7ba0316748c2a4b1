// The publication review API over HTTP: the queue, the draft with its masks and gates, the
// decisions with their errors in the hub's shape, and who may call them.
import { describe, expect, it } from 'vitest';
import { BASE, login, request } from '../../tests/helpers';
import { answeredTicket, PHONE, publicationOf } from '../../tickets/publication/test-fixtures';

async function call(method: string, path: string, username: string, body?: unknown) {
  const res = await request(`${BASE}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await login(username)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const decide = (ticketNo: string, decision: string, username: string, body: unknown = {}) =>
  call('POST', `/tickets/${ticketNo}/publication/${decision}`, username, body);

describe('GET /api/v1/tickets/{ticketNo}/publication', () => {
  it('shows the texts with their masks, the redacted texts, the gates and no decision yet', async () => {
    const ticketNo = await answeredTicket({ type: '举报' });
    const { status, body } = await call('GET', `/tickets/${ticketNo}/publication`, 'cgj.reviewer');
    expect(status).toBe(200);
    expect(body.original.question).toContain(PHONE);
    expect(body.redacted.question).not.toContain(PHONE);
    expect(body.redacted.reply).not.toContain(PHONE);
    const phoneMask = body.masks.find(
      (m: { field: string; start: number; end: number }) =>
        m.field === 'question' && body.original.question.slice(m.start, m.end).includes(PHONE.slice(-4)),
    );
    expect(phoneMask).toMatchObject({ source: 'auto', removed: false });
    expect(body.gates.map((g: { gate: string; ok: boolean }) => [g.gate, g.ok])).toEqual([
      ['consent', true],
      ['answer', true],
      ['type', false],
    ]);
    expect(body.publishable).toBe(false);
    expect(body.missing[0]).toContain('举报类工单须由审核人确认');
    expect(body).toMatchObject({ decision: null, history: [], workingDays: 0.6, department: { code: 'cgj' } });
  });

  it('is 404 for another department’s reviewer and 403 for a handler', async () => {
    const ticketNo = await answeredTicket();
    expect((await call('GET', `/tickets/${ticketNo}/publication`, 'zjj.reviewer')).status).toBe(404);
    const refused = await call('GET', `/tickets/${ticketNo}/publication`, 'cgj.handler');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });
});

describe('POST /api/v1/tickets/{ticketNo}/publication/{decision}', () => {
  it('publishes with the reviewer’s edits and answers the new state', async () => {
    const ticketNo = await answeredTicket();
    const draft = (await call('GET', `/tickets/${ticketNo}/publication`, 'cgj.reviewer')).body;
    const { status, body } = await decide(ticketNo, 'publish', 'cgj.reviewer', {
      edits: { remove: [], add: ['3栋'] },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ticketNo, status: 'published', version: 1 });
    expect(String((await publicationOf(ticketNo))!.address)).not.toContain('3栋');
    const after = (await call('GET', `/tickets/${ticketNo}/publication`, 'cgj.reviewer')).body;
    expect(after.decision).toMatchObject({ status: 'published', version: 1, reviewedBy: 'staff-cgj-reviewer' });
    expect(after.history.map((h: { action: string }) => h.action)).toEqual(['publish']);
    expect(after.edits).toEqual({ remove: [], add: ['3栋'] });
    expect(draft.decision).toBeNull();
  });

  it('answers the gates and the input’s errors in the hub’s shape', async () => {
    const ticketNo = await answeredTicket({ consent: false });
    const gate = await decide(ticketNo, 'publish', 'cgj.reviewer');
    expect(gate.status).toBe(409);
    expect(gate.body.error).toMatchObject({ code: 'not_publishable', details: [{ path: 'consent' }] });
    expect(gate.body.error.requestId).toBeTruthy();

    const bad = await decide(ticketNo, 'publish', 'cgj.reviewer', { edits: { remove: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('edits.remove');
    expect((await decide(ticketNo, 'unpublish', 'cgj.reviewer')).status).toBe(422);
    const noReason = await decide(ticketNo, 'decline', 'cgj.reviewer');
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details).toEqual([{ path: 'reason', message: '必填' }]);
  });

  it('lets one of two withdrawals at once land and answers the other 409', async () => {
    const ticketNo = await answeredTicket();
    expect((await decide(ticketNo, 'publish', 'cgj.reviewer')).status).toBe(200);
    const answers = await Promise.all([
      decide(ticketNo, 'withdraw', 'cgj.reviewer', { reason: '撤回一' }),
      decide(ticketNo, 'withdraw', 'supervisor', { reason: '撤回二' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(['concurrent_change', 'illegal_transition']).toContain(
      answers.find((a) => a.status === 409)!.body.error.code,
    );
    expect((await publicationOf(ticketNo))!.version).toBe(2);
  });

  it('refuses dispatchers, leaders and handlers before reading the ticket; hides other departments’', async () => {
    const ticketNo = await answeredTicket();
    for (const who of ['dispatcher', 'leader', 'cgj.handler']) {
      expect((await decide(ticketNo, 'publish', who)).status).toBe(403);
    }
    expect((await decide(ticketNo, 'publish', 'gaj.reviewer')).status).toBe(404);
    expect(await publicationOf(ticketNo)).toBeNull();
  });
});

describe('GET /api/v1/publication/queue', () => {
  it('lists the reviewer’s waiting tickets with the next page', async () => {
    const ticketNo = await answeredTicket();
    const { status, body } = await call('GET', '/publication/queue', 'cgj.reviewer');
    expect(status).toBe(200);
    expect(body.items.map((i: { ticketNo: string }) => i.ticketNo)).toContain(ticketNo);
    expect(body.next).toBeNull();
    expect((await call('GET', '/publication/queue', 'zjj.reviewer')).body.items).toEqual([]);
    expect((await call('GET', '/publication/queue?page=0', 'cgj.reviewer')).status).toBe(422);
  });
});
