// The workbench's queues and search (tickets/queues.ts), on tickets put through the lifecycle
// and, where a queue turns on time, with their deadlines moved by hand.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { act, createTicket, routeEverythingByHand } from '../tests/helpers';
import type { Actor } from './lifecycle/actor';
import { lightOf, listQueue, type QueueName, queuesFor } from './queues';

const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
const zjjHandler: Actor = { id: 'staff-zjj-handler', role: 'handler', departmentCode: 'zjj' };
const jyjHandler: Actor = { id: 'staff-jyj-handler', role: 'handler', departmentCode: 'jyj' };

const numbersIn = async (actor: Actor, queue: QueueName | null, filters = {}) =>
  (await listQueue(openDb(env.DB), actor, queue, filters, { limit: 500 })).map((t) => t.ticketNo);

async function dispatchedTo(department: string, overrides: Record<string, unknown> = {}) {
  const { ticketNo } = await createTicket(overrides);
  expect((await act(ticketNo, 'dispatch', 'dispatcher', { departmentCode: department })).status).toBe(200);
  return ticketNo;
}

async function moveDeadline(ticketNo: string, deadlineAt: number, yellowAt: number) {
  await env.DB.prepare('UPDATE tickets SET deadline_at = ?, yellow_at = ?, light = NULL WHERE ticket_no = ?')
    .bind(deadlineAt, yellowAt, ticketNo)
    .run();
}

beforeAll(routeEverythingByHand);

describe('queues', () => {
  it('gives the centre dispatch, approvals and callbacks, and departments their own work', () => {
    expect(queuesFor(dispatcher)).toEqual(expect.arrayContaining(['dispatch', 'approvals', 'dissatisfied']));
    expect(queuesFor(dispatcher)).not.toContain('new');
    expect(queuesFor(zjjHandler)).toEqual(expect.arrayContaining(['new', 'due_soon', 'overdue', 'supplement', 'mine']));
    expect(queuesFor(zjjHandler)).not.toContain('dispatch');
    expect(queuesFor({ id: 'x', role: 'leader', departmentCode: 'centre' })).toEqual([]);
  });

  it('puts a received ticket in 待派单 and a dispatched one in the lead department’s 新工单 only', async () => {
    const { ticketNo: waiting } = await createTicket();
    const sent = await dispatchedTo('zjj');
    expect(await numbersIn(dispatcher, 'dispatch')).toContain(waiting);
    expect(await numbersIn(dispatcher, 'dispatch')).not.toContain(sent);
    expect(await numbersIn(zjjHandler, 'new')).toContain(sent);
    expect(await numbersIn(zjjHandler, 'new')).not.toContain(waiting);
    expect(await numbersIn(jyjHandler, 'new')).not.toContain(sent);
  });

  it('lights a ticket yellow past 80 % and red past its deadline, before the cron has run', async () => {
    const now = Date.now();
    const soon = await dispatchedTo('zjj');
    const late = await dispatchedTo('zjj');
    await moveDeadline(soon, now + 3_600_000, now - 60_000);
    await moveDeadline(late, now - 60_000, now - 7_200_000);
    expect(await numbersIn(zjjHandler, 'due_soon')).toContain(soon);
    expect(await numbersIn(zjjHandler, 'due_soon')).not.toContain(late);
    expect(await numbersIn(zjjHandler, 'overdue')).toContain(late);
    expect(await numbersIn(zjjHandler, 'overdue')).not.toContain(soon);
    const rows = await listQueue(openDb(env.DB), zjjHandler, null, { q: late });
    expect(lightOf(rows[0]!, now)).toBe('red');
  });

  it('lists for the centre a closed ticket whose latest rating is 不满意, and drops it once reopened', async () => {
    const { ticketNo } = await createTicket();
    const closed = await act(ticketNo, 'close', 'dispatcher', {
      kind: 'direct_answer',
      directAnswer: '已电话告知办理流程。',
    });
    expect(closed.status).toBe(200);
    const id = (await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?')
      .bind(ticketNo)
      .first<{ id: string }>())!.id;
    await env.DB.prepare(
      'INSERT INTO ratings (ticket_id, round, resolved, satisfaction, source, at) ' +
        "VALUES (?, 0, 1, 'dissatisfied', 'resident', ?)",
    )
      .bind(id, Date.now())
      .run();
    expect(await numbersIn(dispatcher, 'dissatisfied')).toContain(ticketNo);
    expect((await act(ticketNo, 'reopen', 'dispatcher', { reason: '群众不满意，重新办理' })).status).toBe(200);
    expect(await numbersIn(dispatcher, 'dissatisfied')).not.toContain(ticketNo);
    expect(await numbersIn(dispatcher, 'dispatch')).toContain(ticketNo);
  });

  it('lists in 我的 the open tickets the person acted on', async () => {
    const mine = await dispatchedTo('zjj');
    const theirs = await dispatchedTo('zjj');
    expect((await act(mine, 'sign', 'zjj.handler')).status).toBe(200);
    const list = await numbersIn(zjjHandler, 'mine');
    expect(list).toContain(mine);
    expect(list).not.toContain(theirs);
  });
});

describe('search and filters', () => {
  it('finds by ticket number, by the resident’s phone, and by words; within what the person may see', async () => {
    const { ticketNo } = await createTicket({
      sender: { phone: '13911112222' },
      text: '东风路菜市场门口的井盖缺失，夜里有人差点掉进去。',
    });
    expect(await numbersIn(dispatcher, null, { q: ticketNo })).toEqual([ticketNo]);
    expect(await numbersIn(dispatcher, null, { q: '13911112222' })).toEqual([ticketNo]);
    expect(await numbersIn(dispatcher, null, { q: '井盖缺失' })).toContain(ticketNo);
    expect(await numbersIn(dispatcher, null, { q: '100%_' })).not.toContain(ticketNo);
    // Not dispatched: no department sees it yet.
    expect(await numbersIn(zjjHandler, null, { q: ticketNo })).toEqual([]);
  });

  it('filters by department, type, channel and received day (Asia/Shanghai)', async () => {
    const t = await dispatchedTo('jtj', { receivedAt: '2026-11-19T17:00:00Z', hints: { type: '投诉' } });
    expect(await numbersIn(dispatcher, null, { department: 'jtj' })).toContain(t);
    expect(await numbersIn(dispatcher, null, { department: 'zjj' })).not.toContain(t);
    expect(await numbersIn(dispatcher, null, { type: '投诉', channel: 'api' })).toContain(t);
    expect(await numbersIn(dispatcher, null, { type: '咨询' })).not.toContain(t);
    // 17:00 UTC on the 19th is 01:00 on the 20th in Shanghai.
    expect(await numbersIn(dispatcher, null, { from: '2026-11-20', to: '2026-11-20' })).toContain(t);
    expect(await numbersIn(dispatcher, null, { from: '2026-11-19', to: '2026-11-19' })).not.toContain(t);
  });
});
