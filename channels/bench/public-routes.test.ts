// The public pages benchmark's routes: seeded replies are on the public pages and found by the
// hub's own search (the benchmark would otherwise time pages that find nothing), copies of one
// message are found together, the generation bump retires cached pages, and none of it answers
// in production.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { benchApp as app } from '../../worker/bench-entry';

const endMs = Date.parse('2026-11-01T00:00:00+08:00');
const messages = [
  { title: '小区噪音扰民', text: '小区旁边的工地每天夜里施工，噪音扰民严重，希望尽快处理。', label: '环境保护' },
  { title: null, text: '公司拖欠三个月工资，多次讨要无果，请劳动监察部门帮忙。', label: '劳动和社会保障' },
  { title: null, text: '孩子今年上小学，想咨询学区划分和入学报名需要准备的材料。', label: '教育文体' },
];

const seed = (from: number, sent: typeof messages, bindings: Partial<Env> = {}) =>
  app.request(
    '/__bench/seed-publications',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, endMs, messages: sent }),
    },
    { ...env, ...bindings },
  );

const search = async (q: string) =>
  (
    await app.request(`/api/v1/public/replies?q=${encodeURIComponent(q)}&limit=100`, {}, env, createExecutionContext())
  ).json<{
    items: Array<{ ticketNo: string; question: string; department: string | null }>;
  }>();

describe('happy path', () => {
  it('publishes the replies, found by the hub’s search and shown on their pages', async () => {
    // Messages 0..5: each of the three twice, as the benchmark cycles its file.
    expect((await seed(0, [...messages, ...messages])).status).toBe(201);
    // A phrase: the bigrams of 三个月工资 in a row, in the second message alone.
    const wages = await search('三个月工资');
    expect(wages.items.map((i) => i.ticketNo).sort()).toEqual(['P000000002', 'P000000005']);
    expect(wages.items[0]!.question).toBe(messages[1]!.text);
    expect(await search('拖欠工资')).toEqual({ items: [], next: null });
    // A two-character term: in the first message's title and text, and in no other.
    expect((await search('噪音')).items.map((i) => i.ticketNo).sort()).toEqual(['P000000001', 'P000000004']);
    const page = await app.request('/public/P000000003', {}, env, createExecutionContext());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('想咨询学区划分');
  });

  it('bumps the public generation by one', async () => {
    const read = async () =>
      (await app.request('/__bench/public-generation', { method: 'POST' }, env)).json<{ generation: number }>();
    const first = await read();
    expect(await read()).toEqual({ generation: first.generation + 1 });
  });
});

describe('errors', () => {
  it('refuses a body that is not a batch of messages', async () => {
    const res = await app.request(
      '/__bench/seed-publications',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":0,"messages":[]}' },
      env,
    );
    expect(res.status).toBe(422);
  });
});

describe('security', () => {
  it('answers 404 in production and writes nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM publications').first<{ n: number }>();
    const res = await seed(100, messages, { HUB_ENV: 'production' });
    expect(res.status).toBe(404);
    const after = await env.DB.prepare('SELECT count(*) AS n FROM publications').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });
});
