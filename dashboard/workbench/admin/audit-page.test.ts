// The contact-read page: an admin sees who read which ticket's contact and when (Asia/Shanghai),
// narrowed to one ticket by its number; reading the list is itself no read of contact.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatShanghai } from '../../../routing/calendar';
import { createTicket, getTicket } from '../../../tests/helpers';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;

beforeAll(async () => {
  admin = await signInPage('admin');
});

const rowsOf = (html: string) => [...html.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);

describe('the contact-read page', () => {
  it('lists one ticket’s reads newest first, with the time in Asia/Shanghai', async () => {
    const { ticketNo } = await createTicket();
    const { ticketNo: other } = await createTicket();
    await getTicket(ticketNo, 'dispatcher');
    await getTicket(other, 'dispatcher');
    await getTicket(ticketNo, 'supervisor');
    const stored = await env.DB.prepare('SELECT at FROM contact_reads WHERE ticket_no = ? ORDER BY id DESC')
      .bind(ticketNo)
      .all<{ at: number }>();

    const page = await admin.get(`/workbench/admin/audit?ticketNo=${ticketNo}`);
    expect(page.status).toBe(200);
    expect(rowsOf(page.html)).toEqual([
      [formatShanghai(stored.results[0]!.at), 'supervisor'],
      [formatShanghai(stored.results[1]!.at), 'dispatcher'],
    ]);
    expect(page.html).not.toContain(other);
    expect(page.html).toContain('联系方式（姓名、电话、邮箱）');

    const all = await admin.get('/workbench/admin/audit');
    expect(all.html).toContain(other);
    expect(all.html).toContain(ticketNo);
    // The admin read the list, not anyone's contact.
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM contact_reads WHERE username = 'admin'").first<{ n: number }>())
        ?.n,
    ).toBe(0);
  });

  it('says so when the number is not a ticket number, and lists nothing', async () => {
    const page = await admin.get('/workbench/admin/audit?ticketNo=abc');
    expect(page.status).toBe(200);
    expect(page.html).toContain('工单号格式不正确');
    expect(rowsOf(page.html)).toEqual([]);
  });
});
