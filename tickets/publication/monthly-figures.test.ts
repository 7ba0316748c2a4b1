// The month's figures on hand-made tickets of April 2025 (清明: Fri 4/4 to Sun 4/6 off), each
// figure's right answer worked out here from the steps below, by the dashboard's definitions
// (DESIGN.md "Metrics"): replied and on time on the approved answer's day, overdue on the missed
// deadline's day (answered late, or red), the on-time rate on time ÷ (replied + overdue still
// unanswered), working days from dispatch to the answer, ratings on their day.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { shanghaiTime as at } from '../../routing/calendar';
import { observeD1, routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer, row } from '../../tests/practice-steps';
import { escalate } from '../lifecycle/escalate';
import { rateTicket } from '../lifecycle/rate-ticket';
import { renderQuery } from '../lifecycle/sql-statements';
import { loadOverview } from '../stats/overview';
import { loadPeriodFigures, periodFiguresStatements } from './monthly-figures';
import { parseMonth, parseYear, statsScopeOf } from './monthly-figures-period';

const REPLY = '经核查，反映的问题已安排人员现场处理完毕，感谢您的监督。';
const NOW = at('2025-06-01', 12);
const april = parseMonth('2025-04', NOW)!;

/**
 * Taken in, dispatched (at once unless `dispatchedAt` is given), signed; answered and approved
 * when `repliedAt` is given.
 */
async function worked(code: string, type: string, receivedAt: number, repliedAt?: number, dispatchedAt = receivedAt) {
  const t = await intakeAt(receivedAt);
  const act = actOn(t.ticketNo);
  await act('dispatch', dispatcher, { departmentCode: code, type }, dispatchedAt);
  await act('sign', handler(code), {}, dispatchedAt + 60_000);
  if (repliedAt) {
    await act('reply', handler(code), { text: REPLY }, repliedAt);
    await act('approve', reviewer(code), {}, repliedAt + 600_000);
  }
  return t.ticketNo;
}

async function rate(ticketNo: string, satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied', now: number) {
  const row = await db.query.tickets.findFirst({ where: eq(tickets.ticketNo, ticketNo) });
  await rateTicket({ db }, row!, { resolved: satisfaction !== 'dissatisfied', satisfaction }, { now });
}

beforeAll(async () => {
  await routeEverythingByHand();
  // zjj (市住房和城乡建设局): dispatched at receipt, Thu 4/3 10:00 → Mon 4/7 11:00 across the holiday and the weekend:
  // 4/3 10:00–12:00 and 13:30–17:30 (360) + 4/7 09:00–11:00 (120) = 480 working minutes.
  const t1 = await worked('zjj', '求助', at('2025-04-03', 10), at('2025-04-07', 11));
  // 咨询, due Thu 4/10 17:30, extended by 3 working days to Tue 4/15 17:30, answered Mon 4/14
  // 16:00: on time only with the extension. Tue 4/8 09:00 → Mon 4/14 16:00: four whole days
  // (4/8, 9, 10, 11) + 4/14 09:00–12:00 and 13:30–16:00 (330) = 2010 working minutes.
  const t2 = await intakeAt(at('2025-04-08', 9));
  const act2 = actOn(t2.ticketNo);
  await act2('dispatch', dispatcher, { departmentCode: 'zjj', type: '咨询' }, at('2025-04-08', 9));
  await act2('sign', handler('zjj'), {}, at('2025-04-08', 9, 30));
  await act2('extend', handler('zjj'), { workingDays: 3, reason: '需现场核实' }, at('2025-04-09', 9));
  await act2('approve', dispatcher, {}, at('2025-04-09', 10));
  expect((await row(t2.ticketNo)).deadline).toBe(at('2025-04-15', 17, 30));
  await act2('reply', handler('zjj'), { text: REPLY }, at('2025-04-14', 16));
  await act2('approve', reviewer('zjj'), {}, at('2025-04-14', 16, 30));
  await rate(t2.ticketNo, 'basically_satisfied', at('2025-04-15', 10));
  // A duplicate of the first, merged into it: counted once, with the first.
  const dup = await intakeAt(at('2025-04-10', 9));
  await actOn(dup.ticketNo)('merge', dispatcher, { intoTicketNo: t1 }, at('2025-04-10', 10));
  await rate(t1, 'satisfied', at('2025-04-11', 10));
  // Received in April, answered on 5/1 at 00:00 (May), and one answered but not yet approved
  // (neither replied nor overdue: its light went out with the answer, and its 求助 deadline of
  // ten working days falls in May anyway).
  const t7 = await worked('zjj', '求助', at('2025-04-28', 9));
  await actOn(t7)('reply', handler('zjj'), { text: REPLY }, at('2025-05-01', 0));
  await actOn(t7)('approve', reviewer('zjj'), {}, at('2025-05-01', 0, 10));
  const t8 = await worked('zjj', '求助', at('2025-04-22', 9));
  await actOn(t8)('reply', handler('zjj'), { text: REPLY }, at('2025-04-23', 9));

  // Street offices of A1区, counted under A1区人民政府. 咨询 due Thu 4/17 17:30, answered Fri 4/18
  // 10:00: late, so overdue on 4/17 though answered. Three whole days + 60 minutes = 1320 working minutes.
  const t3 = await worked('A01-001', '咨询', at('2025-04-15', 9), at('2025-04-18', 10));
  await rate(t3, 'dissatisfied', at('2025-04-20', 10));
  // Due Wed 4/23 17:30, never answered: red at the cron's run below, overdue on 4/23.
  await worked('A01-002', '咨询', at('2025-04-21', 9));
  // Received Tue 4/22 16:30, dispatched Wed 4/23 10:00, answered Thu 4/24 11:00 (due 4/25 17:30,
  // on time). The time counts from dispatch: 4/23 10:00–12:00 and 13:30–17:30 (360) + 4/24
  // 09:00–11:00 (120) = 480 working minutes (from receipt it would be 60 + 480 + 60 = 600).
  await worked('A01-001', '咨询', at('2025-04-22', 16, 30), at('2025-04-24', 11), at('2025-04-23', 10));

  // The month's edges at midnight Asia/Shanghai, never dispatched (no department yet).
  await intakeAt(at('2025-03-31', 23, 59));
  await intakeAt(at('2025-04-01', 0));
  await intakeAt(at('2025-04-30', 23, 59));
  await intakeAt(at('2025-05-01', 0));
  // The cron, long after: only t4 is open past its deadline (t8's light went out with its answer).
  expect(await escalate(env, NOW)).toMatchObject({ red: 1 });
});

describe('the figures of a month', () => {
  it('counts each department under its first-level unit, with the city total', async () => {
    const figures = await loadPeriodFigures(db, april, NOW);
    const byName = Object.fromEntries(figures.departments.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(
      ['12345热线（直接答复及待派单）', 'A1区人民政府', '市住房和城乡建设局'].sort(),
    );

    // Received t1, t2, t8, t7 (the merged duplicate not counted); replied t1, t2, both on time;
    // nothing overdue: 2 ÷ (2 + 0). Rated t1 (满意) and t2 (基本满意): both satisfied.
    expect(byName.市住房和城乡建设局).toMatchObject({
      code: 'zjj',
      received: 4,
      replied: 2,
      onTime: 2,
      overdue: 0,
      onTimeRate: 1,
      workingMinutes: 480 + 2010,
      rated: 2,
      satisfied: 2,
      satisfactionRate: 1,
    });
    expect(byName.市住房和城乡建设局!.avgWorkingDays).toBeCloseTo((480 + 2010) / 2 / 420, 6);

    // Received t3, t4, t5; replied t3 (late) and t5 (on time); overdue t3 (answered late) and t4
    // (red), of which only t4 is still unanswered: on time 1 ÷ (2 replied + 1 open) = 1/3.
    expect(byName.A1区人民政府).toMatchObject({
      code: 'A01',
      received: 3,
      replied: 2,
      onTime: 1,
      overdue: 2,
      workingMinutes: 1320 + 480,
      rated: 1,
      satisfied: 0,
      satisfactionRate: 0,
    });
    expect(byName.A1区人民政府!.onTimeRate).toBeCloseTo(1 / 3, 9);
    expect(byName.A1区人民政府!.avgWorkingDays).toBeCloseTo((1320 + 480) / 2 / 420, 6);

    // 4/1 00:00 and 4/30 23:59 are April's; 3/31 23:59 and 5/1 00:00 are not.
    expect(byName['12345热线（直接答复及待派单）']).toMatchObject({
      code: null,
      received: 2,
      replied: 0,
      overdue: 0,
      onTimeRate: null,
      avgWorkingDays: null,
      rated: 0,
      satisfactionRate: null,
    });

    // 4 + 3 + 2 received; on time 3 ÷ (4 replied + 1 overdue open) = 3/5; 2 of 3 rated satisfied.
    expect(figures.total).toMatchObject({
      code: null,
      name: '全市合计',
      received: 9,
      replied: 4,
      onTime: 3,
      overdue: 2,
      rated: 3,
      satisfied: 2,
    });
    expect(figures.total.onTimeRate).toBeCloseTo(3 / 5, 9);
    expect(figures.total.satisfactionRate).toBeCloseTo(2 / 3, 9);
    expect(figures.total.avgWorkingDays).toBeCloseTo((480 + 2010 + 1320 + 480) / 4 / 420, 6);
    expect(figures.cutoff).toBe(april.end);
  });

  it('publishes the dashboard’s figures for the same days: one definition across the hub', async () => {
    const { total } = await loadPeriodFigures(db, april, NOW);
    const overview = await loadOverview(db, statsScopeOf(april));
    expect(overview).toMatchObject({ from: '2025-04-01', to: '2025-04-30', department: null });
    expect(total).toMatchObject({
      received: overview.received,
      replied: overview.replied,
      onTime: overview.repliedOnTime,
      overdue: overview.overdue,
      onTimeRate: overview.onTimeRate,
      rated: overview.rated,
      satisfied: overview.satisfied,
      satisfactionRate: overview.satisfactionRate,
    });
    // The dashboard's hours to reply are the same minutes: 4290 ÷ 4 replies ÷ 60.
    expect(overview.avgReplyHours).toBeCloseTo(4290 / 4 / 60, 6);
  });

  it('counts the reply at 5/1 00:00 in May and the tickets at the edges by their own month', async () => {
    const may = await loadPeriodFigures(db, parseMonth('2025-05', NOW)!, NOW);
    const zjj = may.departments.find((d) => d.code === 'zjj');
    // t7: dispatched at receipt Mon 4/28 09:00, replied Thu 5/1 00:00 (劳动节, and 4/27 was a
    // working Sunday): 4/28, 4/29, 4/30 whole days = 1260 working minutes, 3 working days.
    expect(zjj).toMatchObject({ received: 0, replied: 1, onTime: 1, overdue: 0, workingMinutes: 1260 });
    expect(zjj!.avgWorkingDays).toBeCloseTo(1260 / 420, 6);
    // May: the 5/1 00:00 ticket received, t7 replied; nobody else has a figure in May.
    expect(may.departments.map((d) => d.name).sort()).toEqual(
      ['12345热线（直接答复及待派单）', '市住房和城乡建设局'].sort(),
    );
    expect(may.total).toMatchObject({ received: 1, replied: 1, onTime: 1, overdue: 0, onTimeRate: 1, rated: 0 });
    expect(may.cutoff).toBe(parseMonth('2025-05', NOW)!.end);
    const march = await loadPeriodFigures(db, parseMonth('2025-03', NOW)!, NOW);
    expect(march.total).toMatchObject({ received: 1, replied: 0, overdue: 0 });
  });

  it('adds up a year from the same days: April and May together', async () => {
    const year = await loadPeriodFigures(db, parseYear('2025', NOW)!, NOW);
    // March 1, April 9, May 1 received; April 4 and May 1 (t7) replied, 3 + 1 on time; overdue
    // April's 2 (one open): on time 4 ÷ (5 + 1); minutes 4290 + 1260 over 5 replies.
    expect(year.total).toMatchObject({ received: 11, replied: 5, onTime: 4, overdue: 2, rated: 3, satisfied: 2 });
    expect(year.total.onTimeRate).toBeCloseTo(4 / 6, 9);
    expect(year.total.avgWorkingDays).toBeCloseTo((4290 + 1260) / 5 / 420, 6);
    // The year runs still on NOW (6/1): read up to then.
    expect(year.cutoff).toBe(NOW);
  });

  it('reads everything in one D1 round trip', async () => {
    const watched = observeD1(env.DB);
    const { openDb } = await import('../../db/client');
    await loadPeriodFigures(openDb(watched.db), april, NOW);
    expect(watched.calls()).toBe(1);
  });

  it('reads the rollups by their primary key, and tickets only for the 依申请公开 table, by its index', async () => {
    for (const period of [april, parseYear('2025', NOW)!]) {
      const details: string[] = [];
      for (const statement of periodFiguresStatements(db, period)) {
        const { sql, params } = renderQuery(statement);
        const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>();
        details.push(...plan.results.map((r) => r.detail));
      }
      expect(details.filter((d) => /^SCAN (tickets|stats_daily|ratings)\b/.test(d))).toEqual([]);
      expect(
        details.some((d) =>
          /^SEARCH stats_daily USING (INDEX sqlite_autoindex_stats_daily_1|PRIMARY KEY) \(day>\? AND day<\?\)/.test(d),
        ),
      ).toBe(true);
      const ticketReads = details.filter((d) => /\btickets\b/.test(d));
      expect(ticketReads).toEqual([
        expect.stringMatching(/^SEARCH tickets USING INDEX tickets_type_created \(type=\? AND created_at<\?\)/),
      ]);
    }
  });
});
