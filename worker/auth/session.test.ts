// A staff session is checked against its account on every request: disabling, a role or
// department change, a password reset and signing out all take effect on the very next request.
import { env } from 'cloudflare:test';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { BASE, login, observeD1, request } from '../../tests/helpers';
import { issueSession } from './session';

const json = { 'content-type': 'application/json' };

async function signIn(username: string, password = DEMO_PASSWORD) {
  const res = await request(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, token: res.status === 200 ? ((await res.json()) as { token: string }).token : '' };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function patchUser(username: string, body: unknown) {
  const res = await request(`${BASE}/api/v1/admin/users/${username}`, {
    method: 'PATCH',
    headers: { ...json, ...bearer(await login('admin')) },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The departments' ticket list: any staff role may read it. */
const listTickets = (token: string) => request(`${BASE}/api/v1/tickets`, { headers: bearer(token) });
/** The dispatch queue: the centre's roles only. */
const dispatchQueue = (token: string) => request(`${BASE}/api/v1/tickets/queue`, { headers: bearer(token) });
const whoAmI = async (token: string) =>
  (await (await request(`${BASE}/api/v1/auth/session`, { headers: bearer(token) })).json()) as {
    user: { role: string; departmentCode: string };
  };

describe('an account change reaches live sessions at once', () => {
  it('refuses a disabled account on its next request, and keeps refusing it after re-enabling', async () => {
    const { token } = await signIn('supervisor');
    expect((await listTickets(token)).status).toBe(200);
    await patchUser('supervisor', { active: false });
    const refused = await listTickets(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await signIn('supervisor')).status).toBe(401);
    // Disabling ended the sessions: letting the account back in does not revive the old token.
    await patchUser('supervisor', { active: true });
    expect((await listTickets(token)).status).toBe(401);
    expect((await listTickets((await signIn('supervisor')).token)).status).toBe(200);
  });

  it('applies a role change and a department move on the next request, without signing in again', async () => {
    const { token } = await signIn('dispatcher');
    expect((await dispatchQueue(token)).status).toBe(200);
    await patchUser('dispatcher', { role: 'handler', departmentCode: 'zjj' });
    expect((await dispatchQueue(token)).status).toBe(403);
    expect((await whoAmI(token)).user).toMatchObject({ role: 'handler', departmentCode: 'zjj' });
    await patchUser('dispatcher', { role: 'dispatcher', departmentCode: 'centre' });
    expect((await dispatchQueue(token)).status).toBe(200);
  });

  it('ends every session of the account when its password is reset', async () => {
    const first = await signIn('zjj.reviewer');
    const second = await signIn('zjj.reviewer');
    await patchUser('zjj.reviewer', { password: 'a-new-password-2026' });
    expect((await listTickets(first.token)).status).toBe(401);
    expect((await listTickets(second.token)).status).toBe(401);
    expect((await signIn('zjj.reviewer')).status).toBe(401);
    const fresh = await signIn('zjj.reviewer', 'a-new-password-2026');
    expect((await listTickets(fresh.token)).status).toBe(200);
  });
});

describe('sign-out', () => {
  it('ends that session only: another session of the same account goes on', async () => {
    const desk = await signIn('zjj.handler');
    const laptop = await signIn('zjj.handler');
    const out = await request(`${BASE}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { ...json, ...bearer(desk.token) },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hub_session=;.*Max-Age=0/);
    const refused = await listTickets(desk.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('已退出登录，请重新登录');
    expect((await listTickets(laptop.token)).status).toBe(200);
  });

  it('ends the session the cookie carries', async () => {
    const { token } = await signIn('zjj.handler');
    const cookie = { cookie: `hub_session=${token}` };
    expect((await request(`${BASE}/api/v1/tickets`, { headers: cookie })).status).toBe(200);
    const out = await request(`${BASE}/api/v1/auth/logout`, { method: 'POST', headers: { ...json, ...cookie } });
    expect(out.status).toBe(204);
    expect((await request(`${BASE}/api/v1/tickets`, { headers: cookie })).status).toBe(401);
  });

  it('answers 204 without a session, and twice for one', async () => {
    const { token } = await signIn('zjj.handler');
    for (const headers of [json, { ...json, ...bearer(token) }, { ...json, ...bearer(token) }]) {
      expect((await request(`${BASE}/api/v1/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    }
  });
});

describe('tokens that are not a live session', () => {
  const secret = 'dev-session-secret-not-for-production';

  it('refuses a token signed before sessions were recorded (no session id), though its signature is good', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const old = await sign(
      { sub: 'staff-admin', username: 'admin', role: 'admin', departmentCode: 'centre', exp },
      secret,
    );
    expect((await listTickets(old)).status).toBe(401);
  });

  it('refuses a session id that names another account, and one with no row', async () => {
    const { sessionId } = await issueSession(env, { sub: 'staff-leader' });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    expect((await listTickets(await sign({ sub: 'staff-admin', sid: sessionId, exp }, secret))).status).toBe(401);
    expect((await listTickets(await sign({ sub: 'staff-admin', sid: 'no-such', exp }, secret))).status).toBe(401);
  });

  it('refuses an expired session and a forged signature', async () => {
    const { token } = await issueSession(env, { sub: 'staff-admin' }, Date.now() - 13 * 3600_000);
    expect((await listTickets(token)).status).toBe(401);
    const live = await login('admin');
    const forged = `${live.slice(0, live.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect((await listTickets(forged)).status).toBe(401);
  });

  it('refuses a session whose account was deleted', async () => {
    await env.DB.prepare(
      `INSERT INTO staff (id, username, display_name, role, department_code, password_hash)
       VALUES ('staff-gone', 'gone', '已删除', 'leader', 'city', 'x')`,
    ).run();
    const { token } = await issueSession(env, { sub: 'staff-gone' });
    expect((await listTickets(token)).status).toBe(200);
    await env.DB.prepare("DELETE FROM staff WHERE id = 'staff-gone'").run();
    expect((await listTickets(token)).status).toBe(401);
  });
});

describe('cost', () => {
  it('reads the session with its account in one round trip, however many checks a route has', async () => {
    const { token } = await issueSession(env, { sub: 'staff-admin' });
    const session = observeD1(env.DB);
    expect((await request(`${BASE}/api/v1/auth/session`, { headers: bearer(token) }, { DB: session.db })).status).toBe(
      200,
    );
    expect(session.calls()).toBe(1);
    // The queue sits behind the module's check and its own role check: one read for both, one for the queue.
    const queue = observeD1(env.DB);
    expect((await request(`${BASE}/api/v1/tickets/queue`, { headers: bearer(token) }, { DB: queue.db })).status).toBe(
      200,
    );
    expect(queue.calls()).toBe(2);
  });
});
