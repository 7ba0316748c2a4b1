// Query strings of every GET route, fuzzed: the public pages and search, the public API, the
// tracking page, the staff API's lists and figures, the workbench and the leaders' dashboard.
// Every route gets the names any of them reads (so each meets its own names with hostile values)
// and unknown ones, encoded properly or not at all. No query gives a 5xx; a refusal is the
// route's own form (the hub's JSON error shape, or an HTML page), and a GET writes nothing.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../../dashboard/workbench/page-session';
import { issueSession } from '../../worker/auth/session';
import { BASE, createTicket, request } from '../helpers';
import { expectHtmlPage, expectHubErrorShape, refusedCleanly } from './answers';
import { freshAddress, queryString, runs } from './arbitraries';

const names = [
  'q',
  'department',
  'category',
  'district',
  'from',
  'to',
  'cursor',
  'limit',
  'status',
  'queue',
  'before',
  'hotspot',
  'granularity',
  'sort',
  'metric',
  'channel',
  'type',
  'urgency',
  'light',
  'page',
  'year',
  'month',
  'role',
  'active',
  'departmentCode',
  'done',
  'canned',
  'read',
  'next',
  'bye',
  'no',
  'code',
  'dimension',
  'date',
  'holdForReview',
];

type Kind = 'page' | 'json' | 'feed';
type Caller = 'public' | 'staff-api' | 'staff-page';

let ticket: { ticketNo: string; queryCode: string };
let staffToken: string;
let staffPage: PageSession;

beforeAll(async () => {
  ticket = await createTicket();
  staffToken = (await issueSession(env, { sub: 'staff-admin' })).token;
  staffPage = await signInPage('admin');
});

const routes = (): Array<[string, Kind, Caller]> => [
  ['/', 'page', 'public'],
  ['/public', 'page', 'public'],
  ['/public/feed.atom', 'feed', 'public'],
  ['/public/monthly/2026-11', 'page', 'public'],
  ['/public/annual/2026', 'page', 'public'],
  ['/api/v1/public/replies', 'json', 'public'],
  ['/track', 'page', 'public'],
  [`/api/v1/track/${ticket.ticketNo}`, 'json', 'public'],
  ['/mailbox', 'page', 'public'],
  ['/login', 'page', 'public'],
  ['/api/v1/tickets', 'json', 'staff-api'],
  ['/api/v1/tickets/queue', 'json', 'staff-api'],
  [`/api/v1/tickets/${ticket.ticketNo}`, 'json', 'staff-api'],
  ['/api/v1/stats/overview', 'json', 'staff-api'],
  ['/api/v1/stats/departments', 'json', 'staff-api'],
  ['/api/v1/stats/trend', 'json', 'staff-api'],
  ['/api/v1/stats/breakdown', 'json', 'staff-api'],
  ['/api/v1/stats/hotspots', 'json', 'staff-api'],
  ['/api/v1/publication/queue', 'json', 'staff-api'],
  ['/api/v1/admin/calendar', 'json', 'staff-api'],
  ['/api/v1/admin/routing/corrections', 'json', 'staff-api'],
  ['/api/v1/admin/users', 'json', 'staff-api'],
  ['/api/v1/admin/dead-letters', 'json', 'staff-api'],
  ['/workbench', 'page', 'staff-page'],
  ['/workbench/publication', 'page', 'staff-page'],
  ['/workbench/notices', 'page', 'staff-page'],
  [`/workbench/tickets/${ticket.ticketNo}`, 'page', 'staff-page'],
  [`/workbench/tickets/${ticket.ticketNo}/publication`, 'page', 'staff-page'],
  ['/workbench/admin/users', 'page', 'staff-page'],
  ['/workbench/admin/dead-letters', 'page', 'staff-page'],
  ['/workbench/admin/calendar', 'page', 'staff-page'],
  ['/dashboard', 'page', 'staff-page'],
  ['/dashboard/tickets', 'page', 'staff-page'],
  ['/dashboard/report/2026-11', 'page', 'staff-page'],
];

function get(url: string, caller: Caller) {
  const headers: Record<string, string> = { 'cf-connecting-ip': freshAddress() };
  if (caller === 'staff-api') headers.authorization = `Bearer ${staffToken}`;
  if (caller === 'staff-page') headers.cookie = staffPage.cookie;
  return request(`${BASE}${url}`, { headers, redirect: 'manual' });
}

async function expectAnswer(res: Response, kind: Kind) {
  if (kind === 'json') return expectHubErrorShape(res);
  if (res.status >= 300 && res.status < 400) return;
  if (kind === 'feed') {
    expect(res.headers.get('content-type')).toMatch(/atom|xml|html|json/);
    return;
  }
  await expectHtmlPage(res);
}

describe('query strings of every GET route', { timeout: 300_000 }, () => {
  it('answer below 500, each in its route’s form, and write nothing', async () => {
    for (const [path, kind, caller] of routes()) {
      await fc.assert(
        fc.asyncProperty(queryString(names), async (query) => {
          const res = await refusedCleanly(() => get(`${path}?${query}`, caller));
          // A GET writes nothing, whatever its answer.
          await expectAnswer(res, kind);
        }),
        runs(8),
      );
    }
  });

  it('the public search answers every q below 500 (FTS syntax, quotes, operators, long text)', async () => {
    const q = fc.oneof(
      fc.constantFrom('"', '""', '*', 'a*', 'NEAR(a b)', 'a OR', 'AND', '(', ')', '-x', '^', 'title:x', '路灯 OR 噪音'),
      queryString(['q']).map((s) => new URLSearchParams(s).get('q') ?? ''),
    );
    await fc.assert(
      fc.asyncProperty(q, fc.constantFrom('/public', '/api/v1/public/replies'), async (text, path) => {
        const res = await refusedCleanly(() => get(`${path}?q=${encodeURIComponent(text)}`, 'public'));
        await expectAnswer(res, path === '/public' ? 'page' : 'json');
      }),
      runs(60),
    );
  });
});
