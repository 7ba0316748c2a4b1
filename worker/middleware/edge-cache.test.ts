// The edge cache in front of the public pages and API, in the test pool's Cache API (miniflare
// keeps caches.default per test file, as one data centre would): round trips a hit and a miss
// cost, freshness after a generation bump, and what is never stored.
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, login, observeD1, request } from '../../tests/helpers';
import { insertPublications, type PublicationFixture, setPublicationStatus } from '../../tests/publication-fixtures';
import { edgeCache } from './edge-cache';

const at = Date.parse('2026-11-10T02:00:00Z');
const fixture = (i: number): PublicationFixture => ({
  ticketNo: `A20261110${String(i).padStart(5, '0')}`,
  title: `公园健身器材损坏（${i}）`,
  question: '居民反映公园东门健身器材螺丝松动，存在安全隐患。',
  reply: '已安排维修人员更换螺丝并加固器材。',
  departmentCode: 'zjj',
  category: '城乡建设',
  receivedAt: at - 20 * 3_600_000,
  repliedAt: at + i * 60_000,
});

beforeAll(async () => {
  await insertPublications(Array.from({ length: 5 }, (_, i) => fixture(i)));
});

/** A request on a watched D1: its status, body and the round trips it cost. */
async function observed(path: string, init?: RequestInit) {
  const watch = observeD1(env.DB);
  const res = await request(`${BASE}${path}`, init, { DB: watch.db });
  return { res, body: await res.text(), trips: watch.calls() };
}

const publicPaths = [
  '/public',
  `/public?q=${encodeURIComponent('健身器材')}&department=zjj&from=2026-11-01&to=2026-11-30`,
  `/public/${fixture(2).ticketNo}`,
  '/public/feed.atom',
  '/api/v1/public/replies',
  `/api/v1/public/replies?q=${encodeURIComponent('螺丝')}&limit=2`,
  // The portal and the figures: the newest replies and the month's figures share one batch.
  '/',
  '/public/monthly/2026-11',
  '/public/annual/2026',
];

describe('edge cache', () => {
  it('reads every public page and the API in two round trips on a miss and one on a hit', async () => {
    for (const path of publicPaths) {
      const miss = await observed(path);
      expect(miss.res.status, path).toBe(200);
      expect(miss.trips, path).toBe(2);
      expect(miss.res.headers.get('cache-control'), path).toBe('public, max-age=60');
      const hit = await observed(path);
      expect(hit.trips, path).toBe(1);
      expect(hit.body, path).toBe(miss.body);
      expect(hit.res.headers.get('cache-control'), path).toBe('public, max-age=60');
      expect(hit.res.headers.get('content-type'), path).toBe(miss.res.headers.get('content-type'));
      // Each answer has its own request id, not the one of the request that filled the cache.
      expect(hit.res.headers.get('x-request-id')).not.toBe(miss.res.headers.get('x-request-id'));
      expect(hit.res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves fresh data at once after a generation bump: a withdrawn reply is gone everywhere', async () => {
    const gone = fixture(4);
    for (const path of ['/public', `/public/${gone.ticketNo}`, '/api/v1/public/replies', '/public/feed.atom'])
      expect((await observed(path)).body, path).toContain(gone.title);
    await setPublicationStatus(gone.ticketNo, 'withdrawn');
    const page = await observed(`/public/${gone.ticketNo}`);
    expect(page.res.status).toBe(404);
    for (const path of ['/public', '/api/v1/public/replies', '/public/feed.atom']) {
      const fresh = await observed(path);
      expect(fresh.trips, path).toBe(2);
      expect(fresh.body, path).not.toContain(gone.title);
      expect(fresh.body, path).toContain(fixture(3).title);
    }
  });

  it('stores no refusal and no 404: each costs its reads again', async () => {
    // The generation and the page's batch; a refused API query reads nothing past the generation.
    const cases: Array<[string, number, number]> = [
      ['/public/A2026111099999', 404, 2],
      ['/public?cursor=zzz', 400, 2],
      ['/api/v1/public/replies?limit=0', 422, 1],
      ['/api/v1/public/replies?cursor=zzz', 400, 1],
    ];
    for (const [path, status, trips] of cases) {
      const first = await observed(path);
      const second = await observed(path);
      expect([first.res.status, second.res.status], path).toEqual([status, status]);
      expect([first.trips, second.trips], path).toEqual([trips, trips]);
      expect(second.res.headers.get('cache-control'), path).toBeNull();
    }
  });

  it('never stores nor serves a staff request (Authorization or the session cookie)', async () => {
    const token = await login('dispatcher');
    const path = '/public?category=%E5%9F%8E%E4%B9%A1%E5%BB%BA%E8%AE%BE';
    const credentials: Record<string, string>[] = [
      { authorization: `Bearer ${token}` },
      { cookie: `theme=dark; hub_session=${token}` },
    ];
    for (const headers of credentials) {
      const staff = await observed(path, { headers });
      expect(staff.res.status).toBe(200);
      // No generation read: the page's own batch only, and nothing put in the cache.
      expect(staff.trips).toBe(1);
      expect(staff.res.headers.get('cache-control')).toBeNull();
    }
    expect((await observed(path)).trips).toBe(2);
    expect((await observed(path)).trips).toBe(1);
  });

  it('strips Set-Cookie before storing and caches only 200s (a small app behind the middleware)', async () => {
    let served = 0;
    const app = new Hono<{ Bindings: Env }>();
    app.use('*', edgeCache());
    app.get('/with-cookie', (c) => {
      served++;
      c.header('set-cookie', 'tracker=1');
      return c.text(`page ${served}`);
    });
    app.get('/failing', (c) => {
      served++;
      return c.text('no', 503);
    });
    const first = await app.request(`${BASE}/with-cookie`, undefined, env);
    expect(first.headers.get('set-cookie')).toBeNull();
    const again = await app.request(`${BASE}/with-cookie`, undefined, env);
    expect(await again.text()).toBe('page 1');
    expect(again.headers.get('set-cookie')).toBeNull();
    await app.request(`${BASE}/failing`, undefined, env);
    await app.request(`${BASE}/failing`, undefined, env);
    expect(served).toBe(3);
    // POSTs go straight through.
    expect((await app.request(`${BASE}/with-cookie`, { method: 'POST' }, env)).status).toBe(404);
  });
});
