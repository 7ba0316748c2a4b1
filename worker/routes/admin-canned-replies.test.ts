// Admins keep canned replies; those who write and check replies read them by category.
import { describe, expect, it } from 'vitest';
import { adminCall } from '../../tests/admin-api';

const parking = { category: '交通出行', title: '停车收费标准', text: '路内停车收费标准详见市发改委公告……' };

describe('happy path', () => {
  it('adds, lists by category, changes, withdraws and deletes a canned reply', async () => {
    const created = await adminCall('POST', '/canned-replies', parking);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...parking, active: true });
    const id = created.body.id as string;
    await adminCall('POST', '/canned-replies', { category: '医疗卫生', title: '医保报销', text: '……' });
    await adminCall('POST', '/canned-replies', { title: '通用致谢', text: '感谢您的来电。' });

    const byCategory = await adminCall(
      'GET',
      `/canned-replies?category=${encodeURIComponent('交通出行')}`,
      undefined,
      'gaj.handler',
    );
    expect(byCategory.status).toBe(200);
    expect(byCategory.body.items.map((r: { title: string }) => r.title)).toEqual(['停车收费标准']);
    expect((await adminCall('GET', '/canned-replies', undefined, 'gaj.reviewer')).body.items).toHaveLength(3);

    const changed = await adminCall('PATCH', `/canned-replies/${id}`, { text: '新的收费标准……', active: false });
    expect(changed.body).toMatchObject({ title: '停车收费标准', text: '新的收费标准……', active: false });
    const live = await adminCall('GET', '/canned-replies?active=true');
    expect(live.body.items.map((r: { title: string }) => r.title).sort()).toEqual(['医保报销', '通用致谢'].sort());

    expect((await adminCall('DELETE', `/canned-replies/${id}`)).status).toBe(204);
    expect((await adminCall('DELETE', `/canned-replies/${id}`)).status).toBe(404);
  });
});

describe('errors', () => {
  it('refuses an empty text, an empty change and an unknown id', async () => {
    const empty = await adminCall('POST', '/canned-replies', { ...parking, text: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details[0].path).toBe('text');
    expect((await adminCall('PATCH', '/canned-replies/none', { title: 'x' })).status).toBe(404);
    const { body } = await adminCall('POST', '/canned-replies', parking);
    expect((await adminCall('PATCH', `/canned-replies/${body.id}`, {})).status).toBe(422);
  });
});

describe('security', () => {
  it('lets ticket workers read and only admins write; leaders read figures only', async () => {
    expect((await adminCall('POST', '/canned-replies', parking, 'dispatcher')).status).toBe(403);
    expect((await adminCall('DELETE', '/canned-replies/x', undefined, 'gaj.handler')).status).toBe(403);
    expect((await adminCall('GET', '/canned-replies', undefined, 'leader')).status).toBe(403);
  });
});
