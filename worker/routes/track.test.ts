// Resident tracking: the API and the page, opened only with the right query code, showing
// progress and the approved answer but no staff or contact details.
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { act, BASE, createTicket, request, routeEverythingByHand } from '../../tests/helpers';

beforeAll(routeEverythingByHand);
restoreClockAfterEach();

const track = (no: string, code: string, headers: Record<string, string> = {}) =>
  request(`${BASE}/api/v1/track/${encodeURIComponent(no)}?code=${encodeURIComponent(code)}`, { headers });

describe('happy path', () => {
  it('shows progress, the deadline and, once approved, the answer', async () => {
    const t = await createTicket();
    await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj' });
    await act(t.ticketNo, 'sign', 'cgj.handler');
    await act(t.ticketNo, 'reply', 'cgj.handler', { text: '已安排维修人员于今日更换灯泡，现已恢复照明。' });
    const beforeReview = (await (await track(t.ticketNo, t.queryCode)).json()) as Record<string, any>;
    expect(beforeReview.reply).toBeNull(); // not yet approved by the reviewer
    await act(t.ticketNo, 'approve', 'cgj.reviewer');
    const res = await track(t.ticketNo, t.queryCode);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({
      ticketNo: t.ticketNo,
      status: 'reviewed',
      statusLabel: '已审核',
      department: '市城市管理局',
    });
    expect(body.reply.text).toContain('恢复照明');
    expect(body.timeline.map((e: { label: string }) => e.label)).toEqual(['受理', '派单', '签收', '答复已审核']);
    expect(body.deadlineText).toMatch(/^\d{4}-\d{2}-\d{2} 17:30$/);
  });

  it('renders the tracking page in Chinese', async () => {
    const t = await createTicket();
    const res = await request(`${BASE}/track?no=${t.ticketNo}&code=${t.queryCode}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`工单 ${t.ticketNo}`);
    expect(html).toContain('已受理');
    expect(html).toContain('<html lang="zh-CN">');
  });
});

describe('rating', () => {
  const rate = (no: string, code: string, body: unknown) =>
    request(`${BASE}/api/v1/track/${no}/rating?code=${code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('takes the resident’s rating once the answer is approved, and closes the ticket', async () => {
    const t = await createTicket();
    // Not answered yet.
    expect((await rate(t.ticketNo, t.queryCode, { resolved: true, satisfaction: 'satisfied' })).status).toBe(409);
    await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj' });
    await act(t.ticketNo, 'sign', 'cgj.handler');
    await act(t.ticketNo, 'reply', 'cgj.handler', { text: '已安排维修人员于今日更换灯泡，现已恢复照明。' });
    await act(t.ticketNo, 'approve', 'cgj.reviewer');
    const res = await rate(t.ticketNo, t.queryCode, {
      resolved: true,
      satisfaction: 'basically_satisfied',
      comment: '修得挺快',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ status: 'closed', rating: { resolved: true, satisfaction: 'basically_satisfied' } });
    expect(body.timeline.at(-1).label).toBe('群众评价');
    expect((await rate(t.ticketNo, t.queryCode, { resolved: false, satisfaction: 'dissatisfied' })).status).toBe(409);
  });

  it('refuses a rating with the wrong code or an unknown satisfaction', async () => {
    const t = await createTicket();
    expect(
      (
        await rate(t.ticketNo, t.queryCode === '000000' ? '111111' : '000000', {
          resolved: true,
          satisfaction: 'satisfied',
        })
      ).status,
    ).toBe(404);
    expect((await rate(t.ticketNo, t.queryCode, { resolved: true, satisfaction: 'ecstatic' })).status).toBe(422);
  });
});

describe('errors', () => {
  it('answers a wrong code exactly like an unknown number', async () => {
    const t = await createTicket();
    const wrong = await track(t.ticketNo, t.queryCode === '000000' ? '111111' : '000000');
    const unknown = await track('A2000010100001', t.queryCode);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const [a, b] = (await Promise.all([wrong.json(), unknown.json()])) as Array<{
      error: { code: string; message: string };
    }>;
    expect(a!.error.code).toBe(b!.error.code);
    expect(a!.error.message).toBe(b!.error.message);
  });

  it('asks for the code', async () => {
    expect((await request(`${BASE}/api/v1/track/A2026112000001`)).status).toBe(422);
    const page = await request(`${BASE}/track?no=A2000010100001&code=123456`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('工单号或查询码不正确');
  });
});

describe('security', () => {
  it('never shows contact data or staff identities to the resident', async () => {
    const t = await createTicket({ sender: { name: '王建国', phone: '13700001111', email: 'wang@example.com' } });
    await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj' });
    const text = await (await track(t.ticketNo, t.queryCode)).text();
    for (const secret of ['13700001111', 'wang@example.com', '王建国', 'staff-dispatcher', 'queryCode'])
      expect(text).not.toContain(secret);
  });

  it('limits guessing from one address', async () => {
    startOfWindow(60_000);
    const headers = { 'cf-connecting-ip': '203.0.113.77' };
    const statuses: number[] = [];
    // A number each, so that no ticket's own lock comes first: this is the address's count.
    for (let i = 0; i < 62; i++) {
      const no = `A20000101${String(i).padStart(5, '0')}`;
      statuses.push((await track(no, String(100000 + i), headers)).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
    const refused = await track('A2000010200000', '100000', headers);
    expect(refused.headers.get('retry-after')).toBe('60');
  });
});
