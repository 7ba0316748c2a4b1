// Deadlines on China's real calendar. Every expected instant below was counted by hand from the
// State Council's published schedules (2026: Spring Festival 2/15–2/23 with 2/14 and 2/28
// worked; Mid-Autumn 9/25–9/27; National Day 10/1–10/7 with 9/20 and 10/10 worked).
import { describe, expect, it } from 'vitest';
import calendarCn from '../db/seed/calendar-cn.json';
import {
  addWorkingMinutes,
  shanghaiTime as at,
  createCalendar,
  endOfNthWorkingDay,
  formatShanghai,
  isoShanghai,
  isWorkingDay,
  localDate,
  workingMinutesBetween,
} from './calendar';
import {
  computeDeadline,
  defaultSlaPolicies,
  extendDeadline,
  findSlaPolicy,
  remainingMinutes,
  resumeDeadline,
} from './sla';

const calendar = createCalendar(calendarCn as Array<{ date: string; kind: 'holiday' | 'workday' }>);
const policy = (type: string, urgency: 'normal' | 'urgent' = 'normal') =>
  findSlaPolicy(defaultSlaPolicies, type, urgency);

describe('working days', () => {
  it('knows holidays, weekends and 调休 working weekends', () => {
    expect(isWorkingDay(calendar, '2026-02-14')).toBe(true); // Saturday worked before Spring Festival
    expect(isWorkingDay(calendar, '2026-02-16')).toBe(false); // Spring Festival, a Monday
    expect(isWorkingDay(calendar, '2026-10-10')).toBe(true); // Saturday worked after National Day
    expect(isWorkingDay(calendar, '2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay(calendar, '2026-11-20')).toBe(true); // an ordinary Friday
  });

  it('seeds 2027 with the statutory days until the schedule is published', () => {
    // Lunar New Year 2027 is Saturday 6 February: 除夕 5 Feb to 初三 8 Feb are statutory holidays.
    for (const d of ['2027-02-05', '2027-02-08', '2027-10-01', '2027-01-01'])
      expect(isWorkingDay(calendar, d)).toBe(false);
    expect(isWorkingDay(calendar, '2027-02-09')).toBe(true);
  });
});

describe('deadlines in working days', () => {
  it('skips the Spring Festival holiday and counts the 调休 Saturdays', () => {
    const dispatched = at('2026-02-13', 10);
    // 2 working days: Sat 2/14 (worked), then 2/24 after the holiday.
    expect(computeDeadline(calendar, policy('咨询'), dispatched)).toBe(at('2026-02-24', 17, 30));
    // 10: 2/14, 2/24–2/27, Sat 2/28 (worked), 3/2–3/5.
    expect(computeDeadline(calendar, policy('求助'), dispatched)).toBe(at('2026-03-05', 17, 30));
  });

  it('skips Mid-Autumn and National Day', () => {
    expect(computeDeadline(calendar, policy('咨询'), at('2026-09-30', 16))).toBe(at('2026-10-09', 17, 30));
    // 15: 9/28–9/30, 10/8–10/9, Sat 10/10, 10/12–10/16, 10/19–10/22.
    expect(computeDeadline(calendar, policy('投诉'), at('2026-09-24', 11))).toBe(at('2026-10-22', 17, 30));
  });

  it('counts from the Asia/Shanghai date, not the UTC date', () => {
    const justAfterMidnight = Date.UTC(2026, 9, 8, 16, 30); // 2026-10-09 00:30 in Shanghai
    const justBeforeMidnight = Date.UTC(2026, 9, 8, 15, 59); // 2026-10-08 23:59 in Shanghai
    expect(localDate(justAfterMidnight)).toBe('2026-10-09');
    expect(localDate(justBeforeMidnight)).toBe('2026-10-08');
    expect(computeDeadline(calendar, policy('咨询'), justAfterMidnight)).toBe(at('2026-10-12', 17, 30));
    expect(computeDeadline(calendar, policy('咨询'), justBeforeMidnight)).toBe(at('2026-10-10', 17, 30));
  });

  it('uses the statutory 2027 Spring Festival days', () => {
    expect(endOfNthWorkingDay(calendar, at('2027-02-04', 10), 2)).toBe(at('2027-02-10', 17, 30));
  });

  it('gives 依申请公开 20 working days', () => {
    // From Mon 2026-11-23: 11/24–11/27 (4), 11/30–12/4 (9), 12/7–12/11 (14), 12/14–12/18 (19), 12/21 (20).
    expect(computeDeadline(calendar, policy('依申请公开'), at('2026-11-23', 9))).toBe(at('2026-12-21', 17, 30));
  });

  it('runs urgent tickets round the clock, holidays included', () => {
    expect(computeDeadline(calendar, policy('求助', 'urgent'), at('2026-10-01', 22))).toBe(at('2026-10-02', 2));
  });
});

describe('working minutes', () => {
  it('counts office hours only', () => {
    // Fri 10/9 11:00–12:00 and 13:30–17:30, Sat 10/10 (worked) all day, Sun off, Mon 10/12 all day.
    expect(workingMinutesBetween(calendar, at('2026-10-09', 11), at('2026-10-12', 17, 30))).toBe(60 + 240 + 420 + 420);
    expect(workingMinutesBetween(calendar, at('2026-10-01', 9), at('2026-10-07', 18))).toBe(0);
  });

  it('ends at the close of a period rather than the next opening', () => {
    expect(addWorkingMinutes(calendar, at('2026-10-08', 9), 420)).toBe(at('2026-10-08', 17, 30));
    expect(addWorkingMinutes(calendar, at('2026-10-08', 12, 30), 30)).toBe(at('2026-10-08', 14));
    expect(addWorkingMinutes(calendar, at('2026-10-08', 20), 60)).toBe(at('2026-10-09', 10));
  });
});

describe('pauses and extensions', () => {
  it('stops the clock while waiting for the resident and moves the deadline on resume', () => {
    const deadline = at('2026-10-12', 17, 30);
    const left = remainingMinutes(calendar, 'working', at('2026-10-09', 11), deadline);
    expect(left).toBe(1140);
    // Resumed Wed 10/14 15:00: 150 that day, 420 on 10/15 and 10/16, then 150 on Mon 10/19.
    expect(resumeDeadline(calendar, 'working', at('2026-10-14', 15), left)).toBe(at('2026-10-19', 11, 30));
  });

  it('keeps wall-clock minutes for round-the-clock tickets', () => {
    const left = remainingMinutes(calendar, 'clock', at('2026-10-01', 22), at('2026-10-02', 2));
    expect(left).toBe(240);
    expect(resumeDeadline(calendar, 'clock', at('2026-10-03', 8), left)).toBe(at('2026-10-03', 12));
  });

  it('has nothing left when paused after the deadline', () => {
    expect(remainingMinutes(calendar, 'working', at('2026-10-13', 9), at('2026-10-12', 17, 30))).toBe(0);
  });

  it('extends by working days counted after the old deadline', () => {
    expect(extendDeadline(calendar, at('2026-10-22', 17, 30), 5)).toBe(at('2026-10-29', 17, 30));
    // Across Spring Festival: from 2/13, 3 working days are 2/14, 2/24, 2/25.
    expect(extendDeadline(calendar, at('2026-02-13', 17, 30), 3)).toBe(at('2026-02-25', 17, 30));
  });
});

describe('Shanghai dates and times', () => {
  // 2026-10-08T16:30:00Z is half past midnight on 9 October in Shanghai.
  const instant = Date.UTC(2026, 9, 8, 16, 30, 5, 250);

  it('gives the local date, wall-clock text and ISO 8601 with +08:00 of one instant', () => {
    expect(localDate(instant)).toBe('2026-10-09');
    expect(formatShanghai(instant)).toBe('2026-10-09 00:30');
    expect(isoShanghai(instant)).toBe('2026-10-09T00:30:05+08:00');
    expect(Date.parse(isoShanghai(instant))).toBe(instant - 250);
  });

  it('puts local midnight at 16:00 UTC the day before', () => {
    expect(new Date(at('2026-10-09')).toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });
});
