// Admins edit the working calendar and deadlines follow at once.
import { describe, expect, it } from 'vitest';
import { BASE, login, request } from '../../tests/helpers';

const put = async (date: string, body: unknown, user = 'admin') =>
  request(`${BASE}/api/v1/admin/calendar/${date}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(user)}` },
    body: JSON.stringify(body),
  });

describe('happy path', () => {
  it('lists a year and takes an admin edit', async () => {
    const token = await login('dispatcher');
    const list = (await (
      await request(`${BASE}/api/v1/admin/calendar?year=2026`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { days: Array<{ date: string; kind: string }> };
    expect(list.days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'workday' });
    expect(list.days.filter((d) => d.kind === 'holiday').length).toBe(33);

    // A city may declare a day off of its own (for example for a typhoon).
    const res = await put('2027-01-04', { kind: 'holiday', name: '市政府决定放假' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ date: '2027-01-04', kind: 'holiday', name: '市政府决定放假', source: 'admin' });
    const del = await request(`${BASE}/api/v1/admin/calendar/2027-01-04`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await login('admin')}` },
    });
    expect(del.status).toBe(204);
  });
});

describe('errors and security', () => {
  it('refuses non-admins and bad dates', async () => {
    expect((await put('2027-01-04', { kind: 'holiday', name: 'x' }, 'dispatcher')).status).toBe(403);
    expect((await put('2027-13-40', { kind: 'holiday', name: 'x' })).status).toBe(422);
    expect((await put('2027-01-04', { kind: 'weekend', name: 'x' })).status).toBe(422);
  });
});
