// The lifecycle through the staff API against D1: a ticket's whole life, illegal actions
// refused with nothing changed, roles enforced, and the history kept append-only.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createTicket, getTicket, login, request, routeEverythingByHand } from '../tests/helpers';

beforeAll(routeEverythingByHand);

async function dispatched(departmentCode = 'cgj', type = '求助') {
  const t = await createTicket();
  const res = await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode, type });
  expect(res.status).toBe(200);
  return t;
}

describe('happy path', () => {
  it('takes a ticket from intake to closing, with an event for every step', async () => {
    const t = await dispatched('cgj');
    for (const [action, user, body, status] of [
      ['sign', 'cgj.handler', {}, 'signed'],
      ['supplement', 'cgj.handler', { request: '请提供路灯的具体位置照片和灯杆编号' }, 'awaiting_supplement'],
      ['supplement', 'dispatcher', { text: '灯杆编号 WY-0312，位于3栋东侧' }, 'signed'],
      ['extend', 'cgj.handler', { workingDays: 5, reason: '需协调供电公司更换线路' }, 'signed'],
      ['approve', 'dispatcher', {}, 'signed'],
      ['reply', 'cgj.handler', { text: '经核查，该路灯线路老化，已于11月25日更换线路并恢复照明。' }, 'replied'],
      ['approve', 'cgj.reviewer', {}, 'reviewed'],
      ['close', 'dispatcher', { kind: 'resolved' }, 'closed'],
    ] as const) {
      const res = await act(t.ticketNo, action, user, body);
      expect(res.status, `${action} by ${user}: ${await res.clone().text()}`).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe(status);
    }
    const { body } = await getTicket(t.ticketNo);
    expect(body.status).toBe('closed');
    expect(body.extensionCount).toBe(1);
    expect(body.text).toContain('【补充】灯杆编号 WY-0312');
    expect(body.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'dispatch',
      'sign',
      'supplement',
      'supplement',
      'extend',
      'approve',
      'reply',
      'approve',
      'close',
    ]);
    expect(body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0].status).toBe('approved');
  });

  it('sends a ticket back to the centre when its return is approved', async () => {
    const t = await dispatched('jyj');
    expect((await act(t.ticketNo, 'return', 'jyj.handler', { reason: '路灯维护不属于教育部门职责' })).status).toBe(200);
    expect((await act(t.ticketNo, 'approve', 'dispatcher', {})).status).toBe(200);
    const { body } = await getTicket(t.ticketNo);
    expect(body.status).toBe('received');
    expect(body.leadDepartment).toBeNull();
    expect(body.deadlineAt).toBeNull();
    expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj' })).status).toBe(200);
  });

  it('records a dispatcher overruling routing as a labelled example', async () => {
    const t = await createTicket();
    await env.DB.prepare(
      `UPDATE tickets SET routing = json('{"departmentCode":"jyj","category":"教育文体"}') WHERE ticket_no = ?`,
    )
      .bind(t.ticketNo)
      .run();
    expect(
      (await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj', category: '城乡建设' })).status,
    ).toBe(200);
    const row = await env.DB.prepare(
      `SELECT from_department_code, to_department_code, category, text FROM routing_corrections
       WHERE ticket_id = (SELECT id FROM tickets WHERE ticket_no = ?)`,
    )
      .bind(t.ticketNo)
      .first();
    expect(row).toMatchObject({ from_department_code: 'jyj', to_department_code: 'cgj', category: '城乡建设' });
  });

  it('merges a duplicate into another open ticket', async () => {
    const a = await createTicket();
    const b = await createTicket();
    expect((await act(b.ticketNo, 'merge', 'dispatcher', { intoTicketNo: a.ticketNo })).status).toBe(200);
    expect((await getTicket(b.ticketNo)).body.status).toBe('merged');
  });
});

describe('manual dispatch queue', () => {
  it('shows waiting tickets to dispatchers, urgent ones first', async () => {
    const normal = await createTicket({ receivedAt: '2026-11-20T01:00:00Z' });
    const urgent = await createTicket({
      receivedAt: '2026-11-20T03:00:00Z',
      hints: { urgency: 'urgent' },
      text: '小区门口的下水井盖不见了，已经有老人差点掉进去，请马上处理。',
    });
    const get = async (user: string) =>
      request('http://hub.test/api/v1/tickets/queue', { headers: { authorization: `Bearer ${await login(user)}` } });
    const res = await get('dispatcher');
    expect(res.status).toBe(200);
    const numbers = ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.map((i) => i.ticketNo);
    expect(numbers.indexOf(urgent.ticketNo)).toBeGreaterThanOrEqual(0);
    expect(numbers.indexOf(urgent.ticketNo)).toBeLessThan(numbers.indexOf(normal.ticketNo));
    expect((await get('cgj.handler')).status).toBe(403);
  });
});

describe('errors', () => {
  it('refuses an illegal transition with 409 and changes nothing', async () => {
    const t = await createTicket();
    const before = await getTicket(t.ticketNo);
    const res = await act(t.ticketNo, 'reply', 'admin', { text: '这是一条不应被接受的答复内容。' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('illegal_transition');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    const after = await getTicket(t.ticketNo);
    expect(after.body.status).toBe('received');
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.events).toHaveLength(before.body.events.length);
  });

  it('refuses a second supplement request (一次性告知)', async () => {
    const t = await dispatched('cgj');
    await act(t.ticketNo, 'sign', 'cgj.handler');
    await act(t.ticketNo, 'supplement', 'cgj.handler', { request: '请提供照片' });
    await act(t.ticketNo, 'supplement', 'dispatcher', { text: '照片已补充' });
    const res = await act(t.ticketNo, 'supplement', 'cgj.handler', { request: '请再提供灯杆编号' });
    expect(res.status).toBe(409);
  });

  it('refuses an extension longer than the policy allows', async () => {
    const t = await dispatched('cgj', '咨询');
    await act(t.ticketNo, 'sign', 'cgj.handler');
    const res = await act(t.ticketNo, 'extend', 'cgj.handler', { workingDays: 6, reason: '需要更多时间' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('extension_too_long');
  });

  it('names the wrong field', async () => {
    const t = await createTicket();
    const res = await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 42 });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; details: Array<{ path: string }> } };
    expect(body.error.details[0]?.path).toBe('departmentCode');
    expect(body.error.message).toMatch(/^departmentCode:/);
  });

  it('answers 404 for an unknown ticket and an unknown department as 422', async () => {
    expect((await act('A2026010199999', 'sign', 'admin')).status).toBe(404);
    const t = await createTicket();
    expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'nope' })).status).toBe(422);
  });

  it('lets only one of two concurrent changes land', async () => {
    const t = await dispatched('cgj');
    const results = await Promise.all([act(t.ticketNo, 'sign', 'cgj.handler'), act(t.ticketNo, 'sign', 'cgj.handler')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const { body } = await getTicket(t.ticketNo);
    expect(body.events.filter((e: { action: string }) => e.action === 'sign')).toHaveLength(1);
  });
});

describe('security', () => {
  it('lets only the lead department sign and reply', async () => {
    const t = await dispatched('cgj');
    // Another department does not learn the ticket exists; the right department in the wrong role is refused.
    expect((await act(t.ticketNo, 'sign', 'jyj.handler')).status).toBe(404);
    expect((await act(t.ticketNo, 'sign', 'cgj.reviewer')).status).toBe(403);
    expect((await act(t.ticketNo, 'sign', 'cgj.handler')).status).toBe(200);
  });

  it('keeps department staff to their own tickets', async () => {
    const t = await dispatched('cgj');
    expect((await getTicket(t.ticketNo, 'jyj.handler')).status).toBe(404);
    expect((await getTicket(t.ticketNo, 'cgj.handler')).status).toBe(200);
  });

  it('lets only the centre dispatch', async () => {
    const waiting = await createTicket();
    // Not yet any department's: department staff cannot see it at all.
    expect((await act(waiting.ticketNo, 'dispatch', 'cgj.handler', { departmentCode: 'cgj' })).status).toBe(404);
    expect((await act(waiting.ticketNo, 'dispatch', 'leader', { departmentCode: 'cgj' })).status).toBe(403);
    const own = await dispatched('cgj');
    expect((await act(own.ticketNo, 'dispatch', 'cgj.handler', { departmentCode: 'jyj' })).status).toBe(403);
    expect((await getTicket(own.ticketNo)).body.leadDepartment.code).toBe('cgj');
  });

  it('needs a valid session', async () => {
    const res = await request('http://hub.test/api/v1/tickets', {
      headers: { authorization: 'Bearer forged.token.value' },
    });
    expect(res.status).toBe(401);
  });

  it('keeps the history append-only in the database itself', async () => {
    const t = await createTicket();
    const id = (await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?')
      .bind(t.ticketNo)
      .first<{ id: string }>())!.id;
    await expect(
      env.DB.prepare("UPDATE ticket_events SET reason = 'rewritten' WHERE ticket_id = ?").bind(id).run(),
    ).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM ticket_events WHERE ticket_id = ?').bind(id).run()).rejects.toThrow(
      /append-only/,
    );
    const count = await env.DB.prepare('SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});
