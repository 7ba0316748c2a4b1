// Admins edit routing rules and the gazetteer, and export dispatchers' corrections for retraining.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { act, BASE, login, message, postMessage, request } from '../../tests/helpers';

const call = async (method: string, path: string, user: string, body?: unknown) =>
  request(`${BASE}/api/v1/admin/routing${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(user)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function intake(text: string, title?: string) {
  const res = await postMessage(
    message({
      text,
      title,
      sender: {
        phone: `136${Math.floor(Math.random() * 1e8)
          .toString()
          .padStart(8, '0')}`,
      },
    }),
  );
  const { ticketNo } = (await res.json()) as { ticketNo: string };
  return (await env.DB.prepare(
    'SELECT ticket_no, lead_department_code, place_code, category FROM tickets WHERE ticket_no = ?',
  )
    .bind(ticketNo)
    .first<Record<string, string | null>>())!;
}

describe('rules', () => {
  it('applies a new force rule to the next message at once, and stops when it is deleted', async () => {
    const text = '小区里的共享单车乱停乱放，堵住了消防通道，希望有关部门管一管。';
    const put = await call('PUT', '/rules/bike-parking', 'admin', {
      pattern: ['共享单车'],
      action: 'force',
      departmentCode: 'cgj',
      category: '城市管理',
    });
    expect(put.status).toBe(200);
    expect((await intake(text)).lead_department_code).toBe('cgj');
    expect((await call('DELETE', '/rules/bike-parking', 'admin')).status).toBe(204);
    expect((await intake(text)).lead_department_code).not.toBe('cgj');
    expect((await call('DELETE', '/rules/bike-parking', 'admin')).status).toBe(404);
  });

  it('refuses a rule whose regular expression does not compile, in Chinese', async () => {
    const res = await call('PUT', '/rules/broken', 'admin', {
      pattern: '(停水',
      action: 'force',
      departmentCode: 'water',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('正则表达式无效');
  });

  it('lets dispatchers read but only admins change rules', async () => {
    expect((await call('GET', '/rules', 'dispatcher')).status).toBe(200);
    expect(
      (await call('PUT', '/rules/x', 'dispatcher', { pattern: ['x'], action: 'boost', departmentCode: 'cgj' })).status,
    ).toBe(403);
    expect((await call('GET', '/rules', 'cgj.handler')).status).toBe(403);
  });
});

describe('gazetteer', () => {
  it('recognises a place an admin adds', async () => {
    const res = await call('PUT', '/places/A01-099', 'admin', {
      name: '锦绣街道',
      level: 'street',
      parentCode: 'A01',
      aliases: ['锦绣街'],
    });
    expect(res.status).toBe(200);
    const t = await intake(
      '锦绣街道某小区开发商承诺的配套幼儿园至今没有建设，交房时的宣传与实际不符。',
      '配套设施未兑现',
    );
    expect(t.place_code).toBe('A01-099');
  });

  it('refuses a street without a known district', async () => {
    expect(
      (await call('PUT', '/places/Z01-001', 'admin', { name: '无名街道', level: 'street', parentCode: 'Z01' })).status,
    ).toBe(422);
    expect((await call('PUT', '/places/Z01-002', 'admin', { name: '无名街道', level: 'street' })).status).toBe(422);
  });
});

describe('corrections', () => {
  const exported = async () =>
    (await (await call('GET', '/corrections', 'dispatcher')).text())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; title: string | null; text: string; label: string });

  it('exports a dispatcher’s re-dispatch as a training example with the right label', async () => {
    const text = '某民营医院拖欠护士三个月工资，护士多次讨要无果，希望有关部门督促医院发放。';
    const t = await intake(text);
    // The dispatcher sends it to a department whose one label is not routing's: 市卫生健康委员会
    // answers 卫生计生, 市教育局 answers 教育文体.
    const [departmentCode, label] = t.category === '卫生计生' ? ['jyj', '教育文体'] : ['wjw', '卫生计生'];
    await act(t.ticket_no!, 'dispatch', 'dispatcher', { departmentCode });
    const res = await call('GET', '/corrections', 'dispatcher');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect((await exported()).filter((l) => l.text === text)).toEqual([
      { id: expect.stringMatching(/^correction:/), title: null, text, label },
    ]);
  });

  it('keeps only a ticket’s latest correction, and none when it goes back to routing’s choice', async () => {
    const text = '我家孩子所在的学校周末组织有偿补课，每人收费两千元，家长不交就被老师冷落。';
    const t = await intake(text);
    expect(t.lead_department_code).toBe('jyj');
    await act(t.ticket_no!, 'dispatch', 'dispatcher', { departmentCode: 'rsj', category: '劳动和社会保障' });
    expect((await exported()).filter((l) => l.text === text).map((l) => l.label)).toEqual(['劳动和社会保障']);
    await act(t.ticket_no!, 'dispatch', 'dispatcher', { departmentCode: 'jyj' });
    expect((await exported()).filter((l) => l.text === text)).toEqual([]);
  });
});
