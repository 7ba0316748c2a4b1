// The canned-reply pages: an admin lists them by category, adds one, edits it and withdraws it;
// a withdrawn reply is no longer offered on a ticket's reply form; no one else may change them.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

const rowByTitle = (title: string) =>
  env.DB.prepare('SELECT id, category, text, active FROM canned_replies WHERE title = ?')
    .bind(title)
    .first<{ id: string; category: string | null; text: string; active: number }>();

describe('canned replies', () => {
  it('adds one under its category, edits it, and withdraws and restores it', async () => {
    await admin.get('/workbench/admin/canned-replies');
    const created = await admin.post('/workbench/admin/canned-replies', {
      category: '住房保障',
      title: '公租房申请材料',
      text: '您好，申请公租房需携带身份证、户口簿和收入证明。',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/workbench/admin/canned-replies?done=created');
    const row = (await rowByTitle('公租房申请材料'))!;
    expect(row).toMatchObject({ category: '住房保障', active: 1 });

    const list = await admin.get('/workbench/admin/canned-replies?done=created');
    expect(list.html).toContain('常用答复已添加');
    expect(list.html).toMatch(/<h2>住房保障<\/h2><ul class="tickets"><li><a href="[^"]+">公租房申请材料<\/a>/);

    const path = `/workbench/admin/canned-replies/${row.id}`;
    await admin.get(path);
    const edited = await admin.post(path, {
      category: '',
      title: '公租房申请材料',
      text: '请到街道政务服务中心咨询。',
    });
    expect(edited.status).toBe(303);
    expect(await rowByTitle('公租房申请材料')).toMatchObject({ category: null, text: '请到街道政务服务中心咨询。' });
    expect((await admin.get('/workbench/admin/canned-replies')).html).toContain('<h2>通用（不限分类）</h2>');

    const withdrawn = await admin.post(`${path}/active`, { active: 'false' });
    expect(withdrawn.status).toBe(303);
    expect((await rowByTitle('公租房申请材料'))!.active).toBe(0);
    expect((await admin.get('/workbench/admin/canned-replies')).html).toContain('<span class="status">已停用</span>');
    expect((await admin.post(`${path}/active`, { active: 'true' })).status).toBe(303);
    expect((await rowByTitle('公租房申请材料'))!.active).toBe(1);
  });

  it('keeps the input of a refused form with the error beside the field', async () => {
    await admin.get('/workbench/admin/canned-replies');
    const res = await admin.post('/workbench/admin/canned-replies', {
      category: '交通',
      title: '',
      text: '保留的文字',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<input id="create-title"[^>]*\/?><p class="error" id="create-title-error">请填写此项<\/p>/);
    expect(html).toMatch(/<textarea id="create-text"[^>]*>保留的文字<\/textarea>/);
    expect(html).toMatch(/<input id="create-category"[^>]*value="交通"/);
    expect(await rowByTitle('')).toBeNull();
  });

  it('is refused to a dispatcher and to a form without the token', async () => {
    expect((await dispatcher.get('/workbench/admin/canned-replies')).status).toBe(403);
    await dispatcher.get('/workbench');
    const byDispatcher = await dispatcher.post('/workbench/admin/canned-replies', {
      title: '派单员加的',
      text: '不该出现',
    });
    expect(byDispatcher.status).toBe(403);
    const forged = await admin.post('/workbench/admin/canned-replies', { title: '伪造的', text: '不该出现' }, 'x');
    expect(forged.status).toBe(403);
    expect(await rowByTitle('派单员加的')).toBeNull();
    expect(await rowByTitle('伪造的')).toBeNull();
  });

  it('answers an unknown reply with a 404 page', async () => {
    const page = await admin.get('/workbench/admin/canned-replies/no-such-id');
    expect(page.status).toBe(404);
    expect(page.html).toContain('常用答复不存在');
  });
});
