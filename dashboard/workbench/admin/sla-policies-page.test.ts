// The 办理时限 page: every type and urgency in one table, a row saved on its own, a bad number
// kept and explained beside its cell; admins only.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

const policyOf = (type: string, urgency: string) =>
  env.DB.prepare(
    `SELECT unit, amount, max_extensions AS n, max_extension_working_days AS days
       FROM sla_policies WHERE type = ? AND urgency = ?`,
  )
    .bind(type, urgency)
    .first();

const path = (type: string, urgency: string) => `/workbench/admin/sla-policies/${encodeURIComponent(type)}/${urgency}`;

describe('the 办理时限 page', () => {
  it('shows a row per type and urgency and saves one row', async () => {
    const page = await admin.get('/workbench/admin/sla-policies');
    expect(page.status).toBe(200);
    // 7 types × 2 urgencies, each row with its own form.
    expect(page.html.match(/<form method="post" action="\/workbench\/admin\/sla-policies\//g)).toHaveLength(14);
    expect(page.html).toContain('依申请公开（一般）');

    const saved = await admin.post(path('建议', 'normal'), {
      unit: 'working_days',
      amount: '12',
      maxExtensions: '2',
      maxExtensionWorkingDays: '7',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(/^\/workbench\/admin\/sla-policies\?done=saved#row-/);
    expect(await policyOf('建议', 'normal')).toEqual({ unit: 'working_days', amount: 12, n: 2, days: 7 });
    const after = await admin.get('/workbench/admin/sla-policies?done=saved');
    expect(after.html).toContain('办理时限已保存');
    expect(after.html).toMatch(
      /<input id="sla-建议-normal-amount" form="sla-建议-normal" name="amount"[^>]*value="12"/,
    );
  });

  it('keeps a bad number and puts the error beside its cell, saving nothing', async () => {
    const before = await policyOf('表扬', 'urgent');
    await admin.get('/workbench/admin/sla-policies');
    const res = await admin.post(path('表扬', 'urgent'), {
      unit: 'working_days',
      amount: '0',
      maxExtensions: '1',
      maxExtensionWorkingDays: '三天',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(
      /name="amount"[^>]*value="0"[^>]*\/?><p class="error" id="sla-表扬-urgent-amount-error">不能小于 1<\/p>/,
    );
    expect(html).toMatch(
      /value="三天"[^>]*\/?><p class="error" id="sla-表扬-urgent-maxExtensionWorkingDays-error">请填写整数</,
    );
    expect(await policyOf('表扬', 'urgent')).toEqual(before);
  });

  it('is refused to a dispatcher, to a forged form and for a type that does not exist', async () => {
    expect((await dispatcher.get('/workbench/admin/sla-policies')).status).toBe(403);
    await admin.get('/workbench/admin/sla-policies');
    const fields = { unit: 'hours', amount: '1', maxExtensions: '0', maxExtensionWorkingDays: '0' };
    expect((await admin.post(path('咨询', 'normal'), fields, 'forged')).status).toBe(403);
    expect(await policyOf('咨询', 'normal')).not.toMatchObject({ unit: 'hours', amount: 1 });
    expect((await admin.post(path('闲聊', 'normal'), fields)).status).toBe(404);
  });
});
