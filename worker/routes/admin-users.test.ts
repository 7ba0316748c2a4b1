// Admins keep staff accounts; a role goes with the department it may belong to.
import { describe, expect, it } from 'vitest';
import { adminCall } from '../../tests/admin-api';
import { BASE, request } from '../../tests/helpers';

const newHandler = {
  username: 'gaj.handler2',
  displayName: '公安局承办人二',
  role: 'handler',
  departmentCode: 'gaj',
  password: 'long-enough-1',
  phone: '0571-12345678',
};

const signIn = (username: string, password: string) =>
  request(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('happy path', () => {
  it('creates an account that can sign in, lists it without its password, and changes it', async () => {
    const created = await adminCall('POST', '/users', newHandler);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'gaj.handler2',
      role: 'handler',
      departmentCode: 'gaj',
      phone: '0571-12345678',
      email: null,
      active: true,
    });
    expect(Object.keys(created.body).sort()).toEqual(
      ['active', 'createdAt', 'departmentCode', 'displayName', 'email', 'id', 'phone', 'role', 'username'].sort(),
    );
    expect((await signIn('gaj.handler2', 'long-enough-1')).status).toBe(200);

    const list = await adminCall('GET', '/users?departmentCode=gaj');
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual([
      'gaj.handler',
      'gaj.handler2',
      'gaj.reviewer',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/pbkdf2|passwordHash/);

    const moved = await adminCall('PATCH', '/users/gaj.handler2', { role: 'reviewer', displayName: '公安局审核人二' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'reviewer', departmentCode: 'gaj', displayName: '公安局审核人二' });
    const reset = await adminCall('PATCH', '/users/gaj.handler2', { password: 'another-pass-2' });
    expect(reset.status).toBe(200);
    expect((await signIn('gaj.handler2', 'long-enough-1')).status).toBe(401);
    expect((await signIn('gaj.handler2', 'another-pass-2')).status).toBe(200);
  });

  it('filters by role and by whether the account is active', async () => {
    const leaders = await adminCall('GET', '/users?role=leader');
    expect(leaders.body.items.map((u: { username: string }) => u.username)).toEqual(['leader']);
    await adminCall('PATCH', '/users/leader', { active: false });
    const inactive = await adminCall('GET', '/users?active=false');
    expect(inactive.body.items.map((u: { username: string }) => u.username)).toEqual(['leader']);
    await adminCall('PATCH', '/users/leader', { active: true });
  });
});

describe('errors', () => {
  it('keeps roles in the departments they belong to', async () => {
    const centreHandler = await adminCall('POST', '/users', {
      ...newHandler,
      username: 'c.handler',
      departmentCode: 'centre',
    });
    expect(centreHandler.status).toBe(422);
    expect(centreHandler.body.error.details).toEqual([
      { path: 'departmentCode', message: '承办人和审核人须属于承办部门，不能是12345热线中心' },
    ]);
    const deptDispatcher = await adminCall('POST', '/users', { ...newHandler, username: 'gaj.d', role: 'dispatcher' });
    expect(deptDispatcher.status).toBe(422);
    expect(deptDispatcher.body.error.details[0].path).toBe('departmentCode');
    // A change is checked against the role and department it leaves the account with.
    const patched = await adminCall('PATCH', '/users/gaj.handler', { departmentCode: 'centre' });
    expect(patched.status).toBe(422);
    const unknown = await adminCall('POST', '/users', {
      ...newHandler,
      username: 'x.handler',
      departmentCode: 'nowhere',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_department');
  });

  it('refuses a short password, a taken user name, a bad role, an empty change and an unknown account', async () => {
    const short = await adminCall('POST', '/users', { ...newHandler, username: 'short.pw', password: '123456789' });
    expect(short.status).toBe(422);
    expect(short.body.error.details).toEqual([{ path: 'password', message: '密码至少10个字符' }]);
    const taken = await adminCall('POST', '/users', {
      ...newHandler,
      username: 'admin',
      role: 'admin',
      departmentCode: 'centre',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error.details).toEqual([{ path: 'username', message: '用户名已存在' }]);
    expect((await adminCall('POST', '/users', { ...newHandler, username: 'r.x', role: 'root' })).status).toBe(422);
    expect((await adminCall('PATCH', '/users/gaj.handler', {})).status).toBe(422);
    expect((await adminCall('PATCH', '/users/gaj.handler', { password: 'short' })).status).toBe(422);
    expect((await adminCall('PATCH', '/users/nobody', { active: false })).status).toBe(404);
  });

  it('does not let an admin disable or demote their own account', async () => {
    const disable = await adminCall('PATCH', '/users/admin', { active: false });
    expect(disable.status).toBe(422);
    expect(disable.body.error.details[0].path).toBe('active');
    expect((await adminCall('PATCH', '/users/admin', { role: 'leader', departmentCode: 'city' })).status).toBe(422);
    expect((await adminCall('GET', '/users?role=admin')).body.items[0].active).toBe(true);
  });
});

describe('security', () => {
  it('is for admins only', async () => {
    expect((await adminCall('GET', '/users', undefined, 'dispatcher')).status).toBe(403);
    expect((await adminCall('POST', '/users', newHandler, 'supervisor')).status).toBe(403);
    expect((await adminCall('PATCH', '/users/gaj.handler', { active: false }, 'gaj.reviewer')).status).toBe(403);
    expect((await request(`${BASE}/api/v1/admin/users`)).status).toBe(401);
  });
});
