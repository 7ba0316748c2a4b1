// 依申请公开 outcomes on the department's reply: the closed list, its checks at the API, what is
// stored with the reply, and history import with and without an outcome.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createTicket, request, routeEverythingByHand } from '../tests/helpers';
import { disclosureOutcomes, disclosureSchema } from './disclosure-outcomes';

beforeAll(routeEverythingByHand);

const REPLY = '经查，您申请公开的旧城改造项目批复文件已于本机关门户网站公开，现将文件随函提供。';

async function signedTicket(type: string) {
  const t = await createTicket({ text: '申请公开本市2025年旧城改造项目的立项批复文件及其附件。' });
  expect((await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj', type })).status).toBe(200);
  expect((await act(t.ticketNo, 'sign', 'zjj.handler', {})).status).toBe(200);
  return t.ticketNo;
}

const storedDisclosure = async (ticketNo: string) => {
  const row = await env.DB.prepare(
    'SELECT r.disclosure FROM replies r JOIN tickets t ON t.id = r.ticket_id WHERE t.ticket_no = ?',
  )
    .bind(ticketNo)
    .first<{ disclosure: string | null }>();
  return row ? (row.disclosure === null ? null : JSON.parse(row.disclosure)) : undefined;
};

type Refusal = { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } };

describe('the closed list', () => {
  it('has the annual report table’s six outcomes in its order, with 8, 3, 5 and 3 reasons', () => {
    expect(disclosureOutcomes.map((o) => o.label.slice(0, 4))).toEqual([
      '予以公开',
      '部分公开',
      '不予公开',
      '无法提供',
      '不予处理',
      '其他处理',
    ]);
    expect(disclosureOutcomes.map((o) => o.reasons.length)).toEqual([0, 0, 8, 3, 5, 3]);
    expect(disclosureOutcomes[2].reasons.map((r) => r.label)).toContain('危及“三安全一稳定”');
    expect(disclosureOutcomes[3].reasons[0].label).toBe('本机关不掌握相关政府信息');
  });

  it('takes a reason exactly when the outcome has reasons, and only one of its own', () => {
    const ok = (v: unknown) => disclosureSchema.safeParse(v).success;
    expect(ok({ outcome: 'disclosed' })).toBe(true);
    expect(ok({ outcome: 'withheld', reason: 'state_secret', note: '涉密文件' })).toBe(true);
    expect(ok({ outcome: 'other', reason: 'other' })).toBe(true);
    expect(ok({ outcome: 'disclosed', reason: 'state_secret' })).toBe(false);
    expect(ok({ outcome: 'withheld' })).toBe(false);
    expect(ok({ outcome: 'unavailable', reason: 'state_secret' })).toBe(false);
    expect(ok({ outcome: 'not_processed', reason: 'not_held' })).toBe(false);
    expect(ok({ outcome: 'published' })).toBe(false);
    expect(ok({ outcome: 'withheld', reason: 'made_up' })).toBe(false);
  });
});

describe('the reply action', () => {
  it('refuses a 依申请公开 reply without an outcome, in Chinese, naming the field', async () => {
    const ticketNo = await signedTicket('依申请公开');
    const res = await act(ticketNo, 'reply', 'zjj.handler', { text: REPLY });
    expect(res.status).toBe(422);
    const body = await res.json<Refusal>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([{ path: 'disclosure', message: '请选择依申请公开的办理结果' }]);
    expect(body.error.message).toContain('依申请公开的答复须选择办理结果');
    expect(await storedDisclosure(ticketNo)).toBeUndefined();
  });

  it('refuses a reason of another outcome, at disclosure.reason', async () => {
    const ticketNo = await signedTicket('依申请公开');
    const res = await act(ticketNo, 'reply', 'zjj.handler', {
      text: REPLY,
      disclosure: { outcome: 'unavailable', reason: 'repeated' },
    });
    expect(res.status).toBe(422);
    const body = await res.json<Refusal>();
    expect(body.error.details?.map((d) => d.path)).toEqual(['disclosure.reason']);
    expect(body.error.details?.[0]?.message).toBe('该理由不属于「无法提供」');
  });

  it('stores the outcome with the reply, and in the reply event', async () => {
    const ticketNo = await signedTicket('依申请公开');
    const disclosure = { outcome: 'unavailable', reason: 'not_held', note: '该文件由市发展改革委制作' };
    const res = await act(ticketNo, 'reply', 'zjj.handler', { text: REPLY, disclosure });
    expect(res.status).toBe(200);
    expect(await storedDisclosure(ticketNo)).toEqual(disclosure);
    const event = await env.DB.prepare(
      `SELECT e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.ticket_no = ? AND e.action = 'reply'`,
    )
      .bind(ticketNo)
      .first<{ data: string }>();
    expect(JSON.parse(event!.data).disclosure).toEqual(disclosure);
  });

  it('refuses an outcome on another type’s reply, and stores none without one', async () => {
    const ticketNo = await signedTicket('求助');
    const refused = await act(ticketNo, 'reply', 'zjj.handler', { text: REPLY, disclosure: { outcome: 'disclosed' } });
    expect(refused.status).toBe(422);
    expect((await refused.json<Refusal>()).error.details?.[0]?.path).toBe('disclosure');
    expect((await act(ticketNo, 'reply', 'zjj.handler', { text: REPLY })).status).toBe(200);
    expect(await storedDisclosure(ticketNo)).toBeNull();
  });
});

describe('history import', () => {
  const record = (externalId: string, disclosure?: unknown) => ({
    externalId,
    channel: 'mailbox',
    receivedAt: '2025-04-01T09:00:00+08:00',
    type: '依申请公开',
    text: '申请公开2024年本市老旧小区改造资金的分配明细。',
    department: 'zjj',
    replies: [
      { department: 'zjj', at: '2025-04-20T16:00:00+08:00', text: REPLY, ...(disclosure ? { disclosure } : {}) },
    ],
  });
  const importOne = async (body: unknown) => {
    const res = await request('http://hub.test/api/v1/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
      body: JSON.stringify([body]),
    });
    expect(res.status).toBe(200);
    return (await res.json<{ results: Array<{ ticketNo: string; steps: string[]; warnings?: string[] }> }>())
      .results[0]!;
  };

  it('keeps the outcome the archive recorded', async () => {
    const r = await importOne(record('GK-2025-0001', { outcome: 'partly_disclosed' }));
    expect(r.steps).toContain('approve');
    expect(await storedDisclosure(r.ticketNo)).toEqual({ outcome: 'partly_disclosed' });
  });

  it('takes an old record without one, as 其他处理/其他 with a note saying the archive had none', async () => {
    const r = await importOne(record('GK-2025-0002'));
    expect(r.warnings).toBeUndefined();
    expect(r.steps).toContain('approve');
    expect(await storedDisclosure(r.ticketNo)).toEqual({
      outcome: 'other',
      reason: 'other',
      note: '历史档案未载明办理结果',
    });
  });
});
