import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';

const url = 'http://hub.test/api/v1/import';
const token = 'dev-integration-token';

const full = {
  externalId: 'H-2025-000123',
  channel: 'phone',
  receivedAt: '2025-03-03T09:15:00+08:00',
  title: '小区供暖不热',
  text: '我家住在东湖小区，这个冬天暖气一直不热，室内只有十四度，多次找物业没有解决。',
  contact: { name: '刘女士', phone: '13600001234' },
  consentToPublish: true,
  department: '市住房和城乡建设局',
  replies: [
    {
      department: 'zjj',
      at: '2025-03-06T16:00:00+08:00',
      text: '经核查，东湖小区供暖管网存在堵塞，已督促物业于3月5日完成清洗，室温已恢复至20度。',
    },
  ],
  rating: { resolved: true, satisfaction: 'satisfied', at: '2025-03-08T10:00:00+08:00' },
};

function post(body: unknown, auth = `Bearer ${token}`) {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
}

const inboxCount = async (externalId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM inbox WHERE external_id = ?')
    .bind(externalId)
    .first<{ n: number }>())!.n;

describe('POST /api/v1/import', () => {
  it('imports a past ticket and replays its lifecycle at the historical times, telling nobody', async () => {
    const res = await post([full]);
    expect(res.status).toBe(200);
    const answer = await res.json<{
      imported: number;
      results: { ticketNo: string; steps: string[]; warnings?: string[] }[];
    }>();
    expect(answer.imported).toBe(1);
    const r = answer.results[0]!;
    expect(r.warnings).toBeUndefined();
    expect(r.steps.slice(-4)).toEqual(['sign', 'reply', 'approve', 'rate']);
    const t = await env.DB.prepare(
      `SELECT id, status, lead_department_code AS dept, received_at AS receivedAt, created_at AS createdAt,
              signed_at AS signedAt, replied_at AS repliedAt, closed_at AS closedAt FROM tickets WHERE ticket_no = ?`,
    )
      .bind(r.ticketNo)
      .first<Record<string, string | number>>();
    expect(t).toMatchObject({
      status: 'closed',
      dept: 'zjj',
      receivedAt: Date.parse('2025-03-03T09:15:00+08:00'),
      createdAt: Date.parse('2025-03-03T09:15:00+08:00'),
      signedAt: Date.parse('2025-03-06T16:00:00+08:00'),
      repliedAt: Date.parse('2025-03-06T16:00:00+08:00'),
      closedAt: Date.parse('2025-03-08T10:00:00+08:00'),
    });
    const rating = await env.DB.prepare('SELECT resolved, satisfaction, at FROM ratings WHERE ticket_id = ?')
      .bind(t!.id)
      .first();
    expect(rating).toEqual({ resolved: 1, satisfaction: 'satisfied', at: Date.parse('2025-03-08T10:00:00+08:00') });
    const reply = await env.DB.prepare('SELECT status, department_code AS dept FROM replies WHERE ticket_id = ?')
      .bind(t!.id)
      .first();
    expect(reply).toEqual({ status: 'approved', dept: 'zjj' });
    const outbox = await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE ticket_id = ?')
      .bind(t!.id)
      .first<{ n: number }>();
    expect(outbox!.n).toBe(0);
    const events = await env.DB.prepare('SELECT action, at FROM ticket_events WHERE ticket_id = ? ORDER BY seq')
      .bind(t!.id)
      .all<{ action: string; at: number }>();
    expect(events.results.at(-1)).toEqual({ action: 'rate', at: Date.parse('2025-03-08T10:00:00+08:00') });
  });

  it('re-import changes nothing', async () => {
    const record = { ...full, externalId: 'H-2025-000124' };
    const first = await (await post([record])).json<{ results: { ticketNo: string }[] }>();
    const id = (await env.DB.prepare('SELECT id, version FROM tickets WHERE ticket_no = ?')
      .bind(first.results[0]!.ticketNo)
      .first<{ id: string; version: number }>())!;
    const again = await (await post([record])).json<{
      imported: number;
      duplicates: number;
      results: { ticketNo: string; steps: string[] }[];
    }>();
    expect(again).toMatchObject({ imported: 0, duplicates: 1 });
    expect(again.results[0]).toMatchObject({ ticketNo: first.results[0]!.ticketNo, steps: [] });
    const after = await env.DB.prepare('SELECT version FROM tickets WHERE id = ?')
      .bind(id.id)
      .first<{ version: number }>();
    expect(after!.version).toBe(id.version);
    expect(await inboxCount('H-2025-000124')).toBe(1);
  });

  it('reports bad records one by one and imports the good ones of the batch', async () => {
    const good = {
      externalId: 'H-2025-000125',
      channel: 'mailbox',
      receivedAt: '2025-04-01T08:00:00+08:00',
      text: '建议在公园增加健身器材。',
      consentToPublish: false,
    };
    const bad = { externalId: 'H-2025-000126', channel: 'fax', receivedAt: 'last spring', text: '' };
    const answer = await (await post([good, bad])).json<{
      imported: number;
      failed: number;
      results: { ok: boolean; error?: { details: { path: string }[] } }[];
    }>();
    expect(answer).toMatchObject({ imported: 1, failed: 1 });
    expect(answer.results[1]!.error!.details.map((d) => d.path).sort()).toEqual(['channel', 'receivedAt', 'text']);
    expect(await inboxCount('H-2025-000126')).toBe(0);
  });

  it('takes a letter with a title and no body, its title as its text', async () => {
    const titled = (externalId: string, body: Record<string, unknown>) => ({
      externalId,
      channel: 'mailbox',
      receivedAt: '2023-07-14T20:05:00+08:00',
      title: '建议延长市图书馆周末开放时间至晚上九点',
      consentToPublish: true,
      ...body,
    });
    const answer = await (
      await post([
        titled('MB-2023-0714-031', {}),
        titled('MB-2023-0714-032', { text: '' }),
        titled('MB-2023-0714-033', { text: '   ' }),
        { ...titled('MB-2023-0714-034', {}), title: undefined },
      ])
    ).json<{
      imported: number;
      failed: number;
      results: { ok: boolean; ticketNo?: string; error?: { details: unknown } }[];
    }>();
    expect(answer).toMatchObject({ imported: 3, failed: 1 });
    for (const r of answer.results.slice(0, 3)) {
      const t = await env.DB.prepare('SELECT title, text FROM tickets WHERE ticket_no = ?').bind(r.ticketNo).first();
      expect(t).toEqual({
        title: '建议延长市图书馆周末开放时间至晚上九点',
        text: '建议延长市图书馆周末开放时间至晚上九点',
      });
    }
    expect(answer.results[3]!.error!.details).toEqual([{ path: 'text', message: 'text (or a title) is required' }]);
    expect(await inboxCount('MB-2023-0714-034')).toBe(0);
  });

  it('refuses a missing or wrong integration token, storing nothing', async () => {
    const record = { ...full, externalId: 'H-2025-000127' };
    expect((await post([record], 'Bearer wrong')).status).toBe(401);
    expect((await post([record], '')).status).toBe(401);
    expect(await inboxCount('H-2025-000127')).toBe(0);
  });

  it('refuses oversized batches and non-JSON', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      externalId: `H-many-${i}`,
      channel: 'api',
      receivedAt: '2025-01-01T00:00:00Z',
      text: '路灯不亮',
      consentToPublish: false,
    }));
    const res = await post(many);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const empty = await post([]);
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: '' }] } });
    // Past the import's own 2 MB (a batch may be far larger than the JSON API's 64 KB).
    const huge = await post([{ ...full, externalId: 'H-huge-1', text: '很'.repeat(700_000) }]);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await inboxCount('H-huge-1')).toBe(0);
    const notJson = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"externalId":',
    });
    expect(notJson.status).toBe(400);
    expect(await inboxCount('H-many-0')).toBe(0);
  });
});
