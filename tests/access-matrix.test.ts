// Who may call what: every route of the hub, called by every role and by no one, against tables
// written out by hand, one for /api/v1 and one for everything else (the pages, the channels,
// Open311, the files). The routes come from the OpenAPI document and from the app's own route
// table (which also has the routes the document leaves out), so a new route without a row here
// fails this test until someone decides who may call it.
//   API: allowed → anything but 401 and 403 (and never a 5xx); refused role → 403; no session → 401.
//   public → allowed for everyone; integration → 401 for staff sessions and for no one.
//   Pages: allowed as above and not sent to sign-in; no session → a redirect to /login; refused
//   role → the 403 page. signed → the channel's own refusal (400, 401 or 403) for every caller, staff
//   sessions included; form token → 403 for every caller without the form's token (the sign-in).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../tickets/lifecycle/actor';
import { createApp } from '../worker/app';
import { endSession, issueSession } from '../worker/auth/session';
import { csrfToken } from '../worker/middleware/csrf';
import { BASE, request } from './helpers';

type Access = 'public' | 'integration' | readonly StaffRole[];

const everyone: StaffRole[] = ['admin', 'dispatcher', 'supervisor', 'leader', 'handler', 'reviewer'];
const centre: StaffRole[] = ['admin', 'dispatcher', 'supervisor'];
const ticketWorkers: StaffRole[] = ['admin', 'dispatcher', 'supervisor', 'handler', 'reviewer'];
const admins: StaffRole[] = ['admin'];

const table: Record<string, Access> = {
  'GET /api/v1/openapi.json': 'public',
  'POST /api/v1/messages': 'integration',
  'POST /api/v1/import': 'integration',
  'GET /api/v1/track/{ticketNo}': 'public',
  'POST /api/v1/track/{ticketNo}/rating': 'public',
  'GET /api/v1/public/replies': 'public',
  // The resident gives or withdraws consent to publish, with the query code (公开意愿).
  'POST /api/v1/track/{ticketNo}/consent': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/session': everyone,
  'GET /api/v1/tickets': everyone,
  'GET /api/v1/tickets/queue': centre,
  'GET /api/v1/tickets/{ticketNo}': ticketWorkers,
  'POST /api/v1/tickets/{ticketNo}/actions/{action}': ticketWorkers,
  // The call centre records the resident's rating of a callback call (回访).
  'POST /api/v1/tickets/{ticketNo}/callback': centre,
  // 政务公开审查: the lead department's reviewer and the centre's admins and supervisors.
  'GET /api/v1/publication/queue': ['admin', 'supervisor', 'reviewer'],
  'GET /api/v1/tickets/{ticketNo}/publication': ['admin', 'supervisor', 'reviewer'],
  'POST /api/v1/tickets/{ticketNo}/publication/{decision}': ['admin', 'supervisor', 'reviewer'],
  // The leaders' figures: every staff role; department staff their own subtree (403 outside it).
  'GET /api/v1/stats/overview': everyone,
  'GET /api/v1/stats/departments': everyone,
  'GET /api/v1/stats/trend': everyone,
  'GET /api/v1/stats/breakdown': everyone,
  'GET /api/v1/stats/hotspots': everyone,
  'GET /api/v1/admin/metrics': admins,
  'PUT /api/v1/admin/metrics': admins,
  'GET /api/v1/admin/calendar': everyone,
  'PUT /api/v1/admin/calendar/{date}': admins,
  'DELETE /api/v1/admin/calendar/{date}': admins,
  'GET /api/v1/admin/routing/rules': centre,
  'PUT /api/v1/admin/routing/rules/{id}': admins,
  'DELETE /api/v1/admin/routing/rules/{id}': admins,
  'GET /api/v1/admin/routing/places': centre,
  'PUT /api/v1/admin/routing/places/{code}': admins,
  'GET /api/v1/admin/routing/corrections': centre,
  'GET /api/v1/admin/users': admins,
  'POST /api/v1/admin/users': admins,
  'PATCH /api/v1/admin/users/{username}': admins,
  'GET /api/v1/admin/departments': centre,
  'POST /api/v1/admin/departments': admins,
  'PATCH /api/v1/admin/departments/{code}': admins,
  'GET /api/v1/admin/sla-policies': centre,
  'PUT /api/v1/admin/sla-policies/{type}/{urgency}': admins,
  'GET /api/v1/admin/canned-replies': ticketWorkers,
  'POST /api/v1/admin/canned-replies': admins,
  'PATCH /api/v1/admin/canned-replies/{id}': admins,
  'DELETE /api/v1/admin/canned-replies/{id}': admins,
  'GET /api/v1/admin/dead-letters': admins,
  'POST /api/v1/admin/dead-letters/{id}/resend': admins,
  'GET /api/v1/admin/service-numbers': admins,
  'PUT /api/v1/admin/service-numbers/{number}': admins,
  'DELETE /api/v1/admin/service-numbers/{number}': admins,
  // Who read which resident's contact details: admins only, and no one may change it.
  'GET /api/v1/admin/audit': admins,
};

type PageAccess = 'public' | 'signed' | 'form token' | readonly StaffRole[];

const workers: StaffRole[] = ticketWorkers;
const reviewers: StaffRole[] = ['admin', 'supervisor', 'reviewer'];

/** Every route outside /api/v1, as Hono spells it. */
const pageTable: Record<string, PageAccess> = {
  'GET /healthz': 'public',
  'GET /': 'public',
  'GET /styles/:file': 'public',
  'GET /docs': 'public',
  'GET /docs/viewer.js': 'public',
  'GET /docs/assets/:file': 'public',
  'GET /mailbox': 'public',
  'POST /mailbox': 'public',
  'GET /track': 'public',
  'POST /track/rating': 'public',
  'POST /track/consent': 'public',
  'GET /public': 'public',
  'GET /public/feed.atom': 'public',
  'GET /public/:ticketNo{[A-Za-z]+[0-9]+}': 'public',
  'GET /public/monthly': 'public',
  'GET /public/monthly/:month': 'public',
  'GET /public/annual': 'public',
  'GET /public/annual/:year': 'public',
  'GET /login': 'public',
  'POST /login': 'form token',
  'POST /logout': everyone,
  'GET /workbench': workers,
  'GET /workbench/tickets/:ticketNo': workers,
  'POST /workbench/tickets/:ticketNo/actions/:action': workers,
  'GET /workbench/publication': reviewers,
  'GET /workbench/tickets/:ticketNo/publication': reviewers,
  'POST /workbench/tickets/:ticketNo/publication': reviewers,
  'GET /workbench/notices': workers,
  'POST /workbench/notices/:id/read': workers,
  'GET /workbench/admin': admins,
  'GET /workbench/admin/users': admins,
  'POST /workbench/admin/users': admins,
  'GET /workbench/admin/users/:username': admins,
  'POST /workbench/admin/users/:username/:change': admins,
  'GET /workbench/admin/dead-letters': admins,
  // 联系方式查阅记录: who read a resident's contact.
  'GET /workbench/admin/audit': admins,
  'POST /workbench/admin/dead-letters/:id/resend': admins,
  'GET /workbench/admin/canned-replies': admins,
  'POST /workbench/admin/canned-replies': admins,
  'GET /workbench/admin/canned-replies/:id': admins,
  'POST /workbench/admin/canned-replies/:id': admins,
  'POST /workbench/admin/canned-replies/:id/active': admins,
  'GET /workbench/admin/departments': admins,
  'POST /workbench/admin/departments/:code/:change': admins,
  'GET /workbench/admin/sla-policies': admins,
  'POST /workbench/admin/sla-policies/:type/:urgency': admins,
  'GET /workbench/admin/calendar': admins,
  'POST /workbench/admin/calendar': admins,
  'POST /workbench/admin/calendar/:date/remove': admins,
  'GET /workbench/admin/routing-rules': admins,
  'POST /workbench/admin/routing-rules/:id/enabled': admins,
  'GET /workbench/admin/service-numbers': admins,
  'POST /workbench/admin/service-numbers': admins,
  'POST /workbench/admin/service-numbers/:number/remove': admins,
  // The leaders' pages: every staff role, department staff their own subtree.
  'GET /dashboard': everyone,
  'GET /dashboard/tickets': everyone,
  // The 通报 sums up every department: not for department staff.
  'GET /dashboard/report/:month': ['leader', 'admin', 'dispatcher', 'supervisor'],
  'GET /dashboard/assets/*': 'public',
  // Channels sign their requests (WeChat's signature, the hub's HMAC); a staff session is nothing to them.
  'POST /channels/phone/calls': 'signed',
  'GET /channels/wechat': 'signed',
  'POST /channels/wechat': 'signed',
  'POST /channels/wechaty': 'signed',
  'GET /channels/wechaty/outbox': 'signed',
  'POST /channels/wechaty/outbox/:id/ack': 'signed',
  // Open311 GeoReport v2: reads are public, a new request needs an api_key.
  'GET /open311/v2/:file': 'public',
  'GET /open311/v2/services/:file': 'public',
  'GET /open311/v2/requests/:file': 'public',
  'GET /open311/v2/tokens/:file': 'public',
  'POST /open311/v2/:file': 'signed',
};

/**
 * Path parameters that name nothing (or a body of `{}`), so an allowed call ends in 404 or 422
 * and the walk changes no data.
 */
const samples: Record<string, string> = {
  ticketNo: 'A2099010100001',
  action: 'sign',
  decision: 'withdraw',
  date: '2099-01-01',
  id: 'no-such-id',
  code: 'no-such-code',
  username: 'no-such-user',
  type: encodeURIComponent('咨询'),
  urgency: 'normal',
  number: '000-000',
  change: 'active',
  month: '2026-10',
  year: '2026',
  file: 'requests.json',
};

/** Page parameters where the API's sample does not fit: the files a route hands out. */
const pageSamples: Record<string, string> = {
  'GET /styles/:file': 'nothing.000000000000.css',
  'GET /docs/assets/:file': 'swagger-ui.css',
  'GET /open311/v2/:file': 'discovery.json',
  'GET /open311/v2/services/:file': 'no-such-service.json',
  'GET /dashboard/assets/*': 'dashboard.js',
};

const accounts: Record<StaffRole, string> = {
  admin: 'staff-admin',
  dispatcher: 'staff-dispatcher',
  supervisor: 'staff-supervisor',
  leader: 'staff-leader',
  handler: 'staff-gaj-handler',
  reviewer: 'staff-gaj-reviewer',
};

async function documentedRoutes(): Promise<string[]> {
  const doc = (await (await request(`${BASE}/api/v1/openapi.json`)).json()) as { paths: Record<string, object> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Hono's own table: handlers (not middleware) under /api/v1, parameters spelt as in OpenAPI. */
function registeredRoutes(): string[] {
  return createApp()
    .routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`);
}

async function call(route: string, token: string | null): Promise<number> {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = samples[name];
    if (!value) throw new Error(`no sample value for {${name}} in ${route}`);
    return value;
  });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (withBody) headers['content-type'] = 'application/json';
  const res = await request(`${BASE}${path}`, { method, headers, body: withBody ? '{}' : undefined });
  return res.status;
}

/** What the table says a caller should get: `allowed`, or the exact refusal. */
function expected(access: Access, role: StaffRole | null): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  if (access === 'integration' || role === null) return 401;
  return access.includes(role) ? 'allowed' : 403;
}

const outcome = (status: number): 'allowed' | number => (status === 401 || status === 403 ? status : 'allowed');

let routes: string[] = [];

beforeAll(async () => {
  const found = new Set([...(await documentedRoutes()), ...registeredRoutes()]);
  // Signing out ends the caller's session, so it comes last in every walk.
  routes = [...found]
    .filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'))
    .sort((a, b) => {
      const last = (r: string) => (r === 'POST /api/v1/auth/logout' ? 1 : 0);
      return last(a) - last(b) || a.localeCompare(b);
    });
});

describe('the route table', () => {
  it('has a row for every /api/v1 route, and no row for a route that is gone', () => {
    expect(routes.filter((r) => !(r in table))).toEqual([]);
    expect(Object.keys(table).filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const role of [...everyone, null] as const) {
    it(`answers ${role ?? 'no session'} as the table says`, async () => {
      const token = role ? (await issueSession(env, { sub: accounts[role] })).token : null;
      const wrong: string[] = [];
      // A route without a row fails the first test; here it is left out.
      for (const route of routes.filter((r) => r in table)) {
        const status = await call(route, token);
        const want = expected(table[route]!, role);
        if (status >= 500 || outcome(status) !== want) wrong.push(`${route}: ${status}, expected ${want}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('answers a signed-out session and a disabled account like no session on every staff route', async () => {
    const out = await issueSession(env, { sub: 'staff-admin' });
    await endSession(env, out.token);
    await env.DB.prepare(
      `INSERT INTO staff (id, username, display_name, role, department_code, password_hash, active)
       VALUES ('staff-off', 'off', '已停用', 'admin', 'centre', 'x', 0)`,
    ).run();
    const disabled = await issueSession(env, { sub: 'staff-off' });
    const staffRoutes = routes.filter((r) => Array.isArray(table[r]));
    expect(staffRoutes.length).toBeGreaterThan(20);
    for (const token of [out.token, disabled.token]) {
      const statuses = await Promise.all(staffRoutes.map((r) => call(r, token)));
      expect(staffRoutes.filter((_, i) => statuses[i] !== 401)).toEqual([]);
    }
  });
});

/** Hono's table outside /api/v1: handlers, not middleware, each once. */
function pageRoutes(): string[] {
  const found = createApp()
    .routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(found)].sort((a, b) =>
    a === 'POST /logout' ? 1 : b === 'POST /logout' ? -1 : a.localeCompare(b),
  );
}

interface Caller {
  role: StaffRole | null;
  cookie: string;
  csrf: string;
}

async function callPage(route: string, caller: Caller): Promise<'allowed' | 'login' | number> {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/:(\w+)(\{[^}]*\})?|\*/g, (param: string, name?: string) => {
    const value = pageSamples[route] ?? (name ? samples[name] : undefined);
    if (!value) throw new Error(`no sample value for ${param} in ${route}`);
    return value;
  });
  const headers: Record<string, string> = { origin: BASE, accept: 'text/html', 'cf-connecting-ip': '192.0.2.9' };
  if (caller.cookie) headers.cookie = caller.cookie;
  const post = method === 'POST';
  if (post) headers['content-type'] = 'application/x-www-form-urlencoded';
  const body = post ? new URLSearchParams(caller.csrf ? { _csrf: caller.csrf } : {}) : undefined;
  const res = await request(`${BASE}${path}`, { method, headers, body, redirect: 'manual' });
  if (res.status >= 500) return res.status;
  // Sent to sign in (a signed-out visitor); signing out itself ends on /login?bye=1.
  if (res.status >= 300 && res.status < 400 && /^\/login(\?next=|$)/.test(res.headers.get('location') ?? '')) {
    return 'login';
  }
  return res.status === 401 || res.status === 403 || res.status === 400 ? res.status : 'allowed';
}

function expectedPage(access: PageAccess, role: StaffRole | null): 'allowed' | 'login' | 403 | 'refused' {
  if (access === 'public') return 'allowed';
  if (access === 'signed') return 'refused';
  if (access === 'form token') return 403;
  if (role === null) return 'login';
  return access.includes(role) ? 'allowed' : 403;
}

describe('the page table', () => {
  it('has a row for every route outside /api/v1, and no row for a route that is gone', () => {
    const found = pageRoutes();
    expect(found.filter((r) => !(r in pageTable))).toEqual([]);
    expect(Object.keys(pageTable).filter((r) => !found.includes(r))).toEqual([]);
  });

  for (const role of [...everyone, null] as const) {
    it(`answers ${role ?? 'no session'} as the table says`, async () => {
      const caller: Caller = { role, cookie: '', csrf: '' };
      if (role) {
        const session = await issueSession(env, { sub: accounts[role] });
        caller.cookie = `hub_session=${session.token}`;
        caller.csrf = csrfToken(env, 'session', `${accounts[role]}|${session.exp}`);
      }
      const wrong: string[] = [];
      for (const route of pageRoutes().filter((r) => r in pageTable)) {
        const got = await callPage(route, caller);
        const want = expectedPage(pageTable[route]!, role);
        // A channel's refusal of an unsigned request: 400 (WeChat's missing signature), 401 or 403.
        const ok =
          want === 'refused'
            ? got === 400 || got === 401 || got === 403
            : got === want || (want === 'allowed' && got === 400);
        if (!ok) wrong.push(`${route}: ${got}, expected ${want}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
