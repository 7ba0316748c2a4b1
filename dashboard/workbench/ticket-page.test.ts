// The workbench's pages through request(), as each role sees them: the queues, the ticket page
// with the buttons the lifecycle allows that person, forms that keep their input on a refusal,
// and CSRF refusals that change nothing.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTicket, getTicket, routeEverythingByHand } from '../../tests/helpers';
import { type PageSession, signInPage } from './page-session';

const buttons = (html: string) =>
  [...html.matchAll(/<button type="submit">([^<]+)<\/button>/g)].map((m) => m[1]).filter((b) => b !== '退出登录');

let dispatcher: PageSession;
let handler: PageSession;
let reviewer: PageSession;

beforeAll(async () => {
  await routeEverythingByHand();
  [dispatcher, handler, reviewer] = await Promise.all([
    signInPage('dispatcher'),
    signInPage('zjj.handler'),
    signInPage('zjj.reviewer'),
  ]);
});

describe('a ticket from intake to reply, worked on the pages', () => {
  it('goes through dispatch, signing and reply with the right buttons at each step', async () => {
    const { ticketNo } = await createTicket({
      text: '幸福小区楼顶防水层破损，连续下雨后三楼住户家中天花板大面积漏水。',
    });
    const path = `/workbench/tickets/${ticketNo}`;

    // The centre sees it in 待派单 and may dispatch, close or merge it; not sign for it.
    const queue = await dispatcher.get('/workbench?queue=dispatch');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('待派单');
    expect(queue.html).toContain(`href="${path}"`);
    const page = await dispatcher.get(path);
    expect(page.status).toBe(200);
    expect(buttons(page.html).sort()).toEqual(['办结', '合并', '派单'].sort());
    expect(page.html).toContain('<optgroup label="区县及街道">');
    expect(page.html).toContain('name="coDepartmentCodes" value="jtj"');
    expect(page.html).toContain('原始来件');
    expect(page.html).toContain('楼顶防水层破损');

    const dispatched = await dispatcher.post(`${path}/actions/dispatch`, {
      departmentCode: 'zjj',
      coDepartmentCodes: ['cgj', 'water'],
    });
    expect(dispatched.status).toBe(303);
    expect(dispatched.headers.get('location')).toBe(`${path}?done=dispatch`);
    const after = await getTicket(ticketNo);
    expect(after.body.status).toBe('dispatched');
    expect(after.body.coDepartments.map((d: { code: string }) => d.code)).toEqual(['cgj', 'water']);
    expect((await dispatcher.get(`${path}?done=dispatch`)).html).toContain('已完成「派单」');

    // The lead department's handler finds it in 新工单 and may sign for it or ask to return it.
    const mine = await handler.get('/workbench');
    expect(mine.html).toContain('新工单');
    expect(mine.html).toContain(`href="${path}"`);
    expect(buttons((await handler.get(path)).html).sort()).toEqual(['申请退回', '签收'].sort());
    expect((await handler.post(`${path}/actions/sign`, {})).status).toBe(303);
    expect(buttons((await handler.get(path)).html).sort()).toEqual(['答复', '申请延期', '申请退回', '补充材料'].sort());

    // A reply too short comes back with its text and the error beside the field.
    const short = await handler.post(`${path}/actions/reply`, { text: '已处理。' });
    expect(short.status).toBe(422);
    const shortHtml = await short.text();
    expect(shortHtml).toMatch(
      /<textarea id="reply-text"[^>]*>已处理。<\/textarea><p class="error"[^>]*>答复内容至少10个字<\/p>/,
    );
    expect((await getTicket(ticketNo)).body.status).toBe('signed');

    const reply = '经现场核查，已安排施工单位于本周内修复楼顶防水层，并对受损天花板进行修补。';
    expect((await handler.post(`${path}/actions/reply`, { text: reply })).status).toBe(303);
    expect((await getTicket(ticketNo)).body.status).toBe('replied');

    // The reviewer sees it among 待审批 and may approve or reject it; the handler no longer acts.
    expect((await reviewer.get('/workbench?queue=approvals')).html).toContain(`href="${path}"`);
    expect(buttons((await reviewer.get(path)).html).sort()).toEqual(['批准', '驳回'].sort());
    expect(buttons((await handler.get(path)).html)).toEqual([]);
    const timeline = (await reviewer.get(path)).html;
    for (const label of ['受理', '派单', '签收', '答复', '已签收', '已答复']) expect(timeline).toContain(label);
    expect(timeline).toContain(reply);
  });
});

describe('refusals', () => {
  it('refuses a form with another session’s token, or none, with a 403 page and changes nothing', async () => {
    const { ticketNo } = await createTicket();
    const path = `/workbench/tickets/${ticketNo}`;
    const handlerToken = (await handler.get('/workbench')).html.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await dispatcher.get(path);
    const forged = await dispatcher.post(`${path}/actions/dispatch`, { departmentCode: 'zjj' }, handlerToken);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('页面已过期');
    const missing = await dispatcher.post(`${path}/actions/dispatch`, { departmentCode: 'zjj' }, '');
    expect(missing.status).toBe(403);
    expect((await getTicket(ticketNo)).body.status).toBe('received');
  });

  it('shows another department’s ticket as not found', async () => {
    const { ticketNo } = await createTicket();
    const other = await signInPage('jyj.handler');
    const page = await other.get(`/workbench/tickets/${ticketNo}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('没有这个工单，或者您的账号无权查看它');
    expect(page.html).not.toContain(ticketNo);
  });

  it('keeps the department chosen and explains an unknown one beside the select', async () => {
    const { ticketNo } = await createTicket();
    const path = `/workbench/tickets/${ticketNo}`;
    await dispatcher.get(path);
    const res = await dispatcher.post(`${path}/actions/dispatch`, { departmentCode: 'no-such-dept', reason: '试派' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<p class="error" id="dispatch-departmentCode-error">[^<]+<\/p>/);
    expect(html).toMatch(/<textarea id="dispatch-reason"[^>]*>试派<\/textarea>/);
  });

  it('answers an unknown action with the 404 page', async () => {
    const { ticketNo } = await createTicket();
    const path = `/workbench/tickets/${ticketNo}`;
    await dispatcher.get(path);
    expect((await dispatcher.post(`${path}/actions/explode`, {})).status).toBe(404);
  });
});

describe('staff views', () => {
  it('show a resident’s markup as text, never as markup', async () => {
    const { ticketNo } = await createTicket({ text: '路灯不亮<script>alert(1)</script><img src=x onerror=alert(2)>' });
    const page = await dispatcher.get(`/workbench/tickets/${ticketNo}`);
    expect(page.html).toContain('路灯不亮&lt;script&gt;alert(1)&lt;/script&gt;&lt;img');
    expect(page.html).not.toContain('<script>alert(1)');
    expect(page.html).not.toContain('<img src=x');
  });

  it('never show the resident’s query code', async () => {
    const { ticketNo, queryCode } = await createTicket();
    const page = await dispatcher.get(`/workbench/tickets/${ticketNo}`);
    expect(page.html).not.toContain(`>${queryCode}<`);
    expect(page.html).not.toContain('查询码');
  });

  it('offer a consultation the category’s canned replies, filled in when chosen', async () => {
    const { ticketNo } = await createTicket({
      hints: { type: '咨询' },
      text: '请问公租房申请需要准备哪些材料，在哪里办理？',
    });
    await env.DB.prepare(
      'INSERT INTO canned_replies (id, category, title, text, active, updated_at) ' +
        "VALUES ('c1', NULL, '公租房申请指引', ?, 1, 0)",
    )
      .bind('您好，公租房申请请携带身份证、户口簿和收入证明到所在街道政务服务中心办理。')
      .run();
    const path = `/workbench/tickets/${ticketNo}`;
    await dispatcher.post(
      `${path}/actions/dispatch`,
      { departmentCode: 'zjj' },
      (await dispatcher.get(path)).html.match(/name="_csrf" value="([^"]+)"/)![1],
    );
    await handler.post(
      `${path}/actions/sign`,
      {},
      (await handler.get(path)).html.match(/name="_csrf" value="([^"]+)"/)![1],
    );
    const page = await handler.get(`${path}?canned=c1`);
    expect(page.html).toContain('公租房申请指引');
    expect(page.html).toMatch(/<textarea id="reply-text"[^>]*>您好，公租房申请请携带身份证/);
  });
});
