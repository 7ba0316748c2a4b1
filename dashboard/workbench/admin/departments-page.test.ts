// The department page: the tree with imported departments marked 导入, renaming one confirms
// it, a staffed department cannot be deactivated, an empty one can; admins only.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkedStyles } from '../../../tests/page-styles';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

const rowOf = (code: string) =>
  env.DB.prepare('SELECT name, origin, active FROM departments WHERE code = ?')
    .bind(code)
    .first<{ name: string; origin: string; active: number }>();

describe('the department page', () => {
  it('marks an imported department, and renaming it confirms it', async () => {
    await env.DB.prepare(
      `INSERT INTO departments (code, parent_code, name, kind, origin)
       VALUES ('imp-page', 'city', '旧档案城管', 'functional', 'import')`,
    ).run();
    const page = await admin.get('/workbench/admin/departments');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(
      /<strong>旧档案城管<\/strong> <span class="muted">imp-page<\/span>.*?<span class="light yellow">导入<\/span>/s,
    );
    // A child is indented below its parent: the city is the root.
    expect(page.html).toMatch(/<li id="dept-city" class="depth-0">/);
    expect(page.html).toMatch(/<li id="dept-imp-page" class="depth-1">/);
    const styles = await linkedStyles(page.html);
    expect(styles).toContain('.depth-1{margin-left:1.25rem}');
    expect(styles).not.toMatch(/\.depth-0\{/);

    const blank = await admin.post('/workbench/admin/departments/imp-page/name', { name: '  ' });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('id="rename-imp-page-name-error">请填写此项<');

    const renamed = await admin.post('/workbench/admin/departments/imp-page/name', { name: '市城市管理局老城分局' });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/workbench/admin/departments?done=renamed#dept-imp-page');
    expect(await rowOf('imp-page')).toEqual({ name: '市城市管理局老城分局', origin: 'setup', active: 1 });
  });

  it('deactivates an empty department, and refuses one that still has staff, saying why', async () => {
    await env.DB.prepare(
      "INSERT INTO departments (code, parent_code, name, kind) VALUES ('empty-page', 'city', '空部门', 'functional')",
    ).run();
    await admin.get('/workbench/admin/departments');
    expect((await admin.post('/workbench/admin/departments/empty-page/active', { active: 'false' })).status).toBe(303);
    expect((await rowOf('empty-page'))!.active).toBe(0);

    const staffed = await admin.post('/workbench/admin/departments/zjj/active', { active: 'false' });
    expect(staffed.status).toBe(422);
    expect(await staffed.text()).toMatch(
      /<p class="form-error" role="alert">请先停用或调走该部门的账号（如 zjj\.\w+）<\/p>/,
    );
    expect((await rowOf('zjj'))!.active).toBe(1);
  });

  it('is refused to a dispatcher and to a forged form', async () => {
    expect((await dispatcher.get('/workbench/admin/departments')).status).toBe(403);
    await admin.get('/workbench/admin/departments');
    const forged = await admin.post('/workbench/admin/departments/zjj/name', { name: '改坏的名字' }, 'forged');
    expect(forged.status).toBe(403);
    expect((await rowOf('zjj'))!.name).not.toBe('改坏的名字');
  });
});
