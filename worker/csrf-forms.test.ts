// Cross-site request forgery on every form the pages post. The form routes come from the app's
// own route table (every POST outside the API and the machine channels, which sign or key their
// requests instead), so a new form route without a row here fails. Each is posted from another
// site with everything else right (a signed-in session, its token) and must be refused; the
// staff forms and the sign-in form are also posted from the hub itself without their token and
// must be refused too; the residents' forms have no session, so the origin is their check.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginForm, type PageSession, signInPage, tokenIn } from '../dashboard/workbench/page-session';
import { BASE, request } from '../tests/helpers';
import { createApp } from './app';

type Guard = 'session token' | 'sign-in token' | 'origin';

const forms: Record<string, Guard> = {
  'POST /mailbox': 'origin',
  'POST /track/rating': 'origin',
  'POST /track/consent': 'origin',
  'POST /login': 'sign-in token',
  'POST /logout': 'session token',
  'POST /workbench/tickets/:ticketNo/actions/:action': 'session token',
  'POST /workbench/tickets/:ticketNo/publication': 'session token',
  'POST /workbench/notices/:id/read': 'session token',
  'POST /workbench/admin/users': 'session token',
  'POST /workbench/admin/users/:username/:change': 'session token',
  'POST /workbench/admin/dead-letters/:id/resend': 'session token',
  'POST /workbench/admin/canned-replies': 'session token',
  'POST /workbench/admin/canned-replies/:id': 'session token',
  'POST /workbench/admin/canned-replies/:id/active': 'session token',
  'POST /workbench/admin/departments/:code/:change': 'session token',
  'POST /workbench/admin/sla-policies/:type/:urgency': 'session token',
  'POST /workbench/admin/calendar': 'session token',
  'POST /workbench/admin/calendar/:date/remove': 'session token',
  'POST /workbench/admin/routing-rules/:id/enabled': 'session token',
  'POST /workbench/admin/service-numbers': 'session token',
  'POST /workbench/admin/service-numbers/:number/remove': 'session token',
};

const samples: Record<string, string> = {
  ticketNo: 'A2099010100001',
  action: 'sign',
  id: 'no-such-id',
  username: 'no-such-user',
  change: 'active',
  code: 'no-such-code',
  type: encodeURIComponent('咨询'),
  urgency: 'normal',
  date: '2099-01-01',
  number: '000-000',
};

const EVIL = 'https://evil.example';

/** Form routes: POSTs the pages answer, not the API's or the signed channels'. */
function formRoutes(): string[] {
  const machine = /^\/(api|channels|open311)\//;
  const routes = createApp()
    .routes.filter((r) => r.method === 'POST' && !machine.test(r.path))
    .map((r) => `POST ${r.path}`);
  return [...new Set(routes)].sort();
}

const pathOf = (route: string) =>
  route.slice('POST '.length).replace(/:(\w+)/g, (_, name: string) => samples[name] ?? `no-sample-${name}`);

let admin: PageSession;
let token = '';

beforeAll(async () => {
  admin = await signInPage('admin');
  token = tokenIn((await admin.get('/workbench')).html) ?? '';
  expect(token).not.toBe('');
});

/** A form post from `from`, an origin, or `sec-fetch-site:<value>` for that header alone. */
function post(route: string, from: string, fields: Record<string, string>, cookie: string) {
  const source: Record<string, string> = from.startsWith('sec-fetch-site:')
    ? { 'sec-fetch-site': from.slice(15) }
    : { origin: from };
  return request(`${BASE}${pathOf(route)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...source,
      cookie,
      'cf-connecting-ip': '198.51.100.7',
    },
    body: new URLSearchParams(fields),
  });
}

describe('CSRF on every form', () => {
  it('has a row for every form route, and none for a route that is gone', () => {
    const routes = formRoutes();
    expect(routes.filter((r) => !(r in forms))).toEqual([]);
    expect(Object.keys(forms).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('refuses every form posted from another site, even with a session and its token', async () => {
    const login = await loginForm();
    const wrong: string[] = [];
    for (const route of Object.keys(forms)) {
      const signIn = route === 'POST /login';
      const cookie = signIn ? `hub_login_nonce=${login.nonce}` : admin.cookie;
      for (const from of [EVIL, 'sec-fetch-site:cross-site']) {
        const res = await post(route, from, { _csrf: signIn ? login.token : token }, cookie);
        if (res.status !== 403) wrong.push(`${route} (${from}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the staff forms and the sign-in form from the hub itself without their token', async () => {
    const login = await loginForm();
    const wrong: string[] = [];
    for (const [route, guard] of Object.entries(forms)) {
      if (guard === 'origin') continue;
      const cookie = guard === 'sign-in token' ? `hub_login_nonce=${login.nonce}` : admin.cookie;
      for (const fields of [{}, { _csrf: 'forged' }] as Record<string, string>[]) {
        const res = await post(route, BASE, fields, cookie);
        if (res.status !== 403) wrong.push(`${route} ${JSON.stringify(fields)}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('takes the residents’ forms from the hub’s own pages (the 403 above is the origin check)', async () => {
    for (const [route, guard] of Object.entries(forms)) {
      if (guard !== 'origin') continue;
      const res = await post(route, BASE, {}, '');
      expect(res.status, route).not.toBe(403);
      expect(res.status, route).toBeLessThan(500);
    }
  });

  it('finds only listed routes in the pages’ own post forms', async () => {
    const pages = ['/workbench', '/workbench/admin/users', '/workbench/admin/calendar', '/workbench/admin/departments'];
    const actions = new Set<string>();
    for (const path of pages) {
      const { html } = await admin.get(path);
      for (const m of html.matchAll(/<form method="post" action="([^"?#]+)/g)) actions.add(m[1]!);
    }
    for (const path of ['/mailbox', '/login']) {
      const html = await (await request(`${BASE}${path}`)).text();
      for (const m of html.matchAll(/<form [^>]*method="post"[^>]*action="([^"?#]+)/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(4);
    const patterns = Object.keys(forms).map(
      (r) => new RegExp(`^${r.slice('POST '.length).replace(/:\w+/g, '[^/]+')}/?$`),
    );
    expect([...actions].filter((a) => !patterns.some((p) => p.test(a)))).toEqual([]);
  });
});
