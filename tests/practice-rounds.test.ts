// Co-handling (协办) and the answer rounds (回访, 重办), end to end on a fixed clock
// (tests/practice-steps.ts): two co-departments add their parts and the lead's answer goes out
// with them; a 不满意 rating puts the ticket in the centre's queue, the centre reopens it once,
// the resident rates the new answer, and a second reopen is refused.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../routing/calendar';
import { act, BASE, getTicket, login, request, routeEverythingByHand } from './helpers';
import {
  actOn,
  answered,
  dispatcher,
  handler,
  intakeAt,
  REPLY,
  rejectionOf,
  replyMessages,
  reviewer,
  row,
} from './practice-steps';

beforeAll(routeEverythingByHand);

const EDUCATION_PART = '经核实，涉事路段不在校园范围内，学校将配合做好学生夜间出行提醒。';
const HOUSING_PART = '该小区已纳入老旧小区改造计划，路灯线路将随改造一并更新。';

describe('co-handling (协办)', () => {
  it('takes each co-department’s part without moving the ticket, and sends the lead’s answer with them', async () => {
    const t = await intakeAt(at('2026-11-02', 8));
    const step = actOn(t.ticketNo);
    await step(
      'dispatch',
      dispatcher,
      { departmentCode: 'cgj', coDepartmentCodes: ['jyj', 'zjj'] },
      at('2026-11-02', 10),
    );
    await step('contribute', handler('jyj'), { text: EDUCATION_PART }, at('2026-11-02', 11));
    expect((await row(t.ticketNo)).status).toBe('dispatched');
    await step('sign', handler('cgj'), {}, at('2026-11-02', 11, 30));
    // Through the staff API, as the workbench's 协办答复 button sends it.
    expect((await act(t.ticketNo, 'contribute', 'zjj.handler', { text: '同意' })).status).toBe(422);
    const viaApi = await act(t.ticketNo, 'contribute', 'zjj.handler', { text: HOUSING_PART });
    expect(viaApi.status).toBe(200);
    expect(await viaApi.json()).toMatchObject({ status: 'signed', statusLabel: '已签收' });

    // Only a co-department's handler contributes; a department not on the ticket does not see it.
    const refused = await Promise.all([
      rejectionOf(step('contribute', handler('cgj'), { text: '主办部门不应在此填写。' }, at('2026-11-03', 9))),
      rejectionOf(step('contribute', reviewer('jyj'), { text: '审核人不应在此填写。' }, at('2026-11-03', 9))),
      rejectionOf(step('contribute', handler('sthjj'), { text: '无关部门不应在此填写。' }, at('2026-11-03', 9))),
    ]);
    expect(refused).toEqual(['forbidden', 'forbidden', 'ticket_not_found']);

    const lead = (await getTicket(t.ticketNo, 'cgj.handler')).body;
    expect(lead.contributions).toEqual([
      { departmentCode: 'jyj', departmentName: '市教育局', text: EDUCATION_PART, at: '2026-11-02T03:00:00.000Z' },
      expect.objectContaining({ departmentCode: 'zjj', departmentName: '市住房和城乡建设局', text: HOUSING_PART }),
    ]);
    const parts = lead.timeline.filter((e: { label: string }) => e.label === '协办答复');
    expect(parts.map((e: { actorRole: string; from: string; to: string }) => [e.actorRole, e.from, e.to])).toEqual([
      ['handler', 'dispatched', 'dispatched'],
      ['handler', 'signed', 'signed'],
    ]);

    await step('reply', handler('cgj'), { text: REPLY }, at('2026-11-03', 14));
    const late = step('contribute', handler('jyj'), { text: '补充一点意见供参考。' }, at('2026-11-03', 15));
    expect(await rejectionOf(late)).toBe('illegal_transition');
    await step('approve', reviewer('cgj'), {}, at('2026-11-03', 16));
    const [message] = await replyMessages(t.ticketId);
    expect(message).toContain(
      `已由市城市管理局答复：${REPLY}\n协办单位意见：\n【市教育局】${EDUCATION_PART}\n【市住房和城乡建设局】${HOUSING_PART}\n请对办理结果进行评价：`,
    );
    // The tracking page shows the answer as the message carried it.
    const tracked = await request(`${BASE}/api/v1/track/${t.ticketNo}?code=${t.queryCode}`);
    expect(((await tracked.json()) as { reply: unknown }).reply).toMatchObject({
      text: REPLY,
      contributions: [
        { department: '市教育局', text: EDUCATION_PART },
        { department: '市住房和城乡建设局', text: HOUSING_PART },
      ],
    });
  });

  it('sends only the parts of the departments co-handling since the last dispatch', async () => {
    const t = await intakeAt(at('2026-11-09', 8));
    const step = actOn(t.ticketNo);
    await step('dispatch', dispatcher, { departmentCode: 'jyj', coDepartmentCodes: ['zjj'] }, at('2026-11-09', 9));
    await step('contribute', handler('zjj'), { text: '旧的协办意见，不应随新答复发出。' }, at('2026-11-09', 10));
    await step('return', handler('jyj'), { reason: '路灯维护不属于教育部门职责' }, at('2026-11-09', 11));
    await step('approve', dispatcher, {}, at('2026-11-09', 14));
    await step('dispatch', dispatcher, { departmentCode: 'cgj', coDepartmentCodes: ['jyj'] }, at('2026-11-09', 15));
    await step('contribute', handler('jyj'), { text: EDUCATION_PART }, at('2026-11-10', 9));
    await step('sign', handler('cgj'), {}, at('2026-11-10', 9, 30));
    await step('reply', handler('cgj'), { text: REPLY }, at('2026-11-10', 10));
    await step('approve', reviewer('cgj'), {}, at('2026-11-10', 11));
    const [message] = await replyMessages(t.ticketId);
    expect(message).toContain(`协办单位意见：\n【市教育局】${EDUCATION_PART}\n请对`);
    expect(message).not.toContain('旧的协办意见');
    // The staff view keeps the whole history.
    expect(
      (await getTicket(t.ticketNo)).body.contributions.map((c: { departmentCode: string }) => c.departmentCode),
    ).toEqual(['zjj', 'jyj']);
  });
});

const inQueue = async (ticketNo: string, username = 'dispatcher') => {
  const res = await request(`${BASE}/api/v1/tickets?queue=dissatisfied&limit=100`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ ticketNo: string }> }).items.some((i) => i.ticketNo === ticketNo);
};

const rateOnTrackingPage = (ticketNo: string, code: string, body: unknown) =>
  request(`${BASE}/api/v1/track/${ticketNo}/rating?code=${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const callback = async (ticketNo: string, body: unknown, username = 'dispatcher') =>
  request(`${BASE}/api/v1/tickets/${ticketNo}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
    body: JSON.stringify(body),
  });

describe('reopen after 不满意 (重办)', () => {
  it('queues 不满意, reopens once, takes the new answer’s rating, and refuses a second reopen', async () => {
    const t = await intakeAt(at('2026-11-02', 8));
    await answered(t.ticketNo, '2026-11-02');
    const first = await rateOnTrackingPage(t.ticketNo, t.queryCode, {
      resolved: false,
      satisfaction: 'dissatisfied',
      comment: '路灯还是不亮',
    });
    expect(first.status).toBe(200);
    expect(await inQueue(t.ticketNo)).toBe(true);

    const step = actOn(t.ticketNo);
    await step('reopen', dispatcher, { reason: '回访不满意，重办' }, at('2026-11-05', 9));
    expect(await row(t.ticketNo)).toMatchObject({ status: 'reopened', reopens: 1, deadline: null });
    expect(await inQueue(t.ticketNo)).toBe(false);
    // The new round has no answer yet: nothing to rate.
    expect(
      (await rateOnTrackingPage(t.ticketNo, t.queryCode, { resolved: true, satisfaction: 'satisfied' })).status,
    ).toBe(409);

    const secondReply = '已重新排查线路，更换了损坏的控制箱，经现场核实路灯恢复正常。';
    await answered(t.ticketNo, '2026-11-06', secondReply);
    expect((await replyMessages(t.ticketId)).at(-1)).toContain(secondReply);
    const rated = await callback(t.ticketNo, { resolved: true, satisfaction: 'satisfied', comment: '电话回访满意' });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ status: 'closed', round: 1 });
    expect(await inQueue(t.ticketNo)).toBe(false);
    expect((await callback(t.ticketNo, { resolved: true, satisfaction: 'satisfied' })).status).toBe(409);

    const { body } = await getTicket(t.ticketNo);
    expect(body.reopenCount).toBe(1);
    expect(body.ratings).toEqual([
      expect.objectContaining({ round: 0, resolved: false, satisfaction: 'dissatisfied', source: 'resident' }),
      expect.objectContaining({ round: 1, resolved: true, satisfactionLabel: '满意', source: 'callback' }),
    ]);
    expect(body.timeline.find((e: { action: string }) => e.action === 'reopen')).toMatchObject({
      label: '重启（重办）',
      reason: '回访不满意，重办',
      data: { round: 1 },
    });

    const again = await act(t.ticketNo, 'reopen', 'dispatcher', { reason: '群众仍不满意' });
    expect(again.status).toBe(409);
    const refusal = (await again.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('illegal_transition');
    expect(refusal.error.message).toContain('已重办过一次');
    expect(await row(t.ticketNo)).toMatchObject({ status: 'closed', reopens: 1 });
    const ratingRows = await env.DB.prepare('SELECT round FROM ratings WHERE ticket_id = ? ORDER BY round')
      .bind(t.ticketId)
      .all<{ round: number }>();
    expect(ratingRows.results).toEqual([{ round: 0 }, { round: 1 }]);
  });
});
