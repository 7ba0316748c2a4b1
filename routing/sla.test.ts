// When the light turns yellow: 80 % of the time allowed used. Every instant below was counted by
// hand on the 2026 schedule (Qingming 4/4–4/6 off, a Saturday to a Monday; office hours
// 09:00–12:00 and 13:30–17:30, 420 minutes a day).
import { describe, expect, it } from 'vitest';
import calendarCn from '../db/seed/calendar-cn.json';
import { shanghaiTime as at, createCalendar, subtractWorkingMinutes } from './calendar';
import {
  computeDeadline,
  computeYellowAt,
  defaultSlaPolicies,
  findSlaPolicy,
  movedYellowAt,
  yellowMarginMinutes,
} from './sla';

const calendar = createCalendar(calendarCn as Array<{ date: string; kind: 'holiday' | 'workday' }>);

describe('the yellow instant of a new deadline', () => {
  it('puts a consultation dispatched on the Friday afternoon before Qingming at 14:12 on its last day', () => {
    const from = at('2026-04-03', 15);
    const deadline = computeDeadline(calendar, findSlaPolicy(defaultSlaPolicies, '咨询', 'normal'), from);
    // Two working days after Friday: Tuesday 4/7 and Wednesday 4/8, to 17:30.
    expect(deadline).toBe(at('2026-04-08', 17, 30));
    // Allowed: 150 minutes on Friday + 420 + 420 = 990; the last 20 % is 198 minutes, all in
    // Wednesday's afternoon (240): 17:30 − 3 h 18 min.
    expect(computeYellowAt(calendar, 'working', from, deadline)).toBe(at('2026-04-08', 14, 12));
  });

  it('runs an urgent ticket round the clock, holiday or not: 80 % of 4 hours', () => {
    const from = at('2026-04-04', 10); // Qingming Saturday
    const deadline = computeDeadline(calendar, findSlaPolicy(defaultSlaPolicies, '咨询', 'urgent'), from);
    expect(deadline).toBe(at('2026-04-04', 14));
    expect(computeYellowAt(calendar, 'clock', from, deadline)).toBe(at('2026-04-04', 13, 12));
  });

  it('turns at the start of the lunch break when the afternoon is exactly the last 20 %', () => {
    // From Friday 10:00: 360 + 420 + 420 = 1200 minutes; the margin, 240, is Wednesday afternoon.
    const yellow = computeYellowAt(calendar, 'working', at('2026-04-03', 10), at('2026-04-08', 17, 30));
    expect(yellow).toBe(at('2026-04-08', 12));
  });

  it('keeps the margin whole: 20 % of 990 is 198, not 197', () => {
    expect(yellowMarginMinutes(990)).toBe(198);
    expect(yellowMarginMinutes(4)).toBe(0);
  });
});

describe('a moved deadline', () => {
  const before = { yellowAt: at('2026-04-08', 14, 12), deadlineAt: at('2026-04-08', 17, 30) };

  it('keeps the 198-minute margin when a paused clock restarts', () => {
    // Restarted so that the deadline is Thursday 4/9 11:00: 120 minutes that morning, 78 more
    // back from Wednesday's 17:30.
    expect(movedYellowAt(calendar, 'working', before, at('2026-04-09', 11))).toBe(at('2026-04-08', 16, 12));
  });

  it('adds 20 % of an extension to the margin', () => {
    // Five working days (4/9, 4/10, 4/13, 4/14, 4/15) are 2100 minutes: allowed 3090, margin 618,
    // which is all of 4/15 (420) and 198 minutes of 4/14.
    const yellow = movedYellowAt(calendar, 'working', before, at('2026-04-15', 17, 30), 2100);
    expect(yellow).toBe(at('2026-04-14', 14, 12));
  });

  it('counts back over the weekend and the holiday', () => {
    // From Tuesday 4/7 10:00 back 600 minutes: 60 that morning, then Friday 4/3 (420) and 120 of Thursday's.
    expect(subtractWorkingMinutes(calendar, at('2026-04-07', 10), 600)).toBe(at('2026-04-02', 15, 30));
  });
});
