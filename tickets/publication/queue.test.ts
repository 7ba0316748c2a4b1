// The reviewer's queue and the published rating: what waits for a decision, what leaves the queue,
// what comes back after a reopened ticket is answered again, and the rating that follows the
// resident's on a published reply.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { rateTicket } from '../lifecycle/rate-ticket';
import { listPublicationQueue, publicationQueueQuery } from './queue';
import { decidePublication } from './review';
import {
  actOn,
  answeredTicket,
  at,
  centreAdmin,
  DAY,
  db,
  dispatcher,
  generation,
  handler,
  publicationOf,
  reviewer,
  searchHits,
  supervisor,
} from './test-fixtures';

const cgjReviewer = reviewer('cgj');
const queued = async (actor = cgjReviewer) => {
  const numbers: string[] = [];
  for (let page = 1; ; page++) {
    const { items, more } = await listPublicationQueue(db, actor, page, 5);
    numbers.push(...items.map((i) => i.ticketNo));
    if (!more) return numbers;
  }
};

const ticketRow = async (ticketNo: string) =>
  (await db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.ticketNo, ticketNo) }))!;

describe('the publication queue', () => {
  it('lists consented, approved answers of the reviewer’s department until someone decides', async () => {
    const ready = await answeredTicket();
    const noConsent = await answeredTicket({ consent: false });
    const unapproved = await answeredTicket({ approve: false });
    const otherDepartment = await answeredTicket({ department: 'zjj' });
    const declined = await answeredTicket();

    const mine = await queued();
    expect(mine).toContain(ready);
    expect(mine).toContain(declined);
    for (const t of [noConsent, unapproved, otherDepartment]) expect(mine).not.toContain(t);
    expect(await queued(reviewer('zjj'))).toContain(otherDepartment);
    expect(await queued(reviewer('zjj'))).not.toContain(ready);
    // The centre sees every department's.
    expect(await queued(supervisor)).toEqual(expect.arrayContaining([ready, otherDepartment]));

    await decidePublication(db, ready, 'publish', cgjReviewer, {});
    await decidePublication(db, declined, 'decline', cgjReviewer, { reason: '涉及隐私' });
    const after = await queued();
    expect(after).not.toContain(ready);
    expect(after).not.toContain(declined);
  });

  it('pages through every waiting ticket once, newest answer first', async () => {
    const all = await queued(centreAdmin);
    expect(new Set(all).size).toBe(all.length);
    const rows = await env.DB.prepare(
      `SELECT ticket_no AS no, replied_at AS at FROM tickets WHERE ticket_no IN (${all.map(() => '?').join(',')})`,
    )
      .bind(...all)
      .all<{ no: string; at: number }>();
    const at = new Map(rows.results.map((r) => [r.no, r.at]));
    const times = all.map((no) => at.get(no)!);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('finds its tickets through the indexes, not by reading every ticket', async () => {
    for (const actor of [cgjReviewer, centreAdmin]) {
      const { sql, params } = publicationQueueQuery(db, actor);
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      expect(details.some((d) => /SEARCH tickets USING INDEX/.test(d))).toBe(true);
      expect(details.filter((d) => /^SCAN tickets\b/.test(d))).toEqual([]);
      expect(details.some((d) => /SEARCH publications USING INDEX publications_ticket_id_unique/.test(d))).toBe(true);
    }
  });

  it('lists a published ticket again when a reopened ticket’s new answer is approved; re-publishes it', async () => {
    const ticketNo = await answeredTicket();
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    const first = (await publicationOf(ticketNo))!;
    await rateTicket(
      { db },
      await ticketRow(ticketNo),
      { resolved: false, satisfaction: 'dissatisfied' },
      { now: at(DAY, 18) },
    );
    const act = actOn(ticketNo);
    await act('reopen', dispatcher, { reason: '群众不满意' }, at('2026-11-17', 9));
    // Reopened and not answered again: the published answer stays, and nothing waits.
    expect(await queued()).not.toContain(ticketNo);
    await act('dispatch', dispatcher, { departmentCode: 'cgj' }, at('2026-11-17', 9, 10));
    await act('sign', handler('cgj'), {}, at('2026-11-17', 9, 20));
    await act(
      'reply',
      handler('cgj'),
      { text: '重新核查后，已将整条线路更换为新电缆，路灯全部恢复。' },
      at('2026-11-17', 14),
    );
    await act('approve', cgjReviewer, {}, at('2026-11-17', 15));

    const { items } = await listPublicationQueue(db, cgjReviewer, 1, 100);
    expect(items.find((i) => i.ticketNo === ticketNo)?.currentStatus).toBe('published');
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    const second = (await publicationOf(ticketNo))!;
    expect(second.reply_id).not.toBe(first.reply_id);
    expect(second.reply).toContain('新电缆');
    // The new answer is not rated yet: the rating of the old one no longer shows.
    expect(second.satisfaction).toBeNull();
    expect(await searchHits('新电缆')).toEqual([second.id]);
    expect(await searchHits('线路老化')).not.toContain(second.id);
    expect(await queued()).not.toContain(ticketNo);
  });
});

describe('the published rating', () => {
  it('follows the resident’s rating in the same batch, and retires the cached pages', async () => {
    const ticketNo = await answeredTicket();
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    expect((await publicationOf(ticketNo))!.satisfaction).toBeNull();
    const before = await generation();
    await rateTicket({ db }, await ticketRow(ticketNo), { resolved: true, satisfaction: 'basically_satisfied' });
    expect(await publicationOf(ticketNo)).toMatchObject({ satisfaction: 'basically_satisfied', resolved: 1 });
    expect(await generation()).toBe(before + 1);
  });

  it('leaves the generation alone when the rated ticket is not published', async () => {
    const ticketNo = await answeredTicket();
    const before = await generation();
    await rateTicket({ db }, await ticketRow(ticketNo), { resolved: true, satisfaction: 'satisfied' });
    expect(await generation()).toBe(before);
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  it('publishes a ticket rated before with its rating', async () => {
    const ticketNo = await answeredTicket();
    await rateTicket({ db }, await ticketRow(ticketNo), { resolved: true, satisfaction: 'satisfied' });
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    expect(await publicationOf(ticketNo)).toMatchObject({ satisfaction: 'satisfied', resolved: 1 });
  });
});
