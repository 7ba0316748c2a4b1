// The admins' user pages through request(), as a browser would use them: only admins see them,
// a created account can sign in, a disabled account's session is refused at once, a reset
// password ends the old sessions, and a refused form keeps its input with errors beside fields.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, request } from '../../../tests/helpers';
import { cookieOf, type PageSession, signInPage, submitLogin } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;
let serial = 0;
const uniqueName = () => `page.user${Date.now() % 100000}${serial++}`;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

/** Creates an account on the page; returns its user name. */
async function createOnPage(fields: Record<string, string> = {}) {
  const username = uniqueName();
  await admin.get('/workbench/admin/users');
  const res = await admin.post('/workbench/admin/users', {
    username,
    displayName: '新来的承办人',
    role: 'handler',
    departmentCode: 'zjj',
    password: 'first-password-1',
    ...fields,
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/workbench/admin/users/${username}?done=created`);
  return username;
}

async function signInAs(username: string, password: string): Promise<string | null> {
  const res = await submitLogin(username, password);
  return res.status === 303 ? cookieOf(res, 'hub_session') : null;
}

const workbenchWith = (session: string) =>
  request(`${BASE}/workbench`, { headers: { cookie: `hub_session=${session}` }, redirect: 'manual' });

describe('who sees the admin pages', () => {
  it('shows an admin the index and the nav link, and other roles a 403 page', async () => {
    const index = await admin.get('/workbench/admin');
    expect(index.status).toBe(200);
    for (const href of ['/workbench/admin/users', '/workbench/admin/dead-letters', '/workbench/admin/canned-replies']) {
      expect(index.html).toContain(`href="${href}"`);
    }
    expect((await admin.get('/workbench')).html).toContain('<a href="/workbench/admin">系统管理</a>');
    expect((await dispatcher.get('/workbench')).html).not.toContain('href="/workbench/admin"');
    for (const path of ['/workbench/admin', '/workbench/admin/users', '/workbench/admin/users/admin']) {
      const page = await dispatcher.get(path);
      expect(page.status, path).toBe(403);
      expect(page.html).toContain('无权操作');
    }
    const handler = await signInPage('zjj.handler');
    expect((await handler.get('/workbench/admin/users')).status).toBe(403);
  });

  it('sends a visitor without a session to sign in', async () => {
    const res = await request(`${BASE}/workbench/admin/users`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fworkbench%2Fadmin%2Fusers');
  });
});

describe('the user list', () => {
  it('filters by role, department and whether active', async () => {
    const page = await admin.get('/workbench/admin/users?role=handler&department=zjj&active=true');
    expect(page.status).toBe(200);
    expect(page.html).toContain('>zjj.handler</a>');
    expect(page.html).not.toContain('>zjj.reviewer</a>');
    expect(page.html).not.toContain('>jyj.handler</a>');
    expect(page.html).not.toContain('>dispatcher</a>');
    const none = await admin.get('/workbench/admin/users?role=handler&department=zjj&active=false');
    expect(none.html).toContain('没有符合条件的账号');
  });
});

describe('creating an account', () => {
  it('creates one that can then sign in with its password', async () => {
    const username = await createOnPage();
    const page = await admin.get(`/workbench/admin/users/${username}?done=created`);
    expect(page.html).toContain('账号已创建');
    expect(page.html).toContain('新来的承办人');
    expect(await signInAs(username, 'first-password-1')).not.toBeNull();
    expect(await signInAs(username, 'wrong-password-1')).toBeNull();
  });

  it('keeps the input and puts each error beside its field, never echoing the password', async () => {
    await admin.get('/workbench/admin/users');
    const res = await admin.post('/workbench/admin/users', {
      username: 'x',
      displayName: '试用',
      role: 'handler',
      departmentCode: 'zjj',
      password: 'short',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<input id="create-username"[^>]*value="x"[^>]*\/?><p class="error"[^>]*>用户名为3至50个/);
    expect(html).toMatch(/<input id="create-password"[^>]*value=""[^>]*\/?><p class="error"[^>]*>密码至少10个字符/);
    expect(html).toMatch(/<input id="create-displayName"[^>]*value="试用"/);
    expect(html).not.toContain('value="short"');
  });

  it('refuses a handler in the 12345 centre beside the department, and a taken user name', async () => {
    await admin.get('/workbench/admin/users');
    const misplaced = await admin.post('/workbench/admin/users', {
      username: uniqueName(),
      displayName: '放错部门',
      role: 'handler',
      departmentCode: 'centre',
      password: 'long-enough-pass',
    });
    expect(misplaced.status).toBe(422);
    expect(await misplaced.text()).toMatch(
      /id="create-departmentCode-error">承办人和审核人须属于承办部门，不能是12345热线中心</,
    );
    const taken = await admin.post('/workbench/admin/users', {
      username: 'dispatcher',
      displayName: '重名',
      role: 'dispatcher',
      departmentCode: 'centre',
      password: 'long-enough-pass',
    });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('id="create-username-error">用户名已存在<');
  });

  it('refuses a form without the session’s token and creates nothing', async () => {
    const username = uniqueName();
    const res = await admin.post(
      '/workbench/admin/users',
      { username, displayName: '伪造', role: 'handler', departmentCode: 'zjj', password: 'long-enough-pass' },
      'forged-token',
    );
    expect(res.status).toBe(403);
    const row = await env.DB.prepare('SELECT 1 FROM staff WHERE username = ?').bind(username).first();
    expect(row).toBeNull();
  });
});

describe('changing an account', () => {
  it('disables an account: its open session is refused on the next request; enabling lets it sign in', async () => {
    const username = await createOnPage();
    const session = (await signInAs(username, 'first-password-1'))!;
    expect((await workbenchWith(session)).status).toBe(200);

    await admin.get(`/workbench/admin/users/${username}`);
    const res = await admin.post(`/workbench/admin/users/${username}/active`, { active: 'false' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/workbench/admin/users/${username}?done=disabled`);
    const refused = await workbenchWith(session);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/login/);
    expect(await signInAs(username, 'first-password-1')).toBeNull();

    await admin.get(`/workbench/admin/users/${username}`);
    expect((await admin.post(`/workbench/admin/users/${username}/active`, { active: 'true' })).status).toBe(303);
    expect(await signInAs(username, 'first-password-1')).not.toBeNull();
  });

  it('resets a password: the old sessions end and only the new password signs in', async () => {
    const username = await createOnPage();
    const session = (await signInAs(username, 'first-password-1'))!;
    await admin.get(`/workbench/admin/users/${username}`);
    const res = await admin.post(`/workbench/admin/users/${username}/password`, { password: 'second-password-2' });
    expect(res.status).toBe(303);
    expect((await workbenchWith(session)).status).toBe(303);
    expect(await signInAs(username, 'first-password-1')).toBeNull();
    expect(await signInAs(username, 'second-password-2')).not.toBeNull();
  });

  it('changes role and department by the placement rules, the error beside the field', async () => {
    const username = await createOnPage();
    await admin.get(`/workbench/admin/users/${username}`);
    const moved = await admin.post(`/workbench/admin/users/${username}/placement`, {
      role: 'reviewer',
      departmentCode: 'jyj',
    });
    expect(moved.status).toBe(303);
    const row = await env.DB.prepare('SELECT role, department_code AS dept FROM staff WHERE username = ?')
      .bind(username)
      .first();
    expect(row).toEqual({ role: 'reviewer', dept: 'jyj' });

    const refused = await admin.post(`/workbench/admin/users/${username}/placement`, {
      role: 'dispatcher',
      departmentCode: 'jyj',
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('id="placement-departmentCode-error">管理员、派单员和督办员须属于12345热线中心<');
    expect(html).toMatch(/<option value="dispatcher" selected="">/);
    expect(await env.DB.prepare('SELECT role FROM staff WHERE username = ?').bind(username).first()).toEqual({
      role: 'reviewer',
    });
  });

  it('will not let an admin disable themselves or drop their own role', async () => {
    await admin.get('/workbench/admin/users/admin');
    const disable = await admin.post('/workbench/admin/users/admin/active', { active: 'false' });
    expect(disable.status).toBe(422);
    expect(await disable.text()).toContain('不能停用自己的账号');
    const demote = await admin.post('/workbench/admin/users/admin/placement', {
      role: 'dispatcher',
      departmentCode: 'centre',
    });
    expect(demote.status).toBe(422);
    expect(await demote.text()).toContain('id="placement-role-error">不能取消自己的管理员角色<');
    expect((await admin.get('/workbench/admin')).status).toBe(200);
  });

  it('answers an unknown account with a 404 page that names it', async () => {
    const page = await admin.get('/workbench/admin/users/no-such-user');
    expect(page.status).toBe(404);
    expect(page.html).toContain('用户不存在：no-such-user');
  });
});
