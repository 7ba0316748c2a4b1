// The service-numbers page: an admin adds a department's published line, changes its label and
// removes it; a number that is not digits and dashes is refused beside its field.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;

beforeAll(async () => {
  admin = await signInPage('admin');
});

const labelOf = (number: string) =>
  env.DB.prepare('SELECT label FROM service_numbers WHERE number = ?').bind(number).first<{ label: string }>();

describe('service numbers page', () => {
  it('adds a number, changes its label and removes it', async () => {
    await admin.get('/workbench/admin/service-numbers');
    const saved = await admin.post('/workbench/admin/service-numbers', { number: '0731-88886666', label: '市住建局' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/workbench/admin/service-numbers?done=saved');
    expect(await labelOf('0731-88886666')).toEqual({ label: '市住建局' });

    await admin.post('/workbench/admin/service-numbers', { number: '0731-88886666', label: '市住建局服务热线' });
    expect(await labelOf('0731-88886666')).toEqual({ label: '市住建局服务热线' });
    const list = await admin.get('/workbench/admin/service-numbers?done=saved');
    expect(list.html).toContain('<strong>0731-88886666</strong> 市住建局服务热线');
    expect(list.html).toContain('服务号码已保存');

    const removed = await admin.post('/workbench/admin/service-numbers/0731-88886666/remove', {});
    expect(removed.status).toBe(303);
    expect(await labelOf('0731-88886666')).toBeNull();
  });

  it('refuses a number with letters, and an empty label', async () => {
    await admin.get('/workbench/admin/service-numbers');
    const refused = await admin.post('/workbench/admin/service-numbers', { number: '0731-HOTLINE', label: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/id="save-number-error">号码只能由数字和短横线组成，3 到 20 个字符</);
    expect(html).toMatch(/id="save-label-error">请填写此项</);
    expect(html).toMatch(/<input id="save-number"[^>]*value="0731-HOTLINE"/);
    expect(await labelOf('0731-HOTLINE')).toBeNull();
  });
});
