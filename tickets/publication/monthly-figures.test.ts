// The month's figures on hand-made tickets of April 2025 (清明: Fri 4/4 to Sun 4/6 off), each
// figure's right answer worked out here from the steps below.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { shanghaiTime as at } from '../../routing/calendar';
import { observeD1, routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer, row } from '../../tests/practice-steps';
import { rateTicket } from '../lifecycle/rate-ticket';
import { loadPeriodFigures } from './monthly-figures';
import { parseMonth } from './monthly-figures-period';

const REPLY = '经核查，反映的问题已安排人员现场处理完毕，感谢您的监督。';
const NOW = at('2025-06-01', 12);
const april = parseMonth('2025-04', NOW)!;

/** Taken in, dispatched at once, signed; answered and approved when `repliedAt` is given. */
async function worked(code: string, type: string, receivedAt: number, repliedAt?: number) {
  const t = await intakeAt(receivedAt);
  const act = actOn(t.ticketNo);
  await act('dispatch', dispatcher, { departmentCode: code, type }, receivedAt);
  await act('sign', handler(code), {}, receivedAt + 60_000);
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
  // zjj (市住房和城乡建设局): Thu 4/3 10:00 → Mon 4/7 11:00 across the holiday and the weekend:
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
  // Received in April, answered on 5/1 at 00:00 (May), and one answered but not yet approved.
  const t7 = await worked('zjj', '求助', at('2025-04-28', 9));
  await actOn(t7)('reply', handler('zjj'), { text: REPLY }, at('2025-05-01', 0));
  await actOn(t7)('approve', reviewer('zjj'), {}, at('2025-05-01', 0, 10));
  const t8 = await worked('zjj', '求助', at('2025-04-22', 9));
  await actOn(t8)('reply', handler('zjj'), { text: REPLY }, at('2025-04-23', 9));

  // Street offices of A1区, counted under A1区人民政府. 咨询 due Thu 4/17 17:30, answered Fri 4/18
  // 10:00: late. Three whole days + 60 minutes = 1320 working minutes.
  const t3 = await worked('A01-001', '咨询', at('2025-04-15', 9), at('2025-04-18', 10));
  await rate(t3, 'dissatisfied', at('2025-04-20', 10));
  // Due Wed 4/23 17:30, never answered: overdue in April.
  await worked('A01-002', '咨询', at('2025-04-21', 9));

  // The month's edges at midnight Asia/Shanghai, never dispatched (no department yet).
  await intakeAt(at('2025-03-31', 23, 59));
  await intakeAt(at('2025-04-01', 0));
  await intakeAt(at('2025-04-30', 23, 59));
  await intakeAt(at('2025-05-01', 0));
});

describe('the figures of a month', () => {
  it('counts each department under its first-level unit, with the city total', async () => {
    const figures = await loadPeriodFigures(db, april, NOW);
    const byName = Object.fromEntries(figures.departments.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(
      ['12345热线（直接答复及待派单）', 'A1区人民政府', '市住房和城乡建设局'].sort(),
    );

    // t1, t2, t7, t8 (the merged duplicate not counted); replied t1, t2, both on time.
    expect(byName.市住房和城乡建设局).toMatchObject({
      code: 'zjj',
      received: 4,
      replied: 2,
      onTime: 2,
      overdue: 0,
      onTimeRate: 1,
      rated: 2,
      satisfied: 2,
      satisfactionRate: 1,
    });
    expect(byName.市住房和城乡建设局!.avgWorkingDays).toBeCloseTo((480 + 2010) / 2 / 420, 6);

    // t3 replied late, t4 overdue: 0 on time of 2.
    expect(byName.A1区人民政府).toMatchObject({
      code: 'A01',
      received: 2,
      replied: 1,
      onTime: 0,
      overdue: 1,
      onTimeRate: 0,
      rated: 1,
      satisfied: 0,
      satisfactionRate: 0,
    });
    expect(byName.A1区人民政府!.avgWorkingDays).toBeCloseTo(1320 / 420, 6);

    // 4/1 00:00 and 4/30 23:59 are April's; 3/31 23:59 and 5/1 00:00 are not.
    expect(byName['12345热线（直接答复及待派单）']).toMatchObject({ received: 2, replied: 0, avgWorkingDays: null });

    expect(figures.total).toMatchObject({
      received: 8,
      replied: 3,
      onTime: 2,
      overdue: 1,
      onTimeRate: 2 / 4,
      rated: 3,
      satisfied: 2,
    });
    expect(figures.total.satisfactionRate).toBeCloseTo(2 / 3, 9);
    expect(figures.total.avgWorkingDays).toBeCloseTo((480 + 2010 + 1320) / 3 / 420, 6);
  });

  it('counts the reply at 5/1 00:00 in May and the tickets at the edges by their own month', async () => {
    const may = await loadPeriodFigures(db, parseMonth('2025-05', NOW)!, NOW);
    const zjj = may.departments.find((d) => d.code === 'zjj');
    // t7: received Mon 4/28 09:00, replied Thu 5/1 00:00 (劳动节, and 4/27 was a working Sunday):
    // 4/28, 4/29, 4/30 whole days = 1260 working minutes.
    expect(zjj).toMatchObject({ received: 0, replied: 1, onTime: 1 });
    expect(zjj!.avgWorkingDays).toBeCloseTo(1260 / 420, 6);
    expect(may.total.received).toBe(1);
    const march = await loadPeriodFigures(db, parseMonth('2025-03', NOW)!, NOW);
    expect(march.total.received).toBe(1);
  });

  it('reads everything in one D1 round trip', async () => {
    const watched = observeD1(env.DB);
    const { openDb } = await import('../../db/client');
    await loadPeriodFigures(openDb(watched.db), april, NOW);
    expect(watched.calls()).toBe(1);
  });
});
