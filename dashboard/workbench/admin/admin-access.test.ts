// Every admin page, walked with every role and with no session, against an explicit table: an
// admin reaches each (a form posted empty is refused as input, 422, or names what is missing,
// 404, so nothing is changed), every other role gets the 403 page, no session goes to sign-in.
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, request } from '../../../tests/helpers';
import { type PageSession, postForm, signInPage } from '../page-session';

type Route = [method: 'GET' | 'POST', path: string, adminStatus: number];

const routes: Route[] = [
  ['GET', '/workbench/admin', 200],
  ['GET', '/workbench/admin/users', 200],
  ['GET', '/workbench/admin/users/admin', 200],
  ['POST', '/workbench/admin/users', 422],
  ['POST', '/workbench/admin/users/admin/password', 422],
  ['GET', '/workbench/admin/dead-letters', 200],
  ['POST', '/workbench/admin/dead-letters/no-such-id/resend', 404],
  ['GET', '/workbench/admin/canned-replies', 200],
  ['POST', '/workbench/admin/canned-replies', 422],
  ['GET', '/workbench/admin/canned-replies/no-such-id', 404],
  ['POST', '/workbench/admin/canned-replies/no-such-id', 404],
  ['GET', '/workbench/admin/departments', 200],
  ['POST', '/workbench/admin/departments/zjj/name', 422],
  ['GET', '/workbench/admin/sla-policies', 200],
  ['POST', `/workbench/admin/sla-policies/${encodeURIComponent('咨询')}/normal`, 422],
  ['GET', '/workbench/admin/calendar', 200],
  ['POST', '/workbench/admin/calendar', 422],
  ['POST', '/workbench/admin/calendar/2031-01-01/remove', 404],
  ['GET', '/workbench/admin/routing-rules', 200],
  ['POST', '/workbench/admin/routing-rules/no-such-rule/enabled', 404],
  ['GET', '/workbench/admin/service-numbers', 200],
  ['POST', '/workbench/admin/service-numbers', 422],
  ['POST', '/workbench/admin/service-numbers/000-000/remove', 404],
  ['GET', '/workbench/admin/audit', 200],
];

// Leaders read figures on the dashboard: the workbench itself is closed to them.
const otherRoles = ['dispatcher', 'supervisor', 'leader', 'zjj.handler', 'zjj.reviewer'];
const sessions = new Map<string, { session: PageSession; token: string }>();

beforeAll(async () => {
  for (const username of ['admin', ...otherRoles]) {
    const session = await signInPage(username);
    // A token of the person's own session, so a refusal is for the role, not the form.
    const token = (await session.get('/workbench')).html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    sessions.set(username, { session, token });
  }
});

async function call(username: string | null, [method, path]: Route): Promise<number> {
  if (!username) {
    const res =
      method === 'GET' ? await request(`${BASE}${path}`, { redirect: 'manual' }) : await postForm(path, {}, {});
    expect(res.headers.get('location') ?? '', `${method} ${path}`).toMatch(/^\/login/);
    return res.status;
  }
  const { session, token } = sessions.get(username)!;
  return method === 'GET' ? (await session.get(path)).status : (await session.post(path, {}, token)).status;
}

describe('the admin pages by role', () => {
  it.each(routes)('%s %s', async (...route) => {
    expect(await call('admin', route), 'admin').toBe(route[2]);
    for (const username of otherRoles) expect(await call(username, route), username).toBe(403);
    expect(await call(null, route), 'no session').toBe(303);
  });
});
