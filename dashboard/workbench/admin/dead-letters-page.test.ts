// The dead-letter page: an admin sees the deliveries that failed for good with the address
// masked and a link to the ticket, and 重新发送 puts one back in the queue; no one else may.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../db/client';
import { createTicket } from '../../../tests/helpers';
import { outboxInsert } from '../../../tickets/outbox';
import { type PageSession, signInPage } from '../page-session';

let admin: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  [admin, dispatcher] = await Promise.all([signInPage('admin'), signInPage('dispatcher')]);
});

/** A failed delivery of a reply to the ticket's resident; returns its outbox id. */
async function deadLetterFor(ticketNo: string, recipient: string) {
  const ticket = await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<{ id: string }>();
  const id = `page-dl-${crypto.randomUUID()}`;
  await outboxInsert(openDb(env.DB), {
    id,
    ticketId: ticket!.id,
    target: { channel: 'sms', recipient },
    kind: 'reply',
    body: '您的诉求已办结',
    // Newer than anything else the tests write, so it is on the first page.
    now: Date.now() + 60_000,
  });
  await env.DB.prepare("UPDATE outbox SET status = 'failed', attempts = 8, last_error = '短信网关超时' WHERE id = ?")
    .bind(id)
    .run();
  return id;
}

const statusOf = async (id: string) =>
  (await env.DB.prepare('SELECT status, attempts FROM outbox WHERE id = ?').bind(id).first()) as {
    status: string;
    attempts: number;
  };

describe('the dead-letter page', () => {
  it('lists a failed delivery masked, with its ticket, and resends it to pending', async () => {
    const { ticketNo } = await createTicket();
    const id = await deadLetterFor(ticketNo, '13912345678');
    const page = await admin.get('/workbench/admin/dead-letters');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/workbench/tickets/${ticketNo}"`);
    expect(page.html).toContain('139****5678');
    expect(page.html).not.toContain('13912345678');
    expect(page.html).toContain('短信网关超时');
    expect(page.html).toContain(`action="/workbench/admin/dead-letters/${id}/resend"`);
    expect(page.html).toContain('重新发送');

    const res = await admin.post(`/workbench/admin/dead-letters/${id}/resend`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/workbench/admin/dead-letters?done=resent');
    expect(await statusOf(id)).toEqual({ status: 'pending', attempts: 0 });
    const after = await admin.get('/workbench/admin/dead-letters?done=resent');
    expect(after.html).toContain('已重新放入发送队列');
    expect(after.html).not.toContain(`/dead-letters/${id}/resend`);

    // No longer a dead letter: a second press finds nothing.
    const again = await admin.post(`/workbench/admin/dead-letters/${id}/resend`, {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('没有这条投递失败的消息');
  });

  it('is refused to a dispatcher and to a form without the token, and nothing is resent', async () => {
    const { ticketNo } = await createTicket();
    const id = await deadLetterFor(ticketNo, '13700002222');
    expect((await dispatcher.get('/workbench/admin/dead-letters')).status).toBe(403);
    await dispatcher.get('/workbench');
    expect((await dispatcher.post(`/workbench/admin/dead-letters/${id}/resend`, {})).status).toBe(403);
    await admin.get('/workbench/admin/dead-letters');
    const forged = await admin.post(`/workbench/admin/dead-letters/${id}/resend`, {}, 'not-the-token');
    expect(forged.status).toBe(403);
    expect(await statusOf(id)).toEqual({ status: 'failed', attempts: 8 });
  });
});
