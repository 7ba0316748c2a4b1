// The routing-rule page: every rule listed with what it does, switched off and on again with the
// rest of it unchanged; admins only.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
  await env.DB.prepare(
    `INSERT INTO routing_rules (id, pattern, action, department_code, category, weight, enabled, updated_at)
     VALUES ('page-bikes', '["共享单车","乱停"]', 'force', 'cgj', '城市管理', 1, 1, 0)`,
  ).run();
});

const ruleOf = () =>
  env.DB.prepare('SELECT pattern, action, department_code AS dept, category, enabled FROM routing_rules WHERE id = ?')
    .bind('page-bikes')
    .first();

describe('the routing-rule page', () => {
  it('lists a rule and switches it off and on, keeping the rest of it', async () => {
    const page = await admin.get('/workbench/admin/routing-rules');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(
      /<tr id="rule-page-bikes"><td>page-bikes<\/td><td>共享单车、乱停<\/td><td>直接派给 [^<]+/,
    );

    const off = await admin.post('/workbench/admin/routing-rules/page-bikes/enabled', { enabled: 'false' });
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe('/workbench/admin/routing-rules?done=disabled#rule-page-bikes');
    const stored = { pattern: '["共享单车","乱停"]', action: 'force', dept: 'cgj', category: '城市管理' };
    expect(await ruleOf()).toEqual({ ...stored, enabled: 0 });
    expect((await admin.get('/workbench/admin/routing-rules?done=disabled')).html).toContain('规则已停用');

    expect((await admin.post('/workbench/admin/routing-rules/page-bikes/enabled', { enabled: 'true' })).status).toBe(
      303,
    );
    expect(await ruleOf()).toEqual({ ...stored, enabled: 1 });
  });

  it('answers an unknown rule with the 404 page', async () => {
    await admin.get('/workbench/admin/routing-rules');
    const res = await admin.post('/workbench/admin/routing-rules/no-such-rule/enabled', { enabled: 'false' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('规则不存在：no-such-rule');
  });

  it('is refused to a dispatcher and to a forged form', async () => {
    expect((await dispatcher.get('/workbench/admin/routing-rules')).status).toBe(403);
    await admin.get('/workbench/admin/routing-rules');
    const forged = await admin.post('/workbench/admin/routing-rules/page-bikes/enabled', { enabled: 'false' }, 'x');
    expect(forged.status).toBe(403);
    expect((await ruleOf())!.enabled).toBe(1);
  });
});
