// The publication review on the workbench's pages: the queue, the review page with every mask
// highlighted, 预览 that keeps the input, publishing and withdrawing by form, refusals that come
// back with the input and Chinese errors, the CSRF refusal, and who may open the pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { linkedStyles } from '../../tests/page-styles';
import { answeredTicket, PHONE, publicationOf } from '../../tickets/publication/test-fixtures';
import { type PageSession, signInPage } from './page-session';

let reviewer: PageSession;
let handler: PageSession;
let otherReviewer: PageSession;

beforeAll(async () => {
  [reviewer, handler, otherReviewer] = await Promise.all([
    signInPage('cgj.reviewer'),
    signInPage('cgj.handler'),
    signInPage('zjj.reviewer'),
  ]);
});

const pathOf = (ticketNo: string) => `/workbench/tickets/${ticketNo}/publication`;
const masksIn = (html: string) => [...html.matchAll(/<mark title="([^"]+)" data-kind="([^"]+)"[^>]*>([^<]*)<\/mark>/g)];
const publicTexts = (html: string) => [...html.matchAll(/<pre class="public-text">([^<]*)<\/pre>/g)].map((m) => m[1]!);

describe('the publication pages', () => {
  it('lists the waiting ticket in 待公开审查, linked from the header', async () => {
    const ticketNo = await answeredTicket();
    const home = await reviewer.get('/workbench');
    expect(home.html).toContain('href="/workbench/publication"');
    const queue = await reviewer.get('/workbench/publication');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`href="${pathOf(ticketNo)}"`);
    expect((await reviewer.get(`/workbench/tickets/${ticketNo}`)).html).toContain(`href="${pathOf(ticketNo)}"`);
  });

  it('shows each text with its masks marked and the public text beside it, none with the phone', async () => {
    const ticketNo = await answeredTicket({ type: '举报' });
    const page = await reviewer.get(pathOf(ticketNo));
    expect(page.status).toBe(200);
    const marks = masksIn(page.html);
    const phoneMark = marks.find((m) => m[3]!.includes(PHONE.slice(-4)));
    expect(phoneMark?.[2]).toMatch(/phone|contact/);
    expect(publicTexts(page.html).length).toBeGreaterThanOrEqual(3);
    for (const text of publicTexts(page.html)) expect(text).not.toContain(PHONE);
    expect(page.html).toContain('name="fitForPublication"');
    expect(page.html).toMatch(/<button type="submit" name="decision" value="preview"[^>]*>预览<\/button>/);
    expect(page.html).toContain('批准公开');
    expect(page.html).toContain('不予公开');
    // The resident's own phone and name are masked with no box to take them off.
    expect(page.html).toMatch(/「13812345678」[^<]*→ 138\*\*\*\*5678\s*<span class="muted">（不可取消）<\/span>/);
    expect(page.html).not.toMatch(/name="remove" value="question:\d+-\d+"[^>]*\/>「13812345678」/);
  });

  it('previews the edits without deciding, keeping what was entered', async () => {
    const ticketNo = await answeredTicket();
    const page = await reviewer.get(pathOf(ticketNo));
    const firstBox = page.html.match(/name="remove" value="([^"]+)"/)![1]!;
    const res = await reviewer.post(pathOf(ticketNo), { decision: 'preview', remove: [firstBox], add: '马坡岭社区' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`name="remove" value="${firstBox}" checked=""`);
    expect(html).toMatch(/<textarea id="add" name="add" rows="3">马坡岭社区<\/textarea>/);
    for (const text of publicTexts(html)) expect(text).not.toContain('马坡岭社区');
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  it('publishes by form, then withdraws with a reason; a withdrawal without one comes back in Chinese', async () => {
    const ticketNo = await answeredTicket();
    await reviewer.get(pathOf(ticketNo));
    const published = await reviewer.post(pathOf(ticketNo), { decision: 'publish', add: '3栋' });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`${pathOf(ticketNo)}?done=publish`);
    expect(await publicationOf(ticketNo)).toMatchObject({ status: 'published' });
    expect(String((await publicationOf(ticketNo))!.question)).not.toContain(PHONE);

    const after = await reviewer.get(`${pathOf(ticketNo)}?done=publish`);
    expect(after.html).toContain('已完成「批准公开」');
    expect(after.html).toContain('公开决定：已公开');
    expect(after.html).toContain('撤回理由');

    const refused = await reviewer.post(pathOf(ticketNo), { decision: 'withdraw', reason: '' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请填写撤回的理由');
    await reviewer.get(pathOf(ticketNo));
    const withdrawn = await reviewer.post(pathOf(ticketNo), { decision: 'withdraw', reason: '群众申请撤回' });
    expect(withdrawn.status).toBe(303);
    expect(await publicationOf(ticketNo)).toMatchObject({ status: 'withdrawn', reason: '群众申请撤回' });
  });

  it('brings a refused publication back with its input and the gate that refused it', async () => {
    const ticketNo = await answeredTicket({ type: '依申请公开' });
    await reviewer.get(pathOf(ticketNo));
    const res = await reviewer.post(pathOf(ticketNo), { decision: 'publish', add: '王建国\n马坡岭' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('依申请公开类工单须由审核人确认');
    expect(html).toMatch(/<textarea id="add" name="add" rows="3">王建国\n马坡岭<\/textarea>/);
    expect(await publicationOf(ticketNo)).toBeNull();
    const phrases = await reviewer.post(pathOf(ticketNo), { decision: 'preview', add: '长'.repeat(101) });
    expect(phrases.status).toBe(422);
    expect(await phrases.text()).toContain('不能超过 100 个字');
  });

  it('refuses a form without the session’s token and changes nothing', async () => {
    const ticketNo = await answeredTicket();
    const forged = await reviewer.post(pathOf(ticketNo), { decision: 'publish' }, 'forged-token');
    expect(forged.status).toBe(403);
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  it('is 403 for a handler and 404 for another department’s reviewer', async () => {
    const ticketNo = await answeredTicket();
    expect((await handler.get(pathOf(ticketNo))).status).toBe(403);
    expect((await handler.get('/workbench/publication')).status).toBe(403);
    expect((await handler.get('/workbench')).html).not.toContain('href="/workbench/publication"');
    expect((await otherReviewer.get(pathOf(ticketNo))).status).toBe(404);
  });

  it('fits a phone: the page frame’s viewport and columns that stack', async () => {
    const ticketNo = await answeredTicket();
    const { html } = await reviewer.get(pathOf(ticketNo));
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(await linkedStyles(html)).toContain('grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr))');
  });
});
