// An open ticket brought in from an archive runs on the clock it would have had, from its type
// and urgency, and escalates like a live one (DESIGN.md, History import).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { request } from '../../tests/helpers';
import { escalate } from '../../tickets/lifecycle/escalate';

function importRecords(records: unknown[]) {
  return request('http://hub.test/api/v1/import', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
    body: JSON.stringify(records),
  });
}

const open = (externalId: string, extra: Record<string, unknown>) => ({
  externalId,
  channel: 'phone',
  receivedAt: '2026-03-03T10:00:00+08:00',
  text: '我家楼下的烧烤店每天营业到凌晨两点，油烟和噪声很大，多次反映没有解决。',
  contact: { phone: '13600005678' },
  consentToPublish: false,
  department: 'cgj',
  ...extra,
});

const ticketOf = async (ticketNo: string) =>
  (await env.DB.prepare('SELECT id, type, urgency, light, deadline_at AS deadlineAt FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<{ id: string; type: string; urgency: string; light: string | null; deadlineAt: number }>())!;

describe('imported open tickets', () => {
  it('take the archive’s type and urgency, and turn red 30 working days on with a 督办', async () => {
    const res = await importRecords([
      open('H-OPEN-1', { type: '投诉', urgency: 'normal' }),
      open('H-OPEN-2', { type: '求助', urgency: 'urgent' }),
    ]);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ ticketNo: string; ok: boolean }> };
    const [complaint, urgent] = await Promise.all(results.map((r) => ticketOf(r.ticketNo)));

    // 投诉: 15 working days after Tue 3/3: 3/4–3/6, 3/9–3/13, 3/16–3/20, 3/23, 3/24.
    expect(complaint).toMatchObject({ type: '投诉', urgency: 'normal', light: 'green' });
    expect(complaint!.deadlineAt).toBe(at('2026-03-24', 17, 30));
    // Urgent: 4 hours round the clock from its receipt.
    expect(urgent).toMatchObject({ type: '求助', urgency: 'urgent', deadlineAt: at('2026-03-03', 14) });

    // 30 working days after 3/3: 23 to Fri 4/3, Qingming 4/4–4/6 off, then 4/7 … 4/15.
    await escalate(env, at('2026-04-15', 17, 30));
    for (const [i, t] of [complaint!, urgent!].entries()) {
      expect((await ticketOf(results[i]!.ticketNo)).light).toBe('red');
      const supervision = await env.DB.prepare('SELECT deadline_at AS d FROM supervisions WHERE ticket_id = ?')
        .bind(t.id)
        .all<{ d: number }>();
      expect(supervision.results).toEqual([{ d: t.deadlineAt }]);
    }
  });
});
