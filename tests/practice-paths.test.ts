// The rules of 12345 practice, each path end to end on a fixed clock (tests/practice-steps.ts),
// every deadline counted here by hand on the 2026 calendar (office hours 09:00–12:00 and
// 13:30–17:30, 420 minutes a day; no holiday from October to December), and read back through
// the staff API: intake to rating, return and re-dispatch, the supplement, the extension, and a
// rejected reply.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../routing/calendar';
import { followUpTicket } from '../tickets/follow-up';
import { BASE, getTicket, inboundMessage, postMessage, request, routeEverythingByHand } from './helpers';
import {
  actOn,
  db,
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

describe('intake to rating', () => {
  it('dispatches on the clock, answers, and takes the resident’s rating on the tracking page', async () => {
    const t = await intakeAt(at('2026-11-02', 8, 40));
    const act = actOn(t.ticketNo);
    // 咨询: 2 working days after Mon 11/2 → Wed 11/4, end of the working day.
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2026-11-02', 10));
    expect((await row(t.ticketNo)).deadline).toBe(at('2026-11-04', 17, 30));
    await act('sign', handler('cgj'), {}, at('2026-11-02', 10, 30));
    await act('reply', handler('cgj'), { text: REPLY }, at('2026-11-03', 11));
    await act('approve', reviewer('cgj'), {}, at('2026-11-03', 14));
    const [message] = await replyMessages(t.ticketId);
    expect(message).toContain(`已由市城市管理局答复：${REPLY}`);
    expect(message).not.toContain('协办单位意见');

    const rated = await request(`${BASE}/api/v1/track/${t.ticketNo}/rating?code=${t.queryCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resolved: true, satisfaction: 'basically_satisfied' }),
    });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ status: 'closed', rating: { satisfaction: 'basically_satisfied' } });
    const { body } = await getTicket(t.ticketNo);
    expect(body.ratings).toEqual([
      expect.objectContaining({ round: 0, resolved: true, satisfactionLabel: '基本满意', source: 'resident' }),
    ]);
    expect(body.timeline.map((e: { label: string }) => e.label)).toEqual([
      '受理',
      '派单',
      '签收',
      '答复',
      '答复审核通过',
      '群众评价',
    ]);
    expect(body.timeline[1]).toMatchObject({
      actorRole: 'dispatcher',
      actorRoleLabel: '派单员',
      from: 'received',
      to: 'dispatched',
      atText: '2026-11-02 10:00',
    });
  });
});

describe('return and re-dispatch', () => {
  it('clears the wrong department’s clock and starts the right one’s at the new dispatch', async () => {
    const t = await intakeAt(at('2026-11-02', 8));
    const act = actOn(t.ticketNo);
    await act('dispatch', dispatcher, { departmentCode: 'jyj', type: '咨询' }, at('2026-11-02', 10));
    expect((await row(t.ticketNo)).deadline).toBe(at('2026-11-04', 17, 30));
    await act('return', handler('jyj'), { reason: '路灯维护不属于教育部门职责' }, at('2026-11-02', 11));
    await act('approve', dispatcher, {}, at('2026-11-03', 9, 30));
    expect(await row(t.ticketNo)).toMatchObject({ status: 'received', deadline: null });
    // Re-dispatched Tue 11/3: 2 working days → Thu 11/5.
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2026-11-03', 10));
    expect(await row(t.ticketNo)).toMatchObject({ status: 'dispatched', deadline: at('2026-11-05', 17, 30) });
    const { body } = await getTicket(t.ticketNo);
    expect(body.leadDepartment.code).toBe('cgj');
    expect(body.timeline.map((e: { label: string }) => e.label)).toEqual([
      '受理',
      '派单',
      '申请退回',
      '批准退回',
      '派单',
    ]);
  });
});

describe('supplement (一次性告知)', () => {
  it('stops the clock, restarts it when the resident writes again on any channel, and asks once only', async () => {
    const phone = '13911112222';
    const t = await intakeAt(at('2026-11-02', 9), { sender: { phone } });
    const act = actOn(t.ticketNo);
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2026-11-02', 10));
    await act('sign', handler('cgj'), {}, at('2026-11-02', 10, 30));
    // Stopped Tue 11/3 at 16:30, deadline Wed 11/4 17:30: 60 minutes left that day, 420 on Wednesday.
    await act('supplement', handler('cgj'), { request: '请提供路灯灯杆编号和位置照片' }, at('2026-11-03', 16, 30));
    expect(await row(t.ticketNo)).toMatchObject({ status: 'awaiting_supplement', paused: at('2026-11-03', 16, 30) });
    const whileWaiting = act('supplement', handler('cgj'), { request: '另请提供维修记录' }, at('2026-11-04', 9));
    expect(await rejectionOf(whileWaiting)).toBe('illegal_transition');

    // Ten days after the first message (past the 7-day repeat window), by the integration API.
    const answer = '灯杆编号 WY-0312，位于3栋东侧，照片已发。';
    const res = await postMessage(
      inboundMessage({ sender: { phone }, title: undefined, text: answer, receivedAt: '2026-11-12T02:00:00Z' }),
    );
    expect(res.status).toBe(201);
    const second = (await res.json()) as { ticketNo: string };
    expect(second.ticketNo).not.toBe(t.ticketNo);
    // The follow-up job intake queued takes it in.
    let after = await row(t.ticketNo);
    for (let i = 0; i < 50 && after.status !== 'signed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await row(t.ticketNo);
    }
    // Restarted Thu 11/12 at 10:00 with 480 minutes: 360 that day, the last 120 Fri 11/13 from 09:00.
    expect(after).toMatchObject({ status: 'signed', paused: null, deadline: at('2026-11-13', 11) });
    expect(after.text.split(answer)).toHaveLength(2); // the words once, as the supplement
    expect(after.text).toContain(`【补充】${answer}`);
    expect(after.text).toContain(`【合并工单 ${second.ticketNo}】`);
    expect(await row(second.ticketNo)).toMatchObject({ status: 'merged', text: answer });
    const inbox = await env.DB.prepare(
      'SELECT raw FROM inbox WHERE ticket_id = (SELECT id FROM tickets WHERE ticket_no = ?)',
    )
      .bind(second.ticketNo)
      .first<{ raw: string }>();
    expect(inbox!.raw).toContain(answer);
    const supplement = (await getTicket(t.ticketNo)).body.timeline.find(
      (e: { label: string }) => e.label === '收到补充材料',
    );
    expect(supplement).toMatchObject({ actorRole: 'system', atText: '2026-11-12 10:00', from: 'awaiting_supplement' });

    // 一次性告知: the department may not ask again.
    const again = act('supplement', handler('cgj'), { request: '请再提供维修记录' }, at('2026-11-12', 11));
    expect(await rejectionOf(again)).toBe('illegal_transition');
  });

  it('takes no message as a supplement unless a request was waiting for it when it came', async () => {
    const phone = '13911113333';
    const t = await intakeAt(at('2026-11-02', 9), { sender: { phone } });
    const act = actOn(t.ticketNo);
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2026-11-02', 10));
    const other = { sender: { phone }, text: '我想咨询一下孩子上小学的入学登记需要准备哪些材料。' };
    const before = await intakeAt(at('2026-11-02', 11), other);
    expect(await followUpTicket({ db, env }, before.ticketId)).toEqual({ mergedInto: null, hotspotId: null });
    await act('sign', handler('cgj'), {}, at('2026-11-02', 11, 30));
    await act('supplement', handler('cgj'), { request: '请提供路灯灯杆编号' }, at('2026-11-03', 16, 30));
    // Written at 15:00, before the request, and delivered late: not an answer to it.
    const late = await intakeAt(at('2026-11-03', 15), {
      sender: { phone },
      text: '另外反映一下，小区北门的垃圾桶已经三天没有清运，气味很大。',
    });
    expect(await followUpTicket({ db, env }, late.ticketId)).toEqual({ mergedInto: null, hotspotId: null });
    expect((await row(t.ticketNo)).status).toBe('awaiting_supplement');
    expect((await row(late.ticketNo)).status).toBe('received');
  });
});

describe('extension', () => {
  it('moves the deadline by exactly the approved working days, once (依申请公开 20 + 20)', async () => {
    const t = await intakeAt(at('2026-11-02', 8));
    const act = actOn(t.ticketNo);
    // 20 working days after Mon 11/2: 11/3–6, 9–13, 16–20, 23–27 and Mon 11/30.
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '依申请公开' }, at('2026-11-02', 10));
    expect((await row(t.ticketNo)).deadline).toBe(at('2026-11-30', 17, 30));
    await act('sign', handler('cgj'), {}, at('2026-11-02', 11));
    const tooLong = act('extend', handler('cgj'), { workingDays: 21, reason: '需协调档案馆调档' }, at('2026-11-20', 9));
    expect(await rejectionOf(tooLong)).toBe('extension_too_long');
    await act('extend', handler('cgj'), { workingDays: 20, reason: '需协调档案馆调档' }, at('2026-11-20', 9));
    expect((await row(t.ticketNo)).deadline).toBe(at('2026-11-30', 17, 30)); // not until approved
    await act('approve', dispatcher, {}, at('2026-11-20', 10));
    // 20 working days after 11/30: 12/1–4, 7–11, 14–18, 21–25 and Mon 12/28.
    expect((await row(t.ticketNo)).deadline).toBe(at('2026-12-28', 17, 30));
    const second = act('extend', handler('cgj'), { workingDays: 1, reason: '仍需调档' }, at('2026-12-01', 9));
    expect(await rejectionOf(second)).toBe('extension_not_allowed');
    const approved = (await getTicket(t.ticketNo)).body.timeline.find((e: { label: string }) => e.label === '批准延期');
    expect(approved.data).toMatchObject({ workingDays: 20, previousDeadlineAt: at('2026-11-30', 17, 30) });
  });
});

describe('a rejected reply', () => {
  it('goes back to the department, and only the approved answer reaches the resident', async () => {
    const t = await intakeAt(at('2026-11-02', 8));
    const act = actOn(t.ticketNo);
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '求助' }, at('2026-11-02', 9));
    await act('sign', handler('cgj'), {}, at('2026-11-02', 9, 30));
    await act('reply', handler('cgj'), { text: '已收到您的反映，我们会尽快处理。' }, at('2026-11-02', 10));
    await act('reject', reviewer('cgj'), { reason: '答复未说明处理结果' }, at('2026-11-02', 11));
    expect((await row(t.ticketNo)).status).toBe('signed');
    await act('reply', handler('cgj'), { text: REPLY }, at('2026-11-03', 10));
    await act('approve', reviewer('cgj'), {}, at('2026-11-03', 11));
    expect(await replyMessages(t.ticketId)).toEqual([expect.stringContaining(REPLY)]);
    expect((await replyMessages(t.ticketId))[0]).not.toContain('尽快处理');
    const { body } = await getTicket(t.ticketNo);
    expect(body.replies.map((r: { status: string }) => r.status)).toEqual(['rejected', 'approved']);
    expect(body.timeline.find((e: { label: string }) => e.label === '答复被驳回')).toMatchObject({
      reason: '答复未说明处理结果',
      actorRole: 'reviewer',
      from: 'replied',
      to: 'signed',
    });
  });
});
