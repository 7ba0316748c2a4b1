// Authorisation before anything about a ticket is told (DESIGN.md "Staff, workbench and
// escalation"): a ticket of another department is not found, in every state and for every
// action; a department sees its sub-departments' tickets and those it co-handles; a leader
// reads no single ticket; and only then does the state (409) or the role (403) answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, BASE, createTicket, getTicket, login, request, routeEverythingByHand } from '../tests/helpers';
import { type TicketAction, ticketActions } from './transitions';

beforeAll(routeEverythingByHand);

const must = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
};

/** A ticket led by `department`, brought to `state` by the people whose step it is. */
async function ticketIn(state: 'received' | 'dispatched' | 'signed' | 'replied' | 'closed', department = 'cgj') {
  const t = await createTicket();
  if (state === 'received') return t;
  await must(await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: department }));
  if (state === 'dispatched') return t;
  await must(await act(t.ticketNo, 'sign', `${department}.handler`));
  if (state === 'signed') return t;
  await must(
    await act(t.ticketNo, 'reply', `${department}.handler`, { text: '经核查，路灯已于本周更换灯泡并恢复照明。' }),
  );
  if (state === 'replied') return t;
  await must(await act(t.ticketNo, 'approve', `${department}.reviewer`));
  await must(await act(t.ticketNo, 'close', 'dispatcher', { kind: 'resolved' }));
  return t;
}

/** A body each action accepts, so that what answers is the ticket, not the input. */
const validBodies = {
  dispatch: { departmentCode: 'jyj' },
  sign: {},
  return: { reason: '不属于本部门职责' },
  supplement: { request: '请提供现场照片' },
  extend: { workingDays: 1, reason: '需要协调相关单位' },
  contribute: { text: '本部门已核实相关情况，意见如下。' },
  reply: { text: '经核查，路灯已于本周更换灯泡并恢复照明。' },
  approve: {},
  reject: { reason: '答复内容不完整' },
  close: { kind: 'resolved' },
  reopen: { reason: '居民反映仍未解决' },
  merge: { intoTicketNo: 'A2026010199999' },
} satisfies Record<TicketAction, object>;

const list = async (username: string) => {
  const res = await request(`${BASE}/api/v1/tickets?limit=100`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  return ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.map((i) => i.ticketNo);
};

describe('another department', () => {
  it('finds no ticket of cgj in any state, for any action or for reading it, and changes nothing', async () => {
    for (const state of ['received', 'dispatched', 'signed', 'replied', 'closed'] as const) {
      const t = await ticketIn(state);
      const before = (await getTicket(t.ticketNo)).body;
      expect(before.status).toBe(state);
      for (const user of ['jyj.handler', 'jyj.reviewer']) {
        const read = await getTicket(t.ticketNo, user);
        expect({ state, user, status: read.status, code: read.body.error?.code }).toEqual({
          state,
          user,
          status: 404,
          code: 'ticket_not_found',
        });
        for (const action of ticketActions) {
          const res = await act(t.ticketNo, action, user, validBodies[action]);
          const body = (await res.json()) as { error: { code: string; message: string } };
          expect({ state, user, action, status: res.status, code: body.error.code }).toEqual({
            state,
            user,
            action,
            status: 404,
            code: 'ticket_not_found',
          });
          // The answer is the one an unknown number gets: nothing of the ticket's state in it.
          expect(body.error.message).toBe(`工单不存在：${t.ticketNo}`);
        }
      }
      const after = (await getTicket(t.ticketNo)).body;
      expect({ status: after.status, version: after.version }).toEqual({ status: state, version: before.version });
    }
  });

  it('answers an unknown ticket number exactly as it answers a ticket it may not see', async () => {
    const res = await act('A2026010199999', 'sign', 'jyj.handler');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('工单不存在：A2026010199999');
  });

  it('leaves it out of the department’s list', async () => {
    const t = await ticketIn('dispatched');
    expect(await list('jyj.handler')).not.toContain(t.ticketNo);
    expect(await list('cgj.handler')).toContain(t.ticketNo);
  });
});

describe('departments above and beside', () => {
  it('shows a street office’s ticket to its district government, not to another district', async () => {
    const t = await ticketIn('dispatched', 'A01-001');
    expect((await getTicket(t.ticketNo, 'A01-001.handler')).status).toBe(200);
    expect((await getTicket(t.ticketNo, 'A01.handler')).status).toBe(200);
    expect((await getTicket(t.ticketNo, 'A01.reviewer')).status).toBe(200);
    expect((await getTicket(t.ticketNo, 'A02.handler')).status).toBe(404);
    expect((await getTicket(t.ticketNo, 'A01-002.handler')).status).toBe(404);
    expect(await list('A01.handler')).toContain(t.ticketNo);
    // Seeing is not leading: the district may not sign for its street's ticket.
    const sign = await act(t.ticketNo, 'sign', 'A01.handler');
    expect(sign.status).toBe(403);
    expect(((await sign.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    await must(await act(t.ticketNo, 'sign', 'A01-001.handler'));
  });

  it('shows a co-handled ticket to the co-department, which may not act as the lead', async () => {
    const t = await createTicket();
    await must(await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj', coDepartmentCodes: ['jyj'] }));
    const read = await getTicket(t.ticketNo, 'jyj.handler');
    expect(read.status).toBe(200);
    expect(read.body.coDepartments.map((d: { code: string }) => d.code)).toEqual(['jyj']);
    expect(await list('jyj.handler')).toContain(t.ticketNo);
    expect((await act(t.ticketNo, 'sign', 'jyj.handler')).status).toBe(403);
    expect((await getTicket(t.ticketNo)).body.status).toBe('dispatched');
  });
});

describe('leaders', () => {
  it('read no single ticket and act on none, known or not', async () => {
    const t = await ticketIn('dispatched');
    for (const ticketNo of [t.ticketNo, 'A2026010199999']) {
      expect((await getTicket(ticketNo, 'leader')).status).toBe(403);
      expect((await act(ticketNo, 'sign', 'leader')).status).toBe(403);
    }
  });
});

describe('own tickets: the state first, then the role', () => {
  it('answers 409 with the state and the reason for an action the state does not allow', async () => {
    const t = await ticketIn('dispatched');
    const res = await act(t.ticketNo, 'reply', 'cgj.handler', { text: '经核查，路灯已于本周更换灯泡并恢复照明。' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error).toMatchObject({
      code: 'illegal_transition',
      message: '工单当前状态为「已派单」，不能执行「答复」：只有已签收的工单可以答复',
      details: [{ path: 'action', message: '只有已签收的工单可以答复' }],
    });
  });

  it('answers 409 before 403: a reviewer asking to sign a signed ticket hears of the state', async () => {
    const t = await ticketIn('signed');
    expect((await act(t.ticketNo, 'sign', 'cgj.reviewer')).status).toBe(409);
    const dispatched = await ticketIn('dispatched');
    expect((await act(dispatched.ticketNo, 'sign', 'cgj.reviewer')).status).toBe(403);
  });
});
