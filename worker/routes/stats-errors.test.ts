// The stats API and the drill-down refuse what is not a period, a department or a table with a
// 422 that names the field, and never answer malformed input with a 5xx.
import { describe, expect, it } from 'vitest';
import { BASE, login, request } from '../../tests/helpers';
import { statsGet } from '../../tests/stats-api';

const routes = ['overview', 'departments', 'trend', 'breakdown?by=type', 'hotspots'];

async function get(path: string, username = 'leader') {
  const res = await request(`${BASE}${path}`, { headers: { authorization: `Bearer ${await login(username)}` } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const detailOf = (body: Record<string, any>) => body.error.details.map((d: { path: string }) => d.path);

describe('periods', () => {
  it.each([
    [{ from: '2026-11-30', to: '2026-11-01' }, 'to'], // to before from
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'], // no such date
    [{ from: '2026-11-1', to: '2026-11-30' }, 'from'], // not YYYY-MM-DD
    [{ from: '2026-11-01', to: 'tomorrow' }, 'to'],
    [{ from: '2020-01-01', to: '2023-12-31' }, 'from'], // 1461 days: more than 3 × 366
  ])('refuses %o on every route, naming %s', async (period, path) => {
    for (const route of routes) {
      const sep = route.includes('?') ? '&' : '?';
      const { status, body } = await get(`/api/v1/stats/${route}${sep}${new URLSearchParams(period)}`);
      expect(status, route).toBe(422);
      expect(body.error.code).toBe('validation_failed');
      expect(new Set(detailOf(body)), route).toEqual(new Set([path]));
    }
  });

  it('takes 3 × 366 days, and a day-by-day trend of at most 366 of them', async () => {
    expect((await statsGet('overview', { from: '2024-01-01', to: '2026-12-31' })).status).toBe(200); // 1096 days
    const year = await statsGet('trend', { from: '2024-01-01', to: '2024-12-31', granularity: 'day' }); // 366
    expect(year.status).toBe(200);
    expect(year.body.points).toHaveLength(366);
    const longer = await statsGet('trend', { from: '2024-01-01', to: '2025-01-01' }); // 367, day by default
    expect(longer.status).toBe(422);
    expect(detailOf(longer.body)).toEqual(['granularity']);
    expect((await statsGet('trend', { from: '2024-01-01', to: '2025-01-01', granularity: 'week' })).status).toBe(200);
  });
});

describe('departments and tables', () => {
  it('refuses a department the city does not have', async () => {
    for (const route of routes) {
      const sep = route.includes('?') ? '&' : '?';
      const { status, body } = await get(`/api/v1/stats/${route}${sep}department=no-such-dept`);
      expect(status, route).toBe(422);
      expect(detailOf(body), route).toEqual(['department']);
    }
  });

  it('requires a known breakdown dimension, granularity and format', async () => {
    const missing = await statsGet('breakdown', {});
    expect(missing.status).toBe(422);
    expect(detailOf(missing.body)).toEqual(['by']);
    expect((await statsGet('breakdown', { by: 'colour' })).status).toBe(422);
    expect((await statsGet('trend', { granularity: 'year' })).status).toBe(422);
    const format = await statsGet('overview', { format: 'xlsx' });
    expect(format.status).toBe(422);
    expect(detailOf(format.body)).toEqual(['format']);
  });

  it('answers odd queries without a 5xx', async () => {
    const odd = [
      '/api/v1/stats/overview?from=2026-11-01&from=2026-11-02',
      `/api/v1/stats/overview?department=${'x'.repeat(51)}`,
      '/api/v1/stats/overview?department=%00',
      "/api/v1/stats/departments?department=' or 1=1 --",
      '/api/v1/stats/hotspots?to=9999-99-99',
      '/api/v1/stats/trend?from=0001-01-01&to=0001-01-02&granularity=week', // year 1: a date all the same
      '/api/v1/stats/breakdown?by=district&format=csv&department=%F0%9F%92%A5',
    ];
    for (const path of odd) {
      const { status } = await get(path);
      expect(status, path).toBeLessThan(500);
    }
  });
});

describe('the drill-down', () => {
  const list = (query: string, username = 'leader') => get(`/api/v1/tickets?${query}`, username);

  it('refuses an unknown metric, a period or a breakdown key without a metric, and two keys at once', async () => {
    const unknown = await list('metric=happiness');
    expect(unknown.status).toBe(422);
    expect(detailOf(unknown.body)).toEqual(['metric']);
    for (const [query, path] of [
      ['from=2026-11-01', 'from'],
      ['to=2026-11-30', 'to'],
      ['channel=phone', 'channel'],
      ['district=', 'district'],
    ]) {
      const { status, body } = await list(query!);
      expect(status, query).toBe(422);
      expect(detailOf(body), query).toEqual([path]);
    }
    const two = await list('metric=received&channel=phone&type=投诉');
    expect(two.status).toBe(422);
    expect(detailOf(two.body)).toEqual(['type']);
  });

  it('validates the period and department as the figures do', async () => {
    const backwards = await list('metric=received&from=2026-11-30&to=2026-11-01');
    expect(backwards.status).toBe(422);
    expect(detailOf(backwards.body)).toEqual(['to']);
    const unknown = await list('metric=received&department=no-such-dept');
    expect(unknown.status).toBe(422);
    expect(detailOf(unknown.body)).toEqual(['department']);
  });

  it('lists nothing for a hot spot that does not exist', async () => {
    const { status, body } = await list('hotspot=no-such-hotspot');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], next: null });
  });
});
