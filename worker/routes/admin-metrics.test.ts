// Admins set the composite score's weights, the minimum sample and the sign-for window; the
// window applies to the next ticket signed for at once, the weights and sample to every figure.
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { adminCall } from '../../tests/admin-api';
import { routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import { rateAt, statsGet } from '../../tests/stats-api';
import { loadWorkingTime } from '../../tickets/working-calendar';

beforeAll(routeEverythingByHand);

const defaults = {
  weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 },
  minimumSample: 10,
  signWindow: { workingMinutes: 120, clockMinutes: 30 },
};
const edited = {
  weights: { response: 0.5, resolution: 0.25, satisfaction: 0.25 },
  minimumSample: 2,
  signWindow: { workingMinutes: 20, clockMinutes: 30 },
};

describe('happy path', () => {
  it('reads the defaults until an admin saves settings, then what was saved', async () => {
    expect(await adminCall('GET', '/metrics')).toEqual({ status: 200, body: defaults });
    const now = at('2026-07-06', 8);
    expect((await loadWorkingTime(db, now)).metrics.signWindow.workingMinutes).toBe(120);
    expect(await adminCall('PUT', '/metrics', edited)).toEqual({ status: 200, body: edited });
    expect(await adminCall('GET', '/metrics')).toEqual({ status: 200, body: edited });
    // The cached working time (a minute) is dropped: the next read has the new window.
    expect((await loadWorkingTime(db, now + 1000)).metrics.signWindow.workingMinutes).toBe(20);
  });

  it('signs for on the new window and scores with the new weights and sample (市卫健委 wjw, July 2026)', async () => {
    const july = { from: '2026-07-01', to: '2026-07-31', department: 'wjw' };
    const [a, b] = [await intakeAt(at('2026-07-06', 8)), await intakeAt(at('2026-07-06', 8, 5))];
    for (const [t, signedAt, rating] of [
      [a, at('2026-07-06', 9, 15), { resolved: true, satisfaction: 'satisfied' }], // 15 working minutes: in the 20
      [b, at('2026-07-06', 9, 30), { resolved: false, satisfaction: 'basically_satisfied' }], // 30: late
    ] as const) {
      const act = actOn(t.ticketNo);
      await act('dispatch', dispatcher, { departmentCode: 'wjw', type: '求助' }, at('2026-07-06', 9));
      await act('sign', handler('wjw'), {}, signedAt);
      await act('reply', handler('wjw'), { text: '经核查，问题已处理完毕，特此答复。' }, at('2026-07-06', 14));
      await act('approve', reviewer('wjw'), {}, at('2026-07-06', 15));
      await rateAt(t.ticketNo, rating, at('2026-07-07', 10));
    }
    const { body } = await statsGet('overview', july);
    expect(body).toMatchObject({ dispatched: 2, responded: 1, rated: 2, resolved: 1, satisfied: 2 });
    // 0.5 × 1/2 + 0.25 × 1/2 + 0.25 × 2/2 = 0.25 + 0.125 + 0.25
    expect(body.compositeScore).toBeCloseTo(0.625, 12);
    // Two rated tickets are the sample now: wjw ranks.
    const ranking = await statsGet('departments', { from: '2026-07-01', to: '2026-07-31' });
    expect(ranking.body.minimumSample).toBe(2);
    expect(ranking.body.ranked.map((r: any) => [r.rank, r.code])).toEqual([[1, 'wjw']]);
    expect((await adminCall('PUT', '/metrics', defaults)).status).toBe(200);
    expect((await statsGet('departments', { from: '2026-07-01', to: '2026-07-31' })).body.ranked).toEqual([]);
  });
});

describe('errors', () => {
  it('refuses weights that do not sum to 1, a sample or window out of range, and a partial body', async () => {
    const wrongSum = await adminCall('PUT', '/metrics', {
      ...defaults,
      weights: { response: 0.5, resolution: 0.5, satisfaction: 0.5 },
    });
    expect(wrongSum.status).toBe(422);
    expect(wrongSum.body.error.details.map((d: any) => d.path)).toEqual(['weights']);
    const zero = await adminCall('PUT', '/metrics', { ...defaults, minimumSample: 0 });
    expect(zero.body.error.details.map((d: any) => d.path)).toEqual(['minimumSample']);
    const window = await adminCall('PUT', '/metrics', {
      ...defaults,
      signWindow: { workingMinutes: 0, clockMinutes: 30 },
    });
    expect(window.body.error.details.map((d: any) => d.path)).toEqual(['signWindow.workingMinutes']);
    expect((await adminCall('PUT', '/metrics', { minimumSample: 5 })).status).toBe(422);
    expect(await adminCall('GET', '/metrics')).toEqual({ status: 200, body: defaults });
  });
});

describe('security', () => {
  it('lets admins only read and edit them', async () => {
    for (const username of ['leader', 'supervisor', 'dispatcher', 'jyj.reviewer']) {
      expect((await adminCall('GET', '/metrics', undefined, username)).status).toBe(403);
      expect((await adminCall('PUT', '/metrics', edited, username)).status).toBe(403);
    }
    expect(await adminCall('GET', '/metrics')).toEqual({ status: 200, body: defaults });
  });
});
