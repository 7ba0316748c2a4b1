// Admins act under the same rules: no one approves (or rejects) the answer they wrote.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createTicket, getTicket, routeEverythingByHand } from '../tests/helpers';

beforeAll(routeEverythingByHand);

async function repliedBy(username: string) {
  const t = await createTicket();
  expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'cgj' })).status).toBe(200);
  expect((await act(t.ticketNo, 'sign', username)).status).toBe(200);
  const reply = { text: '经现场核查，路灯线路老化，已于今日更换并恢复照明。' };
  expect((await act(t.ticketNo, 'reply', username, reply)).status).toBe(200);
  return t.ticketNo;
}

describe('four eyes on every answer', () => {
  it('refuses an admin who approves their own reply, and takes the department reviewer’s approval', async () => {
    const ticketNo = await repliedBy('admin');
    const own = await act(ticketNo, 'approve', 'admin');
    expect(own.status).toBe(403);
    const body = (await own.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'forbidden',
      message: '不能审核自己撰写的答复，请由本单位其他审核人审核',
    });
    expect((await act(ticketNo, 'reject', 'admin', { reason: '答复未说明更换时间，请补充。' })).status).toBe(403);
    expect((await getTicket(ticketNo)).body.status).toBe('replied');

    expect((await act(ticketNo, 'approve', 'cgj.reviewer')).status).toBe(200);
    expect((await getTicket(ticketNo)).body.status).toBe('reviewed');
  });

  it('lets an admin review an answer a handler wrote', async () => {
    const ticketNo = await repliedBy('cgj.handler');
    expect((await act(ticketNo, 'approve', 'admin')).status).toBe(200);
  });
});
