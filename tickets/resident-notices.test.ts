// Back to the resident: told on acceptance, on the department's request for a supplement, on the
// approved reply and on reopening (重办), each time on the channel they wrote in on.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createTicket, routeEverythingByHand } from '../tests/helpers';

beforeAll(routeEverythingByHand);

const deliveries = async (ticketNo: string) =>
  (
    await env.DB.prepare(
      `SELECT o.channel, o.recipient, o.kind, o.body FROM outbox o JOIN tickets t ON t.id = o.ticket_id
       WHERE t.ticket_no = ? ORDER BY o.created_at, o.rowid`,
    )
      .bind(ticketNo)
      .all<{ channel: string; recipient: string; kind: string; body: string }>()
  ).results;

describe('what the resident is told', () => {
  it('hears of acceptance, the supplement request, the reply and the reopening on WeChat', async () => {
    const t = await createTicket({ channel: 'wechat', sender: { openId: 'o-resident-77', phone: '13800138077' } });
    for (const [action, user, body] of [
      ['dispatch', 'dispatcher', { departmentCode: 'cgj', type: '求助' }],
      ['sign', 'cgj.handler', {}],
      ['supplement', 'cgj.handler', { request: '请提供路灯灯杆编号' }],
      ['supplement', 'dispatcher', { text: '灯杆编号 WY-0312' }],
      ['reply', 'cgj.handler', { text: '经核查，该路灯线路老化，已更换线路并恢复照明。' }],
      ['approve', 'cgj.reviewer', {}],
      ['close', 'dispatcher', { kind: 'resolved' }],
      ['reopen', 'supervisor', { reason: '居民反映路灯仍不亮' }],
    ] as const) {
      const res = await act(t.ticketNo, action, user, body);
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    }
    const sent = await deliveries(t.ticketNo);
    expect(sent.map((d) => d.kind)).toEqual(['ack', 'supplement_request', 'reply', 'notice']);
    for (const d of sent) expect([d.channel, d.recipient]).toEqual(['wechat', 'o-resident-77']);
    expect(sent[3]!.body).toContain(`您的工单 ${t.ticketNo} 已重新办理（重办）`);
    // The reopening notice carries the tracking link, so the resident can follow the new round.
    expect(sent[3]!.body).toContain(`/track?no=${t.ticketNo}&code=${t.queryCode}`);
  });
});
