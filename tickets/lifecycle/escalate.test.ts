// 电子监察 on a controllable clock. A 咨询 has 2 working days after its dispatch day; dispatched on
// a Monday at 09:00 it has 420 minutes that day and 420 on each of the next two, 1260 in all, so
// its light turns yellow with 252 minutes left: 11:48 on the Wednesday (its afternoon is 240 of
// them, the other 12 end the morning), and red at 17:30.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { shanghaiTime as at } from '../../routing/calendar';
import { getTicket, message, routeEverythingByHand } from '../../tests/helpers';
import { intakeMessage } from '../intake';
import type { Actor } from './actor';
import { applyAction } from './apply-action';
import { dueQueries, escalate } from './escalate';
import { renderQuery } from './sql-statements';

const db = openDb(env.DB);
const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };

beforeAll(routeEverythingByHand);

/** A new ticket dispatched at `now`, after a run at `now` that settles the earlier tests' tickets. */
async function dispatchedAt(now: number, type = '咨询') {
  await escalate(env, now);
  const m = message();
  const t = await intakeMessage(env, { ...m, raw: JSON.stringify(m) } as never, { now, acknowledge: false });
  await act(t.ticketNo, 'dispatch', dispatcher, { departmentCode: 'cgj', type }, now);
  return t.ticketNo;
}

const act = (ticketNo: string, action: Parameters<typeof applyAction>[2], actor: Actor, input: unknown, now: number) =>
  applyAction({ db, env }, ticketNo, action, actor, input, { now, notify: false });

const lightOf = async (ticketNo: string) =>
  (await env.DB.prepare(
    'SELECT id, light, yellow_at AS yellowAt, deadline_at AS deadlineAt FROM tickets WHERE ticket_no = ?',
  )
    .bind(ticketNo)
    .first<{ id: string; light: string | null; yellowAt: number | null; deadlineAt: number | null }>())!;

/** Everything a run could write: events, tickets' versions, 督办 records and outbox rows. */
const footprint = async () =>
  env.DB.prepare(
    `SELECT (SELECT count(*) FROM ticket_events) AS events, (SELECT sum(version) FROM tickets) AS versions,
       (SELECT count(*) FROM supervisions) AS supervisions, (SELECT count(*) FROM outbox) AS outbox`,
  ).first();

describe('the light', () => {
  it('is green at dispatch and turns yellow at 80 % of the working time, once', async () => {
    const ticketNo = await dispatchedAt(at('2026-11-02', 9));
    expect(await lightOf(ticketNo)).toMatchObject({
      light: 'green',
      yellowAt: at('2026-11-04', 11, 48),
      deadlineAt: at('2026-11-04', 17, 30),
    });
    await escalate(env, at('2026-11-04', 11, 47));
    expect((await lightOf(ticketNo)).light).toBe('green');

    const run = await escalate(env, at('2026-11-04', 11, 48));
    expect(run).toMatchObject({ yellow: 1, red: 0, skipped: 0, more: false });
    expect((await lightOf(ticketNo)).light).toBe('yellow');
    const event = await env.DB.prepare(
      "SELECT actor_role AS role, data FROM ticket_events WHERE action = 'escalate' AND ticket_id = ?",
    )
      .bind((await lightOf(ticketNo)).id)
      .first<{ role: string; data: string }>();
    expect(event?.role).toBe('system');
    expect(JSON.parse(event!.data)).toMatchObject({ light: 'yellow', from: 'green' });

    const before = await footprint();
    expect(await escalate(env, at('2026-11-04', 11, 48))).toMatchObject({ yellow: 0, red: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('turns red at the deadline, opens one 督办 and tells the reviewer and the centre, once', async () => {
    const ticketNo = await dispatchedAt(at('2026-11-09', 9));
    const { id } = await lightOf(ticketNo);
    const deadline = at('2026-11-11', 17, 30);
    // Not run at 80 %: a green ticket past its deadline goes straight to red.
    const run = await escalate(env, deadline);
    expect(run).toMatchObject({ red: 1, skipped: 0 });
    expect((await lightOf(ticketNo)).light).toBe('red');

    const supervision = await env.DB.prepare('SELECT * FROM supervisions WHERE ticket_id = ?')
      .bind(id)
      .all<{ department_code: string; deadline_at: number; opened_at: number; told: string; closed_at: null }>();
    expect(supervision.results).toHaveLength(1);
    const record = supervision.results[0]!;
    expect(record).toMatchObject({
      department_code: 'cgj',
      deadline_at: deadline,
      opened_at: deadline,
      closed_at: null,
    });
    const told = (JSON.parse(record.told) as Array<{ who: string; at: number }>).map((t) => t.who).sort();
    // The demo city's cgj reviewer, and the centre's supervisor and dispatcher.
    expect(told).toEqual(['cgj.reviewer', 'dispatcher', 'supervisor']);

    const notices = await env.DB.prepare(
      'SELECT channel, recipient, kind, status, body FROM outbox WHERE ticket_id = ? ORDER BY recipient',
    )
      .bind(id)
      .all<{ channel: string; recipient: string; kind: string; status: string; body: string }>();
    expect(notices.results.map((n) => [n.channel, n.recipient, n.kind, n.status])).toEqual([
      ['staff', 'cgj.reviewer', 'notice', 'pending'],
      ['staff', 'dispatcher', 'notice', 'pending'],
      ['staff', 'supervisor', 'notice', 'pending'],
    ]);
    expect(notices.results[0]!.body).toContain(`工单 ${ticketNo} 已超过办理时限（2026-11-11 17:30）`);

    const before = await footprint();
    expect(await escalate(env, deadline)).toMatchObject({ yellow: 0, red: 0 });
    expect(await escalate(env, deadline + 60_000)).toMatchObject({ yellow: 0, red: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('leaves a stopped clock alone and lights it again from the moved deadline', async () => {
    const ticketNo = await dispatchedAt(at('2026-11-16', 9));
    await act(ticketNo, 'sign', handler, {}, at('2026-11-16', 10));
    // Stopped Tue 11/17 at 09:00: 840 minutes left; yellow was 11/18 11:48, 252 before the deadline.
    await act(ticketNo, 'supplement', handler, { request: '请提供路灯灯杆编号和照片' }, at('2026-11-17', 9));
    const before = await footprint();
    await escalate(env, at('2026-11-20', 9));
    expect(await footprint()).toEqual(before);
    expect((await lightOf(ticketNo)).light).toBe('green');

    // Restarted Fri 11/20 at 09:00 with 840 minutes: deadline Mon 11/23 17:30, yellow 252 before it.
    await act(ticketNo, 'supplement', dispatcher, { text: '灯杆编号 WY-0312' }, at('2026-11-20', 9));
    expect(await lightOf(ticketNo)).toMatchObject({
      light: 'green',
      deadlineAt: at('2026-11-23', 17, 30),
      yellowAt: at('2026-11-23', 11, 48),
    });
  });

  it('goes back to green when an extension moves a yellow ticket’s deadline', async () => {
    const ticketNo = await dispatchedAt(at('2026-12-07', 9));
    await act(ticketNo, 'sign', handler, {}, at('2026-12-07', 10));
    await escalate(env, at('2026-12-09', 12));
    expect((await lightOf(ticketNo)).light).toBe('yellow');
    await act(
      ticketNo,
      'extend',
      handler,
      { workingDays: 5, reason: '需协调供电公司更换线路' },
      at('2026-12-09', 12, 30),
    );
    await act(ticketNo, 'approve', dispatcher, {}, at('2026-12-09', 13));
    // 5 working days after 12/9: 12/10, 12/11, 12/14, 12/15, 12/16. Allowed 1260 + 2100 minutes,
    // margin 672: all of 12/16 (420), 12/15's afternoon (240) and 12 minutes of its morning.
    expect(await lightOf(ticketNo)).toMatchObject({
      light: 'green',
      deadlineAt: at('2026-12-16', 17, 30),
      yellowAt: at('2026-12-15', 11, 48),
    });
    await escalate(env, at('2026-12-15', 11, 48));
    expect((await lightOf(ticketNo)).light).toBe('yellow');
  });

  it('goes out on the reply, closing the 督办, and comes back red when the reply is rejected', async () => {
    const ticketNo = await dispatchedAt(at('2027-01-11', 9));
    const { id } = await lightOf(ticketNo);
    await act(ticketNo, 'sign', handler, {}, at('2027-01-11', 10));
    await escalate(env, at('2027-01-13', 17, 30));
    expect((await lightOf(ticketNo)).light).toBe('red');
    await act(ticketNo, 'reply', handler, { text: '经核查，该路灯已于今日完成维修并恢复照明。' }, at('2027-01-14', 9));
    expect((await lightOf(ticketNo)).light).toBeNull();
    const closed = await env.DB.prepare('SELECT closed_at AS c FROM supervisions WHERE ticket_id = ?').bind(id).first();
    expect(closed).toEqual({ c: at('2027-01-14', 9) });

    const reviewer: Actor = { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' };
    await act(ticketNo, 'reject', reviewer, { reason: '未说明维修后的回访情况' }, at('2027-01-14', 10));
    // Lit again from the standing deadline; only the cron lights red, reopening the same 督办.
    expect((await lightOf(ticketNo)).light).toBe('yellow');
    await escalate(env, at('2027-01-14', 10, 5));
    expect((await lightOf(ticketNo)).light).toBe('red');
    const reopened = await env.DB.prepare('SELECT closed_at AS c, told FROM supervisions WHERE ticket_id = ?')
      .bind(id)
      .all<{ c: number | null; told: string }>();
    expect(reopened.results).toHaveLength(1);
    expect(reopened.results[0]!.c).toBeNull();
    expect(JSON.parse(reopened.results[0]!.told)).toHaveLength(6);
  });
});

describe('the staff view', () => {
  it('shows the light and the 督办 with who was told, and neither once answered', async () => {
    const ticketNo = await dispatchedAt(at('2027-03-01', 9));
    expect((await getTicket(ticketNo)).body).toMatchObject({ light: 'green', supervision: [] });
    const deadline = at('2027-03-03', 17, 30);
    await escalate(env, deadline);
    const iso = new Date(deadline).toISOString();
    const red = (await getTicket(ticketNo)).body;
    expect(red.light).toBe('red');
    expect(red.supervision).toEqual([
      {
        openedAt: iso,
        deadlineAt: iso,
        told: ['cgj.reviewer', 'dispatcher', 'supervisor'].map((who) => ({ who, at: iso })),
        closedAt: null,
      },
    ]);
    await act(ticketNo, 'sign', handler, {}, at('2027-03-04', 9));
    await act(ticketNo, 'reply', handler, { text: '经核查，该路灯已于今日完成维修并恢复照明。' }, at('2027-03-04', 10));
    const answered = (await getTicket(ticketNo)).body;
    expect(answered.light).toBeNull();
    expect(answered.supervision[0].closedAt).toBe(new Date(at('2027-03-04', 10)).toISOString());
  });
});

describe('tickets from before the light', () => {
  it('are lit by migration 0008 and escalate from there', async () => {
    const ticketNo = await dispatchedAt(at('2027-04-05', 9));
    // As a ticket dispatched before 0006 stood: on the clock, with no light.
    await env.DB.prepare('UPDATE tickets SET light = NULL, yellow_at = NULL WHERE ticket_no = ?').bind(ticketNo).run();
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0008_'));
    for (const query of backfill!.queries) await env.DB.prepare(query).run();
    // Dispatched Mon 4/5 09:00 (Qingming 2027 is Mon 4/5: its first working day is 4/6), due 4/7
    // 17:30: a fifth of the span before it, in plain time.
    const { deadlineAt } = await lightOf(ticketNo);
    expect(deadlineAt).toBe(at('2027-04-07', 17, 30));
    const dispatched = at('2027-04-05', 9);
    expect(await lightOf(ticketNo)).toMatchObject({
      light: 'green',
      yellowAt: deadlineAt! - (deadlineAt! - dispatched) / 5,
    });
    await escalate(env, deadlineAt!);
    expect((await lightOf(ticketNo)).light).toBe('red');
  });
});

describe('cost', () => {
  it('touches at most its limit and leaves the rest for the next run', async () => {
    const tickets = [
      await dispatchedAt(at('2027-02-01', 9)),
      await dispatchedAt(at('2027-02-01', 9)),
      await dispatchedAt(at('2027-02-01', 9)),
    ];
    // 2/1 is a Monday: yellow on Wednesday 2/3 at 11:48.
    expect(await escalate(env, at('2027-02-03', 12), 2)).toMatchObject({ yellow: 2, more: true });
    expect(await escalate(env, at('2027-02-03', 12), 2)).toMatchObject({ yellow: 1, more: false });
    for (const t of tickets) expect((await lightOf(t)).light).toBe('yellow');
  });

  it('finds the due tickets through the light indexes, never by scanning tickets', async () => {
    const queries = dueQueries(db, Date.now(), 500);
    for (const [query, index] of [
      [queries.red, 'tickets_light_red'],
      [queries.yellow, 'tickets_light_yellow'],
    ] as const) {
      const { sql, params } = renderQuery(query);
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const steps = plan.results.map((r) => r.detail);
      expect(steps.some((d) => new RegExp(`SEARCH tickets USING INDEX ${index} \\(light=\\? AND`).test(d))).toBe(true);
      expect(steps.some((d) => /SCAN tickets/.test(d))).toBe(false);
    }
  });
});
