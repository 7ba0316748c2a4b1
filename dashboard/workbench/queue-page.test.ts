// GET /workbench: which queues each role gets, search from the page, and filters kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { act, createTicket, routeEverythingByHand } from '../../tests/helpers';
import { type PageSession, signInPage } from './page-session';

const tabs = (html: string) =>
  [...html.matchAll(/<a href="\/workbench\?queue=\w+"[^>]*>([^<(]+)/g)].map((m) => m[1]!.trim());

let dispatcher: PageSession;
let handler: PageSession;

beforeAll(async () => {
  await routeEverythingByHand();
  [dispatcher, handler] = await Promise.all([signInPage('dispatcher'), signInPage('zjj.handler')]);
});

describe('GET /workbench', () => {
  it('gives the centre and a department their own queues, in Chinese', async () => {
    const centre = await dispatcher.get('/workbench');
    expect(centre.status).toBe(200);
    expect(centre.res.headers.get('cache-control')).toBe('no-store');
    expect(tabs(centre.html)).toEqual(['待派单', '待审批', '不满意回访', '即将超期', '已超期', '我的', '全部工单']);
    const department = await handler.get('/workbench');
    expect(tabs(department.html)).toEqual(['新工单', '即将超期', '已超期', '待补充', '我的', '全部工单']);
  });

  it('finds a ticket by its number from the search box, and keeps the filters chosen', async () => {
    const { ticketNo } = await createTicket({ hints: { type: '投诉' } });
    const found = await dispatcher.get(`/workbench?q=${ticketNo}&type=${encodeURIComponent('投诉')}&channel=api`);
    expect(found.html).toContain(`>${ticketNo}</a>`);
    expect(found.html).toContain(`value="${ticketNo}"`);
    expect(found.html).toContain('<option value="投诉" selected="">投诉</option>');
    expect(found.html).toContain('<details class="more" open="">');
    const otherType = await dispatcher.get(`/workbench?q=${ticketNo}&type=${encodeURIComponent('咨询')}`);
    expect(otherType.html).not.toContain(`>${ticketNo}</a>`);
    expect(otherType.html).toContain('没有符合条件的工单');
  });

  it('shows a department only what was sent to it, and ignores a filter it cannot read', async () => {
    const { ticketNo } = await createTicket();
    expect((await handler.get(`/workbench?q=${ticketNo}`)).html).not.toContain(`>${ticketNo}</a>`);
    expect((await act(ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj' })).status).toBe(200);
    const page = await handler.get('/workbench?queue=new&from=yesterday&type=nonsense');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`>${ticketNo}</a>`);
  });
});
