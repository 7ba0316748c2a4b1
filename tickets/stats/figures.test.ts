import { describe, expect, it } from 'vitest';
import { addSums, emptySums, ratesOf } from './figures';
import { defaultMetricSettings } from './metric-settings';

const sums = (parts: Parameters<typeof addSums>[1]) => addSums(emptySums(), parts);

describe('rates and the composite score', () => {
  it('weighs response, resolution and satisfaction 0.30 / 0.35 / 0.35', () => {
    // 3 of 4 signed in time, 8 of 10 resolved, 9 of 10 satisfied: 0.3·0.75 + 0.35·0.8 + 0.35·0.9.
    const r = ratesOf(
      sums({ responseKnown: 4, responded: 3, rated: 10, resolved: 8, satisfied: 9 }),
      defaultMetricSettings,
    );
    expect(r.responseRate).toBe(0.75);
    expect(r.compositeScore).toBeCloseTo(0.225 + 0.28 + 0.315, 12);
  });

  it('scores imported history, which has no response rate, on its ratings alone', () => {
    // No dispatched ticket with a known sign-for time: (0.35·0.8 + 0.35·0.9) ÷ 0.70 = 0.85.
    const r = ratesOf(sums({ dispatched: 5, rated: 10, resolved: 8, satisfied: 9 }), defaultMetricSettings);
    expect(r.responseRate).toBeNull();
    expect(r.compositeScore).toBeCloseTo(0.85, 12);
  });

  it('has no score without ratings, and no rate without a base', () => {
    const r = ratesOf(sums({ responseKnown: 2, responded: 2, replied: 0, overdueOpen: 0 }), defaultMetricSettings);
    expect(r.compositeScore).toBeNull();
    expect(r.onTimeRate).toBeNull();
    expect(r.avgSignHours).toBeNull();
  });

  it('counts the overdue still unanswered in the on-time base, and averages minutes as hours', () => {
    // 6 of (7 replied + 1 red) on time; 3 signings of 90 working minutes in all: 0.5 hours each.
    const r = ratesOf(
      sums({ replied: 7, repliedOnTime: 6, overdueOpen: 1, signed: 3, signTimed: 3, signMinutes: 90 }),
      defaultMetricSettings,
    );
    expect(r.onTimeRate).toBe(6 / 8);
    expect(r.avgSignHours).toBe(0.5);
  });
});
