// The leaders' figures on hand-made tickets, each answer worked out here by hand on the 2026–27
// calendar (office hours 09:00–12:00 and 13:30–17:30: 420 working minutes a day; no holiday in the
// weeks used but 2027-01-01), read through the stats API, downloaded as CSV, and drilled down to
// the tickets behind each figure. Each scenario has a month (and departments) of its own, so the
// figures of one never reach another's; after each, the rollups equal their recomputation.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { routeEverythingByHand } from '../../tests/helpers';
import { actOn, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import { csvColumns, drillAll, expectCsvEqualsJson, rateAt, statsGet } from '../../tests/stats-api';
import { rollupsKeptAndRecomputed } from '../../tests/stats-rollups';
import { escalate } from '../../tickets/lifecycle/escalate';

beforeAll(routeEverythingByHand);

async function expectRollupsAgree() {
  const { kept, recomputed } = await rollupsKeptAndRecomputed();
  expect(kept).toEqual(recomputed);
}

const reply = { text: '经核查，问题已处理完毕，特此答复。' };

describe('the overview of a month (市教育局 jyj, November 2026)', () => {
  const no: Record<string, string> = {};
  const nov = { from: '2026-11-01', to: '2026-11-30', department: 'jyj' };

  beforeAll(async () => {
    // Mon 11/2: six letters; T6 is never dispatched (no department yet).
    for (const [i, name] of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'].entries()) {
      no[name] = (await intakeAt(at('2026-11-02', 8, i * 10))).ticketNo;
    }
    const [t1, t2, t3, t4, t5] = ['T1', 'T2', 'T3', 'T4', 'T5'].map((n) => actOn(no[n]!));
    const jyj = { departmentCode: 'jyj' };
    await t1!('dispatch', dispatcher, { ...jyj, type: '求助' }, at('2026-11-02', 9));
    // 咨询: 2 working days → deadline Wed 11/4 17:30.
    await t4!('dispatch', dispatcher, { ...jyj, type: '咨询' }, at('2026-11-02', 9));
    await t5!('dispatch', dispatcher, { ...jyj, type: '咨询' }, at('2026-11-02', 9));
    await t1!('sign', handler('jyj'), {}, at('2026-11-02', 9, 30)); // 30 working minutes: in the 120
    await t2!('dispatch', dispatcher, { ...jyj, type: '求助' }, at('2026-11-02', 10));
    await t3!('dispatch', dispatcher, { ...jyj, type: '求助' }, at('2026-11-02', 11));
    await t3!('sign', handler('jyj'), {}, at('2026-11-02', 11, 30)); // 30: in time
    await t2!('sign', handler('jyj'), {}, at('2026-11-02', 14, 30)); // 10–12 and 13:30–14:30: 180, late
    // Tue 11/3: T7 repeats T1 and is merged into it once dispatched.
    no.T7 = (await intakeAt(at('2026-11-03', 9))).ticketNo;
    await t4!('sign', handler('jyj'), {}, at('2026-11-03', 9)); // a whole working day: 420, late
    await actOn(no.T7)('dispatch', dispatcher, { ...jyj, type: '求助' }, at('2026-11-03', 9, 5));
    await actOn(no.T7)('merge', dispatcher, { intoTicketNo: no.T1 }, at('2026-11-03', 9, 10));
    await t1!('reply', handler('jyj'), reply, at('2026-11-03', 10)); // 420 + 60 = 480 minutes after dispatch
    await t1!('approve', reviewer('jyj'), {}, at('2026-11-03', 11));
    // Wed 11/4.
    await t2!('reply', handler('jyj'), reply, at('2026-11-04', 10)); // 360 + 420 + 60 = 840
    await t2!('approve', reviewer('jyj'), {}, at('2026-11-04', 11));
    await rateAt(no.T1!, { resolved: true, satisfaction: 'satisfied' }, at('2026-11-04', 10));
    // Thu 11/5: the cron finds T4 and T5 past their deadline (red); T4 then answers, late.
    await escalate(env, at('2026-11-05', 8));
    no.T8 = (await intakeAt(at('2026-11-05', 8, 30))).ticketNo;
    await actOn(no.T8)('dispatch', dispatcher, { ...jyj, type: '咨询' }, at('2026-11-05', 9)); // due Mon 11/9 17:30
    await t4!('reply', handler('jyj'), reply, at('2026-11-05', 9, 30)); // 3 × 420 + 30 = 1290
    await t4!('approve', reviewer('jyj'), {}, at('2026-11-05', 10));
    await t3!('reply', handler('jyj'), reply, at('2026-11-05', 10)); // waits for the reviewer: not replied yet
    await rateAt(no.T2!, { resolved: false, satisfaction: 'basically_satisfied' }, at('2026-11-05', 10));
    await rateAt(no.T4!, { resolved: true, satisfaction: 'dissatisfied' }, at('2026-11-06', 10));
    // Mon 11/9 17:00: T8 has used more than 80 % of its 1260 working minutes (yellow), not all.
    await escalate(env, at('2026-11-09', 17));
  });

  it('counts every figure as worked out by hand', async () => {
    const { status, body } = await statsGet('overview', nov);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      department: 'jyj',
      received: 6, // T1–T5, T8 (T6 has no department; T7 was merged into T1)
      dispatched: 6,
      responded: 2, // T1, T3 signed within 120 working minutes
      signed: 4, // T1–T4
      replied: 3, // T1, T2, T4 approved; T3 waits for its reviewer
      repliedOnTime: 2, // T1, T2 (10 working days); T4 after its 11/4 deadline
      closed: 3, // each closed by its rating
      overdue: 2, // T4 late, T5 never answered (red)
      overdueOpen: 1, // T5
      dueSoon: 1, // T8
      red: 1, // T5
      rated: 3,
      resolved: 2, // T1, T4
      satisfied: 2, // T1 满意, T2 基本满意; T4 不满意
    });
    expect(body.responseRate).toBeCloseTo(2 / 6, 12);
    expect(body.onTimeRate).toBeCloseTo(2 / (3 + 1), 12);
    expect(body.resolutionRate).toBeCloseTo(2 / 3, 12);
    expect(body.satisfactionRate).toBeCloseTo(2 / 3, 12);
    expect(body.compositeScore).toBeCloseTo(0.3 * (2 / 6) + 0.35 * (2 / 3) + 0.35 * (2 / 3), 12);
    expect(body.avgSignHours).toBeCloseTo((30 + 180 + 30 + 420) / 4 / 60, 12); // 2.75
    expect(body.avgReplyHours).toBeCloseTo((480 + 840 + 1290) / 3 / 60, 12); // 14.5

    // The whole city: T6 counts (no department yet), T7 still does not.
    const city = await statsGet('overview', { from: '2026-11-01', to: '2026-11-30' });
    expect(city.body).toMatchObject({ department: null, received: 7, dispatched: 6, replied: 3 });
    await expectRollupsAgree();
  });

  it('downloads the same overview as CSV', async () => {
    const { body } = await statsGet('overview', nov);
    await expectCsvEqualsJson('overview', nov, csvColumns.overview!, [body]);
  });

  it('drills each figure down to exactly the tickets behind it, page by page', async () => {
    const { body } = await statsGet('overview', nov);
    const behind: Record<string, [figure: number, tickets: string[]]> = {
      received: [body.received, ['T1', 'T2', 'T3', 'T4', 'T5', 'T8']],
      dispatched: [body.dispatched, ['T1', 'T2', 'T3', 'T4', 'T5', 'T8']],
      responded: [body.responded, ['T1', 'T3']],
      signed: [body.signed, ['T1', 'T2', 'T3', 'T4']],
      replied: [body.replied, ['T1', 'T2', 'T4']],
      onTime: [body.repliedOnTime, ['T1', 'T2']],
      onTimeBase: [body.replied + body.overdueOpen, ['T1', 'T2', 'T4', 'T5']],
      closed: [body.closed, ['T1', 'T2', 'T4']],
      overdue: [body.overdue, ['T4', 'T5']],
      overdueOpen: [body.overdueOpen, ['T5']],
      dueSoon: [body.dueSoon, ['T8']],
      red: [body.red, ['T5']],
      rated: [body.rated, ['T1', 'T2', 'T4']],
      resolved: [body.resolved, ['T1', 'T4']],
      satisfied: [body.satisfied, ['T1', 'T2']],
    };
    for (const [metric, [figure, names]] of Object.entries(behind)) {
      const listed = await drillAll({ ...nov, metric });
      expect(listed.length, metric).toBe(figure);
      expect(listed.sort(), metric).toEqual(names.map((n) => no[n]!).sort());
    }
  });

  it('trends the month as one point and each day, quiet days listed as 0', async () => {
    const month = await statsGet('trend', { ...nov, granularity: 'month' });
    expect(month.body.points).toHaveLength(1);
    expect(month.body.points[0]).toMatchObject({ period: '2026-11', received: 6, replied: 3 });
    expect(month.body.points[0].onTimeRate).toBeCloseTo(2 / 4, 12);
    expect(month.body.points[0].satisfactionRate).toBeCloseTo(2 / 3, 12);
    const days = await statsGet('trend', nov);
    expect(days.body.points).toHaveLength(30);
    const byDay = Object.fromEntries(days.body.points.map((p: any) => [p.period, [p.received, p.replied]]));
    expect(byDay['2026-11-01']).toEqual([0, 0]);
    expect(byDay['2026-11-02']).toEqual([5, 0]); // T1–T5
    expect(byDay['2026-11-03']).toEqual([0, 1]); // T1's reply
    expect(byDay['2026-11-04']).toEqual([0, 1]); // T2's
    expect(byDay['2026-11-05']).toEqual([1, 1]); // T8 in, T4's reply
    expect(days.body.points.reduce((n: number, p: any) => n + p.received, 0)).toBe(6);
    await expectCsvEqualsJson('trend', nov, csvColumns.trend!, days.body.points);
  });
});

describe('an approved extension (市人社局 rsj, December 2026)', () => {
  it('makes a reply after the first deadline on time; the same reply without one is overdue', async () => {
    const dec = { from: '2026-12-01', to: '2026-12-31', department: 'rsj' };
    const [e1, e2] = [await intakeAt(at('2026-12-01', 8)), await intakeAt(at('2026-12-01', 8, 5))];
    for (const t of [e1, e2]) {
      const act = actOn(t.ticketNo);
      // 咨询 dispatched Tue 12/1: due Thu 12/3 17:30.
      await act('dispatch', dispatcher, { departmentCode: 'rsj', type: '咨询' }, at('2026-12-01', 9));
      await act('sign', handler('rsj'), {}, at('2026-12-01', 9, 10));
    }
    // E1 gets 2 more working days: due Mon 12/7 17:30.
    await actOn(e1.ticketNo)('extend', handler('rsj'), { workingDays: 2, reason: '需现场核实' }, at('2026-12-02', 10));
    await actOn(e1.ticketNo)('approve', dispatcher, {}, at('2026-12-02', 11));
    for (const t of [e1, e2]) {
      await actOn(t.ticketNo)('reply', handler('rsj'), reply, at('2026-12-04', 10));
      await actOn(t.ticketNo)('approve', reviewer('rsj'), {}, at('2026-12-04', 11));
    }
    const { body } = await statsGet('overview', dec);
    // Both answered Fri 12/4: E1 by its extended deadline, E2 a day after its own (counted on 12/3).
    expect(body).toMatchObject({ replied: 2, repliedOnTime: 1, overdue: 1, overdueOpen: 0 });
    expect(body.onTimeRate).toBe(1 / 2);
    expect(await drillAll({ ...dec, metric: 'onTime' })).toEqual([e1.ticketNo]);
    expect(await drillAll({ ...dec, metric: 'overdue' })).toEqual([e2.ticketNo]);
    // The overdue counts on the day of the deadline it missed, Thu 12/3.
    const day = await statsGet('overview', { ...dec, from: '2026-12-03', to: '2026-12-03' });
    expect(day.body.overdue).toBe(1);
    await expectRollupsAgree();
  });
});

describe('period boundaries at midnight Asia/Shanghai (the whole city, January 2027)', () => {
  const no: Record<string, string> = {};

  beforeAll(async () => {
    no.newYear = (await intakeAt(at('2027-01-01', 12))).ticketNo; // Fri, ISO week 2026-W53
    no.lastSecond = (await intakeAt(at('2027-01-05', 23, 59) + 59_000)).ticketNo; // 23:59:59 on the 5th
    no.midnight = (await intakeAt(at('2027-01-06', 0))).ticketNo; // 00:00 on the 6th
  });

  it('counts 23:59:59 on its own day and 00:00 on the next, both ends of a period included', async () => {
    const received = async (from: string, to: string) => (await statsGet('overview', { from, to })).body.received;
    expect(await received('2027-01-05', '2027-01-05')).toBe(1);
    expect(await received('2027-01-06', '2027-01-06')).toBe(1);
    expect(await received('2027-01-05', '2027-01-06')).toBe(2);
    expect(await received('2027-01-04', '2027-01-04')).toBe(0);
    expect(await received('2027-01-07', '2027-01-31')).toBe(0);
    expect(await drillAll({ from: '2027-01-05', to: '2027-01-05', metric: 'received' })).toEqual([no.lastSecond]);
    expect(await drillAll({ from: '2027-01-06', to: '2027-01-06', metric: 'received' })).toEqual([no.midnight]);
    await expectRollupsAgree();
  });

  it('trends by day with quiet days as 0, by ISO week, and by month', async () => {
    const points = async (granularity: string, from: string, to: string) =>
      (await statsGet('trend', { from, to, granularity })).body.points.map((p: any) => [p.period, p.received]);
    expect(await points('day', '2027-01-04', '2027-01-07')).toEqual([
      ['2027-01-04', 0],
      ['2027-01-05', 1],
      ['2027-01-06', 1],
      ['2027-01-07', 0],
    ]);
    // 2027-01-01 is a Friday: its week (Mon 12/28 – Sun 1/3) is the 53rd of 2026; 1/4 starts 2027-W01.
    expect(await points('week', '2026-12-28', '2027-01-17')).toEqual([
      ['2026-W53', 1],
      ['2027-W01', 2],
      ['2027-W02', 0],
    ]);
    expect(await points('month', '2026-12-28', '2027-01-17')).toEqual([
      ['2026-12', 0],
      ['2027-01', 3],
    ]);
    const week = { from: '2026-12-28', to: '2027-01-17', granularity: 'week' };
    const { body } = await statsGet('trend', week);
    expect(body.points[0]).toEqual({
      period: '2026-W53',
      received: 1,
      replied: 0,
      onTimeRate: null,
      satisfactionRate: null,
    });
    await expectCsvEqualsJson('trend', week, csvColumns.trend!, body.points);
  });
});
