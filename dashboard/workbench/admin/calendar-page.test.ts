// The working-calendar page: a year's exception days, one added and removed, a bad date kept and
// explained beside the field; admins only.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

const dayOf = (date: string) =>
  env.DB.prepare('SELECT kind, name, source FROM calendar_days WHERE date = ?').bind(date).first();

describe('the working-calendar page', () => {
  it('adds a day off to a year, lists it, and removes it again', async () => {
    await admin.get('/workbench/admin/calendar?year=2031');
    const saved = await admin.post('/workbench/admin/calendar?year=2031', {
      date: '2031-05-06',
      kind: 'holiday',
      name: '城市纪念日',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/workbench/admin/calendar?year=2031&done=saved');
    expect(await dayOf('2031-05-06')).toEqual({ kind: 'holiday', name: '城市纪念日', source: 'admin' });

    const page = await admin.get('/workbench/admin/calendar?year=2031&done=saved');
    expect(page.html).toContain('2031年工作日历');
    expect(page.html).toMatch(/<td>2031-05-06<\/td><td>节假日（休息）<\/td><td>城市纪念日<\/td>/);
    expect(page.html).toContain('action="/workbench/admin/calendar/2031-05-06/remove?year=2031"');

    const removed = await admin.post('/workbench/admin/calendar/2031-05-06/remove?year=2031', {});
    expect(removed.status).toBe(303);
    expect(await dayOf('2031-05-06')).toBeNull();
    expect((await admin.get('/workbench/admin/calendar?year=2031')).html).toContain('这一年还没有节假日或调休日');
    // Gone already: the 404 page names the date.
    const again = await admin.post('/workbench/admin/calendar/2031-05-06/remove?year=2031', {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('2031-05-06 不是节假日或调休日');
  });

  it('keeps a bad date and an empty name with their errors beside the fields', async () => {
    await admin.get('/workbench/admin/calendar');
    const res = await admin.post('/workbench/admin/calendar', { date: '2031-02-30', kind: 'workday', name: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<input id="day-date"[^>]*value="2031-02-30"[^>]*\/?><p class="error" id="day-date-error">/);
    expect(html).toContain('id="day-name-error">请填写此项<');
    expect(html).toContain('<option value="workday" selected="">');
    expect(await dayOf('2031-02-30')).toBeNull();
  });

  it('is refused to a dispatcher and to a forged form', async () => {
    expect((await dispatcher.get('/workbench/admin/calendar')).status).toBe(403);
    await admin.get('/workbench/admin/calendar');
    const forged = await admin.post(
      '/workbench/admin/calendar',
      { date: '2031-06-01', kind: 'holiday', name: '伪造' },
      'x',
    );
    expect(forged.status).toBe(403);
    expect(await dayOf('2031-06-01')).toBeNull();
  });
});
