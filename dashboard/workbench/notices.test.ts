// /workbench/notices: a person's 督办 notices (the outbox's staff channel) and no one else's,
// newest first with their ticket links; 已读 marks only their own unread notice; the header counts
// the unread ones.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { count, createTicket, routeEverythingByHand } from '../../tests/helpers';
import { newId } from '../../tickets/ids';
import { outboxInsert, STAFF_CHANNEL } from '../../tickets/outbox';
import { type PageSession, signInPage } from './page-session';

let reviewer: PageSession;
let dispatcher: PageSession;

beforeAll(async () => {
  await routeEverythingByHand();
  [reviewer, dispatcher] = await Promise.all([signInPage('cgj.reviewer'), signInPage('dispatcher')]);
});

async function notify(username: string, ticketNo: string, body: string, now: number) {
  const [row] = await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .all<{ id: string }>()
    .then((r) => r.results);
  const id = newId();
  await outboxInsert(openDb(env.DB), {
    id,
    ticketId: row!.id,
    target: { channel: STAFF_CHANNEL, recipient: username },
    kind: 'notice',
    subject: `督办：工单 ${ticketNo}`,
    body,
    now,
  });
  return id;
}

const badge = (html: string) =>
  html.match(/href="\/workbench\/notices">通知(?:<span[^>]*> (\d+) 条未读<\/span>)?/)?.[1] ?? '0';

describe('the notices page', () => {
  it('lists the person’s own notices, newest first, with the ticket links and the unread count', async () => {
    const [older, newer, other] = await Promise.all([createTicket(), createTicket(), createTicket()]);
    const base = Date.now();
    await notify('cgj.reviewer', older.ticketNo, '【督办】较早的超期工单', base - 60_000);
    await notify('cgj.reviewer', newer.ticketNo, '【督办】较新的超期工单', base);
    await notify('dispatcher', other.ticketNo, '【督办】派单员的通知', base);

    const page = await reviewer.get('/workbench/notices');
    expect(page.status).toBe(200);
    const newerAt = page.html.indexOf('较新的超期工单');
    const olderAt = page.html.indexOf('较早的超期工单');
    expect(newerAt).toBeGreaterThan(-1);
    expect(olderAt).toBeGreaterThan(newerAt);
    expect(page.html).not.toContain('派单员的通知');
    expect(page.html).toContain(`href="/workbench/tickets/${newer.ticketNo}"`);
    const unread = await count(
      "SELECT count(*) AS n FROM outbox WHERE channel = 'staff' AND recipient = 'cgj.reviewer' AND status = 'pending'",
    );
    expect(badge(page.html)).toBe(String(unread));
    expect(unread).toBeGreaterThanOrEqual(2);
  });

  it('marks a notice read for its own person only, and counts one fewer', async () => {
    const t = await createTicket();
    const mine = await notify('cgj.reviewer', t.ticketNo, '【督办】待读', Date.now());
    const theirs = await notify('dispatcher', t.ticketNo, '【督办】别人的', Date.now());
    const before = badge((await reviewer.get('/workbench/notices')).html);

    const refused = await reviewer.post(`/workbench/notices/${theirs}/read`, {});
    expect(refused.status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE id = ? AND status = 'pending'", theirs)).toBe(1);

    const done = await reviewer.post(`/workbench/notices/${mine}/read`, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/workbench/notices?read=1');
    expect(await count("SELECT count(*) AS n FROM outbox WHERE id = ? AND status = 'sent'", mine)).toBe(1);
    const after = await reviewer.get('/workbench/notices?read=1');
    expect(after.html).toContain('已标记为已读');
    expect(Number(badge(after.html))).toBe(Number(before) - 1);
    // A second 已读 of the same notice finds nothing unread.
    expect((await reviewer.post(`/workbench/notices/${mine}/read`, {})).status).toBe(404);
  });

  it('refuses 已读 without the session’s token', async () => {
    const t = await createTicket();
    const id = await notify('dispatcher', t.ticketNo, '【督办】需要令牌', Date.now());
    await dispatcher.get('/workbench/notices');
    expect((await dispatcher.post(`/workbench/notices/${id}/read`, {}, 'forged')).status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE id = ? AND status = 'pending'", id)).toBe(1);
  });
});
