// The dashboard benchmark's routes: seeded tickets go through the rollups' triggers (kept equals
// recomputed), the GROUP BY yardstick answers the same figures as the rollup loaders (else the
// benchmark would compare different work), and none of it answers in production.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { rollupsKeptAndRecomputed } from '../../tests/stats-rollups';
import { benchApp as app } from '../../worker/bench-entry';

const period = { startMs: Date.parse('2025-11-01T00:00:00+08:00'), endMs: Date.parse('2026-11-01T00:00:00+08:00') };
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

const seed = (from: number, count: number, bindings: Partial<Env> = {}) =>
  app.request(
    '/__bench/seed-tickets',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, count, ...period }),
    },
    { ...env, ...bindings },
  );

const figures = async (kind: string, from: string, to: string, source: string) =>
  (await app.request(`/__bench/stats/${kind}?from=${from}&to=${to}&source=${source}`, {}, env)).json<object>();

describe('seeding', () => {
  it('writes the tickets and their ratings, and the triggers keep the rollups', async () => {
    const res = await seed(0, 1500);
    expect(res.status).toBe(201);
    const { tickets, ratings } = await res.json<{ tickets: number; ratings: number }>();
    expect(tickets).toBe(1500);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE id LIKE 'bench-%'")).toBe(1500);
    expect(await count("SELECT count(*) AS n FROM ratings WHERE ticket_id LIKE 'bench-%'")).toBe(ratings);
    // The shapes the benchmark claims: most dispatched, most rated, some red, some merged.
    const share = async (where: string) =>
      (await count(`SELECT count(*) AS n FROM tickets WHERE id LIKE 'bench-%' AND ${where}`)) / 1500;
    expect(await share('dispatched_at IS NOT NULL')).toBeGreaterThan(0.85);
    expect(await share("light = 'red'")).toBeGreaterThan(0);
    expect(await share("status = 'merged'")).toBeGreaterThan(0.01);
    expect(ratings / 1500).toBeGreaterThan(0.55);
    const { kept, recomputed } = await rollupsKeptAndRecomputed();
    expect(kept).toEqual(recomputed);
  });

  it('makes ticket i the same every time', async () => {
    await seed(5000, 3);
    const rows = await env.DB.prepare(
      "SELECT * FROM tickets WHERE id IN ('bench-5000', 'bench-5001', 'bench-5002')",
    ).all();
    await env.DB.prepare("DELETE FROM tickets WHERE id IN ('bench-5000', 'bench-5001', 'bench-5002')").run();
    await env.DB.prepare("DELETE FROM ratings WHERE ticket_id IN ('bench-5000', 'bench-5001', 'bench-5002')").run();
    await seed(5000, 3);
    const again = await env.DB.prepare(
      "SELECT * FROM tickets WHERE id IN ('bench-5000', 'bench-5001', 'bench-5002')",
    ).all();
    expect(again.results).toEqual(rows.results);
  });
});

describe('the yardstick', () => {
  it.each([
    ['overview', '2026-10-01', '2026-10-31'],
    ['overview', '2025-11-01', '2026-10-31'],
    ['trend', '2026-10-01', '2026-10-31'],
    ['trend', '2025-11-01', '2026-10-31'],
  ])('answers the %s from %s to %s as the rollups do', async (kind, from, to) => {
    const plain = await figures(kind, from, to, 'group-by');
    const kept = await figures(kind, from, to, 'rollups');
    if (kind === 'overview')
      expect(plain).toMatchObject(
        Object.fromEntries(
          Object.entries(kept as Record<string, unknown>).filter(([k]) => !['from', 'to', 'department'].includes(k)),
        ),
      );
    else expect(plain).toMatchObject((kept as { points: object[] }).points);
    expect(JSON.stringify(plain)).toMatch(/"received":[1-9]/);
  });

  it('ranks the same units with the same figures', async () => {
    const plain = (await figures('departments', '2025-11-01', '2026-10-31', 'group-by')) as Array<
      Record<string, unknown>
    >;
    const kept = (await figures('departments', '2025-11-01', '2026-10-31', 'rollups')) as {
      ranked: Array<Record<string, unknown>>;
      unranked: Array<Record<string, unknown>>;
    };
    const byCode = new Map(plain.map((r) => [r.code, r]));
    const rows = [...kept.ranked, ...kept.unranked];
    expect(rows.length).toBe(plain.length);
    for (const r of rows) {
      const { rank: _rank, name: _name, ...figures } = r;
      expect(byCode.get(r.code)).toMatchObject(figures);
    }
  });
});

describe('security', () => {
  it('answers 404 in production and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM tickets');
    expect((await seed(90_000, 10, { HUB_ENV: 'production' })).status).toBe(404);
    const production = { ...env, HUB_ENV: 'production' };
    expect((await app.request('/__bench/index-time-columns', { method: 'POST' }, production)).status).toBe(404);
    expect(
      (await app.request('/__bench/stats/overview?from=2026-10-01&to=2026-10-31&source=rollups', {}, production))
        .status,
    ).toBe(404);
    expect(await count('SELECT count(*) AS n FROM tickets')).toBe(before);
  });

  it('refuses a malformed seed or stats request with a 422', async () => {
    const bad = await app.request('/__bench/seed-tickets', { method: 'POST', body: 'nope' }, env);
    expect(bad.status).toBe(422);
    expect(
      (await app.request('/__bench/stats/everything?from=2026-10-01&to=2026-10-31&source=rollups', {}, env)).status,
    ).toBe(422);
  });
});
