// History names departments the city's tree may not have: each new name becomes one department
// under the city, marked as made by import, and the letters are dispatched to it and answered
// from it as history says. Records are written the way a mayor's-mailbox archive reads.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { postMessage, request } from '../../tests/helpers';

const url = 'http://hub.test/api/v1/import';

interface ImportAnswer {
  imported: number;
  duplicates: number;
  failed: number;
  results: { ok: boolean; ticketNo: string; steps: string[]; warnings?: string[] }[];
}

async function importRecords(records: unknown[]): Promise<ImportAnswer> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
    body: JSON.stringify(records),
  });
  expect(res.status).toBe(200);
  return res.json<ImportAnswer>();
}

function letter(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    channel: 'mailbox',
    receivedAt: '2024-05-13T10:21:00+08:00',
    title: '人民公园西门行道树遮挡路灯',
    text: '人民公园西门外的香樟树长得太密，把路灯全挡住了，晚上散步的老人看不清路，希望修剪一下。',
    contact: { name: '周女士', phone: '13805710022' },
    consentToPublish: true,
    department: '市园林绿化局',
    replies: [
      {
        department: '市园林绿化局',
        at: '2024-05-20T15:00:00+08:00',
        text: '您好，我局已安排养护单位于5月18日对人民公园西门外行道树进行了修剪，路灯照明已恢复。感谢您的来信。',
      },
    ],
    rating: { resolved: true, satisfaction: 'satisfied', at: '2024-05-22T09:00:00+08:00' },
    ...overrides,
  };
}

const departmentsNamed = (name: string) =>
  env.DB.prepare('SELECT code, parent_code AS parent, kind, active, origin FROM departments WHERE name = ?')
    .bind(name)
    .all<{ code: string; parent: string; kind: string; active: number; origin: string }>()
    .then((r) => r.results);

const ticket = (ticketNo: string) =>
  env.DB.prepare(
    `SELECT t.id, t.status, t.version, t.lead_department_code AS lead,
            r.department_code AS replyDept, r.status AS replyStatus
     FROM tickets t LEFT JOIN replies r ON r.ticket_id = t.id WHERE t.ticket_no = ?`,
  )
    .bind(ticketNo)
    .first<{ id: string; status: string; version: number; lead: string; replyDept: string; replyStatus: string }>();

describe('departments named by history', () => {
  it('a name the city lacks becomes one department under the city, marked, and takes the replayed letter', async () => {
    expect(await departmentsNamed('市园林绿化局')).toEqual([]);
    const first = await importRecords([letter('MB-2024-0513-001')]);
    expect(first).toMatchObject({ imported: 1, failed: 0 });
    const [dept] = await departmentsNamed('市园林绿化局');
    expect(dept).toMatchObject({ parent: 'city', kind: 'functional', active: 1, origin: 'import' });
    expect(dept!.code).toMatch(/^imp-[0-9a-f]{16}$/);
    expect(first.results[0]!.warnings).toEqual([`new department created by import: 市园林绿化局 (${dept!.code})`]);
    expect(first.results[0]!.steps.slice(-4)).toEqual(['sign', 'reply', 'approve', 'rate']);
    expect(await ticket(first.results[0]!.ticketNo)).toMatchObject({
      status: 'closed',
      lead: dept!.code,
      replyDept: dept!.code,
      replyStatus: 'approved',
    });

    // A second letter to the same body, and the first one again: no second department, nothing changed.
    const before = await ticket(first.results[0]!.ticketNo);
    const again = await importRecords([
      letter('MB-2024-0513-001'),
      letter('MB-2024-0602-014', { title: '滨江公园草坪积水', text: '滨江公园东侧草坪下雨后积水好几天，蚊子很多。' }),
    ]);
    expect(again).toMatchObject({ imported: 1, duplicates: 1, failed: 0 });
    expect(again.results.map((r) => r.warnings)).toEqual([undefined, undefined]);
    expect(await departmentsNamed('市园林绿化局')).toEqual([dept]);
    expect((await ticket(first.results[0]!.ticketNo))!.version).toBe(before!.version);
    expect((await ticket(again.results[1]!.ticketNo))!.lead).toBe(dept!.code);
  });

  it('a letter whose only department is its reply’s is dispatched to the body that answered', async () => {
    const record = letter('MB-2023-1108-207', {
      title: '市民中心停车场收费标准',
      text: '请问市民中心地下停车场办事群众停车是否免费？',
      department: undefined,
      replies: [
        {
          department: '市机关事务管理局',
          at: '2023-11-10T11:30:00+08:00',
          text: '您好，到市民中心办事的群众凭办事回执可免费停车2小时。',
        },
      ],
      rating: undefined,
    });
    const answer = await importRecords([record]);
    const [dept] = await departmentsNamed('市机关事务管理局');
    expect(dept).toMatchObject({ parent: 'city', origin: 'import' });
    expect(await ticket(answer.results[0]!.ticketNo)).toMatchObject({
      status: 'reviewed',
      lead: dept!.code,
      replyDept: dept!.code,
    });
  });

  it('known names and codes resolve as before, and spellings of one new name are one department', async () => {
    const known = await importRecords([
      letter('MB-2024-0701-001', { department: '市住房和城乡建设局', replies: undefined, rating: undefined }),
      letter('MB-2024-0701-002', { department: 'jtj', replies: undefined, rating: undefined }),
    ]);
    expect(known.results.map((r) => r.warnings)).toEqual([undefined, undefined]);
    expect((await ticket(known.results[0]!.ticketNo))!.lead).toBe('zjj');
    expect((await ticket(known.results[1]!.ticketNo))!.lead).toBe('jtj');
    expect(await departmentsNamed('jtj')).toEqual([]);

    // The archive writes the same company with a full-width letter and a stray space.
    const spelled = await importRecords([
      letter('MB-2024-0702-001', { department: 'A市城投集团', replies: undefined, rating: undefined }),
      letter('MB-2024-0702-002', { department: 'Ａ市 城投集团', replies: undefined, rating: undefined }),
    ]);
    const [dept] = await departmentsNamed('A市城投集团');
    expect(await departmentsNamed('Ａ市 城投集团')).toEqual([]);
    expect((await ticket(spelled.results[0]!.ticketNo))!.lead).toBe(dept!.code);
    expect((await ticket(spelled.results[1]!.ticketNo))!.lead).toBe(dept!.code);
  });

  it('imports of one new name at the same moment make one department', async () => {
    const name = '市人民防空办公室';
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        importRecords([
          letter(`MB-2024-0815-${i}`, {
            title: '小区人防工程被占用',
            text: `我们小区（第${i + 1}栋旁）的人防地下室被物业出租做仓库，请核查。`,
            department: name,
            replies: undefined,
            rating: undefined,
          }),
        ]),
      ),
    );
    const rows = await departmentsNamed(name);
    expect(rows).toHaveLength(1);
    for (const a of answers) expect((await ticket(a.results[0]!.ticketNo))!.lead).toBe(rows[0]!.code);
    const told = answers.flatMap((a) => a.results[0]!.warnings ?? []).filter((w) => w.startsWith('new department'));
    expect(told).toHaveLength(1);
  });

  it('live letters are not routed to an import-made department', async () => {
    await importRecords([letter('MB-2024-0901-001', { department: '市园林绿化局' })]);
    const [dept] = await departmentsNamed('市园林绿化局');
    const res = await postMessage({
      channel: 'api',
      externalId: `live-${crypto.randomUUID()}`,
      receivedAt: new Date().toISOString(),
      sender: { phone: '13900002222' },
      title: '请市园林绿化局修剪行道树',
      text: '市园林绿化局你好，人民公园西门的香樟树又长密了，挡住了路灯，请尽快修剪。',
      consentToPublish: false,
    });
    expect(res.status).toBe(201);
    const live = await ticket((await res.json<{ ticketNo: string }>()).ticketNo);
    expect(live!.lead).not.toBe(dept!.code);
    const routing = await env.DB.prepare('SELECT routing FROM tickets WHERE id = ?')
      .bind(live!.id)
      .first<{ routing: string }>();
    expect(routing!.routing).not.toContain(dept!.code);
  });
});
