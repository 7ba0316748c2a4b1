// Admins keep the department tree: list it in tree order, add, rename, move and deactivate.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminCall } from '../../tests/admin-api';

type Item = { code: string; parentCode: string | null; depth: number; origin: string; active: boolean };

describe('happy path', () => {
  it('lists the tree: every department after its parent, one level deeper', async () => {
    const { status, body } = await adminCall('GET', '/departments', undefined, 'dispatcher');
    expect(status).toBe(200);
    const items = body.items as Item[];
    expect(items[0]).toMatchObject({ code: 'city', parentCode: null, depth: 0, origin: 'setup' });
    const position = new Map(items.map((d, i) => [d.code, i]));
    for (const d of items.filter((x) => x.parentCode)) {
      const parent = items[position.get(d.parentCode!)!]!;
      expect(position.get(d.code)!).toBeGreaterThan(position.get(d.parentCode!)!);
      expect(d.depth).toBe(parent.depth + 1);
    }
    expect(new Set(items.map((d) => d.code)).size).toBe(items.length);
  });

  it('adds a department under a parent, renames and moves it, and deactivates it', async () => {
    const created = await adminCall('POST', '/departments', {
      code: 'wlj',
      name: 'A市文旅局',
      kind: 'functional',
      parentCode: 'city',
      phone: '0571-88888888',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'wlj', parentCode: 'city', depth: 1, origin: 'setup', active: true });
    const renamed = await adminCall('PATCH', '/departments/wlj', { name: 'A市文化和旅游局' });
    expect(renamed.body).toMatchObject({ name: 'A市文化和旅游局', phone: '0571-88888888' });
    const sub = await adminCall('POST', '/departments', {
      code: 'wlj-1',
      name: '市场处',
      kind: 'functional',
      parentCode: 'wlj',
    });
    expect(sub.body.depth).toBe(2);
    expect((await adminCall('PATCH', '/departments/wlj-1', { active: false })).body.active).toBe(false);
    expect((await adminCall('PATCH', '/departments/wlj', { active: false })).body.active).toBe(false);
  });

  it('lists the departments a history import made, and confirms one when it is renamed', async () => {
    await env.DB.prepare(
      `INSERT INTO departments (code, parent_code, name, kind, origin)
       VALUES ('imp-0001', 'city', '老城区城管办', 'functional', 'import')`,
    ).run();
    const imported = await adminCall('GET', '/departments?origin=import');
    expect(imported.body.items.map((d: Item) => d.code)).toEqual(['imp-0001']);
    const renamed = await adminCall('PATCH', '/departments/imp-0001', { name: 'A市城管局老城分局' });
    expect(renamed.body.origin).toBe('setup');
    expect((await adminCall('GET', '/departments?origin=import')).body.items).toEqual([]);
  });
});

describe('errors', () => {
  it('refuses a taken code, an unknown parent and a move under itself', async () => {
    const taken = await adminCall('POST', '/departments', {
      code: 'gaj',
      name: '重复',
      kind: 'functional',
      parentCode: 'city',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error.details).toEqual([{ path: 'code', message: '部门编码已存在' }]);
    const orphan = await adminCall('POST', '/departments', {
      code: 'x1',
      name: 'x',
      kind: 'functional',
      parentCode: 'none',
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.code).toBe('unknown_parent');
    await adminCall('POST', '/departments', { code: 'loop-a', name: '甲', kind: 'functional', parentCode: 'city' });
    await adminCall('POST', '/departments', { code: 'loop-b', name: '乙', kind: 'functional', parentCode: 'loop-a' });
    const loop = await adminCall('PATCH', '/departments/loop-a', { parentCode: 'loop-b' });
    expect(loop.status).toBe(422);
    expect(loop.body.error.details[0].path).toBe('parentCode');
    expect((await adminCall('PATCH', '/departments/loop-a', { parentCode: 'loop-a' })).status).toBe(422);
  });

  it('keeps a department active while it has active staff or sub-departments', async () => {
    const staffed = await adminCall('PATCH', '/departments/gaj', { active: false });
    expect(staffed.status).toBe(422);
    expect(staffed.body.error.details[0].message).toMatch(/^请先停用或调走该部门的账号/);
    const parent = await adminCall('PATCH', '/departments/city', { active: false });
    expect(parent.status).toBe(422);
    expect(parent.body.error.details).toEqual([{ path: 'active', message: '请先停用或移走它的下级部门' }]);
  });

  it('answers 404 for an unknown department and 422 for an empty change or a bad code', async () => {
    expect((await adminCall('PATCH', '/departments/nowhere', { name: 'x' })).status).toBe(404);
    expect((await adminCall('PATCH', '/departments/gaj', {})).status).toBe(422);
    expect(
      (await adminCall('POST', '/departments', { code: 'a b', name: 'x', kind: 'functional', parentCode: null }))
        .status,
    ).toBe(422);
    expect(
      (await adminCall('POST', '/departments', { code: 'ab', name: 'x', kind: 'ministry', parentCode: null })).status,
    ).toBe(422);
  });
});

describe('security', () => {
  it('lets the centre read the tree, and only admins change it', async () => {
    expect((await adminCall('GET', '/departments', undefined, 'gaj.handler')).status).toBe(403);
    expect((await adminCall('GET', '/departments', undefined, 'leader')).status).toBe(403);
    expect(
      (
        await adminCall(
          'POST',
          '/departments',
          { code: 'z', name: 'z', kind: 'functional', parentCode: null },
          'dispatcher',
        )
      ).status,
    ).toBe(403);
    expect((await adminCall('PATCH', '/departments/gaj', { name: 'x' }, 'supervisor')).status).toBe(403);
  });
});
