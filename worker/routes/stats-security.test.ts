// Who reads which figures: the centre and the leaders the whole city and any department; a
// department's handler and reviewer their own department's subtree only, by default and in the
// drill-down behind a figure; no session, nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { BASE, login, request, routeEverythingByHand } from '../../tests/helpers';
import { actOn, dispatcher, intakeAt } from '../../tests/practice-steps';
import { drillAll, statsCsv, statsGet } from '../../tests/stats-api';

const aug = { from: '2026-08-01', to: '2026-08-31' };
const routes = ['overview', 'departments', 'trend', 'breakdown', 'hotspots'];
const byOf = (route: string): Record<string, string> => (route === 'breakdown' ? { by: 'channel' } : {});
const no: Record<string, string> = {};

beforeAll(async () => {
  await routeEverythingByHand();
  // Mon 8/3: one letter for 市教育局, one for 市城管局, one for a street of A2区.
  for (const [name, departmentCode] of [
    ['jyj', 'jyj'],
    ['cgj', 'cgj'],
    ['street', 'A02-001'],
  ] as const) {
    const t = await intakeAt(at('2026-08-03', 9));
    await actOn(t.ticketNo)('dispatch', dispatcher, { departmentCode, type: '求助' }, at('2026-08-03', 10));
    no[name] = t.ticketNo;
  }
});

describe('no session', () => {
  it('answers 401 on every stats route, CSV too', async () => {
    for (const route of routes) {
      const res = await request(`${BASE}/api/v1/stats/${route}?${new URLSearchParams({ ...aug, ...byOf(route) })}`);
      expect(res.status, route).toBe(401);
      const csv = await request(`${BASE}/api/v1/stats/${route}?format=csv`);
      expect(csv.status, route).toBe(401);
      expect(csv.headers.get('content-type'), route).toContain('application/json');
    }
  });
});

describe('the centre and the leaders', () => {
  it('read the whole city and any department', async () => {
    for (const username of ['leader', 'admin', 'dispatcher', 'supervisor']) {
      const city = await statsGet('overview', aug, username);
      expect(city.body).toMatchObject({ department: null, received: 3, dispatched: 3 });
      for (const department of ['jyj', 'cgj', 'A02', 'A02-001']) {
        const { status, body } = await statsGet('overview', { ...aug, department }, username);
        expect(status, `${username} ${department}`).toBe(200);
        expect(body.received).toBe(1);
      }
    }
    expect((await drillAll({ ...aug, metric: 'received' }, 'leader')).sort()).toEqual(
      [no.jyj!, no.cgj!, no.street!].sort(),
    );
  });
});

describe('department staff', () => {
  it('read their own department when they name none, and may name it or one under it', async () => {
    for (const username of ['jyj.handler', 'jyj.reviewer']) {
      const own = await statsGet('overview', aug, username);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ department: 'jyj', received: 1 });
      expect((await statsGet('overview', { ...aug, department: 'jyj' }, username)).body.received).toBe(1);
    }
    const district = await statsGet('overview', { ...aug, department: 'A02-001' }, 'A02.handler');
    expect(district.status).toBe(200);
    expect(district.body).toMatchObject({ department: 'A02-001', received: 1 });
    expect((await statsGet('departments', aug, 'A02.reviewer')).body.department).toBe('A02');
  });

  it('are refused (403) any department outside their own subtree, on every route and as CSV', async () => {
    const outside: Array<[string, string]> = [
      ['jyj.handler', 'cgj'],
      ['jyj.reviewer', 'city'],
      ['A02-001.handler', 'A02'], // a street may not read its district
      ['A02-001.reviewer', 'A02-002'], // nor a neighbouring street
    ];
    for (const [username, department] of outside) {
      for (const route of routes) {
        const { status, body } = await statsGet(route, { ...aug, ...byOf(route), department }, username);
        expect(status, `${username} ${route} ${department}`).toBe(403);
        expect(body.error.code).toBe('forbidden');
        // The refusal tells nothing of the figures.
        expect(JSON.stringify(body)).not.toMatch(/received|compositeScore/);
        const csv = await statsCsv(route, { ...aug, ...byOf(route), department }, username);
        expect(csv.status).toBe(403);
        expect(csv.headers.get('content-disposition')).toBeNull();
      }
    }
  });

  it('drill down into their own subtree only', async () => {
    expect(await drillAll({ ...aug, metric: 'received' }, 'jyj.handler')).toEqual([no.jyj]);
    expect(await drillAll({ ...aug, metric: 'dispatched' }, 'A02.handler')).toEqual([no.street]);
    const res = await request(
      `${BASE}/api/v1/tickets?${new URLSearchParams({ ...aug, metric: 'received', department: 'cgj' })}`,
      {
        headers: { authorization: `Bearer ${await login('jyj.handler')}` },
      },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('forbidden');
  });

  it('keep the ticket list without a figure as it was: their own tickets', async () => {
    const res = await request(`${BASE}/api/v1/tickets?department=cgj`, {
      headers: { authorization: `Bearer ${await login('jyj.handler')}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).items).toEqual([]);
  });
});
