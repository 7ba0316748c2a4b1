// The rollups kept by the triggers equal the figures recomputed from the tickets and ratings,
// whatever happened to the tickets: fast-check plays random lists of lifecycle steps (every kind
// of action, refused ones skipped, the cron's lights at later times) over a few tickets, from a
// clean slate each run, and compares. Deleting every ticket and rating must bring every rollup
// back to zero (the delete triggers), which is also how each run starts clean. Then, without the
// recomputation: hand-made tickets whose stats_daily rows are worked out here, day by day.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { shanghaiTime as at } from '../../routing/calendar';
import { INTEGRATION_TOKEN, request, routeEverythingByHand } from '../../tests/helpers';
import { actOn, answered, db, dispatcher, handler, intakeAt, REPLY, reviewer } from '../../tests/practice-steps';
import { forgetAllTickets, runSteps, stepArbitrary } from '../../tests/rollup-steps';
import { rollupsKeptAndRecomputed } from '../../tests/stats-rollups';
import { escalate } from '../lifecycle/escalate';
import { rateTicket } from '../lifecycle/rate-ticket';
import { type DailyColumn, dailyColumns } from './facts';
import { dayOfDate } from './stats-period';

beforeAll(routeEverythingByHand);

const empty = { daily: {}, volume: {}, lights: {} };
const ticketOf = async (ticketNo: string) =>
  (await db.select().from(tickets).where(eq(tickets.ticketNo, ticketNo)))[0]!;

/** Intakes first (a ticket must exist to be acted on), then any steps. */
const sequences = fc
  .tuple(
    fc.array(
      stepArbitrary.filter((s) => s.kind === 'intake'),
      { minLength: 1, maxLength: 4 },
    ),
    fc.array(stepArbitrary, { minLength: 5, maxLength: 40 }),
  )
  .map(([intakes, steps]) => [...intakes, ...steps]);

describe('the rollups after random lifecycle steps', () => {
  it('equal the figures recomputed from tickets and ratings, and go back to zero when the tickets go', async () => {
    await fc.assert(
      fc.asyncProperty(sequences, async (steps) => {
        await forgetAllTickets();
        const cleared = await rollupsKeptAndRecomputed();
        expect(cleared).toEqual({ kept: empty, recomputed: empty });
        await runSteps(steps, at('2026-11-02', 8, 30));
        const { kept, recomputed } = await rollupsKeptAndRecomputed();
        expect(kept).toEqual(recomputed);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

type Counts = Partial<Record<DailyColumn, number>>;

/** A stats_daily row as the rollups key it: the local date's day number and the department. */
const daily = (rows: Array<[date: string, department: string, counts: Counts]>) =>
  Object.fromEntries(
    rows.map(([date, department, counts]) => [
      `${dayOfDate(date)}|${department}`,
      Object.fromEntries(dailyColumns.map((c) => [c, counts[c] ?? 0])),
    ]),
  );

describe('the rollups of hand-made tickets', () => {
  it('count each figure on its local day for the lead department', async () => {
    await forgetAllTickets();
    // A: in at 23:59 on the 3rd, answered on the 4th (dispatched 09:10, signed 09:30: 20 minutes;
    // replied 14:00: 170 minutes of morning and 30 of afternoon), rated on the 5th.
    const a = await intakeAt(at('2026-11-03', 23, 59));
    // C: a duplicate merged into A while A is still with the centre: it counts nowhere.
    const c = await intakeAt(at('2026-11-04', 8));
    await actOn(c.ticketNo)('merge', dispatcher, { intoTicketNo: a.ticketNo }, at('2026-11-04', 8, 30));
    await answered(a.ticketNo, '2026-11-04');
    await rateTicket(
      { db },
      await ticketOf(a.ticketNo),
      { resolved: true, satisfaction: 'satisfied' },
      {
        now: at('2026-11-05', 10),
      },
    );
    // D: a 咨询 dispatched Monday 10:00 is due on Wednesday 17:30 (two working days after); an
    // approved extension of two working days makes Thursday's reply on time. 10:00 Monday to
    // 10:00 Thursday is 360 + 420 + 420 + 60 working minutes.
    const d = await intakeAt(at('2026-11-02', 9));
    const actD = actOn(d.ticketNo);
    await actD('dispatch', dispatcher, { departmentCode: 'cgj', type: '咨询' }, at('2026-11-02', 10));
    expect((await ticketOf(d.ticketNo)).deadlineAt).toBe(at('2026-11-04', 17, 30));
    await actD('sign', handler('cgj'), {}, at('2026-11-02', 10, 30));
    await actD('extend', handler('cgj'), { workingDays: 2, reason: '需现场勘查' }, at('2026-11-03', 10));
    await actD('approve', dispatcher, {}, at('2026-11-03', 11));
    expect((await ticketOf(d.ticketNo)).deadlineAt).toBe(at('2026-11-06', 17, 30));
    await actD('reply', handler('cgj'), { text: REPLY }, at('2026-11-05', 10));
    await actD('approve', reviewer('cgj'), {}, at('2026-11-05', 11));
    // B: in at midnight on the 5th, dispatched to zjj, never signed: due Monday the 9th 17:30,
    // red at the cron's run the next morning, overdue on the 9th.
    const b = await intakeAt(at('2026-11-05', 0, 0));
    await actOn(b.ticketNo)('dispatch', dispatcher, { departmentCode: 'zjj', type: '咨询' }, at('2026-11-05', 10));
    await escalate(env, at('2026-11-10', 9));

    const { kept } = await rollupsKeptAndRecomputed();
    expect(kept.daily).toEqual(
      daily([
        [
          '2026-11-02',
          'cgj',
          { received: 1, dispatched: 1, response_known: 1, responded: 1, signed: 1, sign_timed: 1, sign_minutes: 30 },
        ],
        ['2026-11-03', 'cgj', { received: 1 }],
        [
          '2026-11-04',
          'cgj',
          {
            dispatched: 1,
            response_known: 1,
            responded: 1,
            signed: 1,
            sign_timed: 1,
            sign_minutes: 20,
            replied: 1,
            replied_on_time: 1,
            reply_timed: 1,
            reply_minutes: 200,
          },
        ],
        [
          '2026-11-05',
          'cgj',
          {
            replied: 1,
            replied_on_time: 1,
            reply_timed: 1,
            reply_minutes: 1260,
            closed: 1,
            rated: 1,
            resolved: 1,
            satisfied: 1,
          },
        ],
        ['2026-11-05', 'zjj', { received: 1, dispatched: 1, response_known: 1 }],
        ['2026-11-09', 'zjj', { overdue: 1, overdue_open: 1 }],
      ]),
    );
    expect(kept.lights).toEqual({ 'zjj|red': { tickets: 1 } });
  });
});

const importRecords = [
  {
    // Dispatched on the eve of the 2025 National Day holiday (1–8 October), answered the day after
    // it: 16:00–17:30 on the 30th and 09:00–10:00 on the 9th, 150 working minutes; due on the 10th.
    externalId: 'P-2025-0930',
    channel: 'phone',
    receivedAt: '2025-09-30T16:00:00+08:00',
    type: '咨询',
    text: '咨询小区二次供水水箱清洗的周期和费用由谁承担。',
    department: '市住房和城乡建设局',
    replies: [
      { department: 'zjj', at: '2025-10-09T10:00:00+08:00', text: '二次供水设施每半年清洗一次，费用由物业承担。' },
    ],
    rating: { resolved: false, satisfaction: 'basically_satisfied', at: '2025-10-10T09:00:00+08:00' },
  },
  {
    // 07:00 local on 2 March is still 1 March in UTC: it counts on the 2nd. Dispatched before office
    // hours, answered 15:00 the next day: 420 + 180 + 90 working minutes.
    externalId: 'P-2026-0302',
    channel: 'mailbox',
    receivedAt: '2026-03-02T07:00:00+08:00',
    type: '求助',
    text: '小区门口道路塌陷，请尽快修复。',
    department: 'cgj',
    replies: [{ department: 'cgj', at: '2026-03-03T15:00:00+08:00', text: '已安排养护单位于当日完成修复。' }],
    rating: { resolved: true, satisfaction: 'satisfied', at: '2026-03-04T10:00:00+08:00' },
  },
  // The last minute of 2025, never dispatched: received on 31 December with no lead.
  {
    externalId: 'P-2025-1231',
    channel: 'wechat',
    receivedAt: '2025-12-31T23:59:00+08:00',
    text: '建议增设公交站台遮阳棚。',
  },
];

describe('the rollups after a history import', () => {
  it('count the archive as if it had been live, by the calendar of its year', async () => {
    await forgetAllTickets();
    const res = await request('http://hub.test/api/v1/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify(importRecords),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 3 });

    const { kept, recomputed } = await rollupsKeptAndRecomputed();
    expect(kept).toEqual(recomputed);
    // History records no sign-for time: the import signs with none (no sign minutes, and the
    // response is judged neither way: response_known 0 on the dispatch day).
    const answered = (minutes: number) => ({
      signed: 1,
      replied: 1,
      replied_on_time: 1,
      reply_timed: 1,
      reply_minutes: minutes,
    });
    expect(kept.daily).toEqual(
      daily([
        ['2025-09-30', 'zjj', { received: 1, dispatched: 1 }],
        ['2025-10-09', 'zjj', answered(150)],
        ['2025-10-10', 'zjj', { closed: 1, rated: 1, resolved: 0, satisfied: 1 }],
        ['2025-12-31', '', { received: 1 }],
        ['2026-03-02', 'cgj', { received: 1, dispatched: 1 }],
        ['2026-03-03', 'cgj', answered(690)],
        ['2026-03-04', 'cgj', { closed: 1, rated: 1, resolved: 1, satisfied: 1 }],
      ]),
    );
  });
});
