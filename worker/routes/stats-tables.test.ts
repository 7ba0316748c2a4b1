// The department ranking with its minimum sample, the breakdowns and the hot spots on hand-made
// tickets, each answer worked out here by hand, with their CSV downloads and drill-downs. Each
// scenario has a month of its own; after each, the rollups equal their recomputation.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import {
  answeredBy,
  csvColumns,
  drillAll,
  expectCsvEqualsJson,
  intakeQuietly,
  rateAt,
  statsGet,
} from '../../tests/stats-api';
import { rollupsKeptAndRecomputed } from '../../tests/stats-rollups';
import { followUpTicket } from '../../tickets/follow-up';
import type { RatingInput } from '../../tickets/lifecycle/rate-ticket';

beforeAll(routeEverythingByHand);

async function expectRollupsAgree() {
  const { kept, recomputed } = await rollupsKeptAndRecomputed();
  expect(kept).toEqual(recomputed);
}

const perfect: RatingInput = { resolved: true, satisfaction: 'satisfied' };

describe('the ranking (March 2027)', () => {
  const march = { from: '2027-03-01', to: '2027-03-31' };
  const gajTickets: string[] = [];

  /** `n` tickets answered by `department` on Mon 3/1 – Fri 3/5 and rated at 11:00 as `rating(i)` says. */
  async function answeredAndRated(department: string, n: number, rating: (i: number) => RatingInput) {
    const made: string[] = [];
    for (let i = 0; i < n; i++) {
      const day = `2027-03-0${1 + (i % 5)}`;
      const t = await intakeAt(at(day, 8, i));
      await answeredBy(t.ticketNo, department, day);
      await rateAt(t.ticketNo, rating(i), at(day, 11));
      made.push(t.ticketNo);
    }
    return made;
  }

  beforeAll(async () => {
    gajTickets.push(...(await answeredAndRated('gaj', 10, () => perfect)));
    await answeredAndRated('jtj', 10, () => perfect);
    // A street of A2区: 5 of 10 resolved; 8 satisfied (满意 and 基本满意 alternately), 2 not.
    await answeredAndRated('A02-001', 10, (i) => ({
      resolved: i < 5,
      satisfaction: i >= 8 ? 'dissatisfied' : i % 2 ? 'basically_satisfied' : 'satisfied',
    }));
    // Perfect too, but one short of the minimum sample.
    await answeredAndRated('mzj', 9, () => perfect);
  }, 120_000);

  it('ranks units with 10 rated tickets, equal scores sharing a rank, and lists 9 apart', async () => {
    const { status, body } = await statsGet('departments', march);
    expect(status).toBe(200);
    expect(body.minimumSample).toBe(10);
    // Signed in 10 working minutes, all: response 1. gaj and jtj: 0.30 + 0.35 + 0.35 = 1.
    // A2区 (through its street): 0.30 × 1 + 0.35 × 5/10 + 0.35 × 8/10 = 0.3 + 0.175 + 0.28 = 0.755.
    expect(body.ranked.map((r: any) => [r.rank, r.code, r.received, r.rated])).toEqual([
      [1, 'gaj', 10, 10],
      [1, 'jtj', 10, 10],
      [3, 'A02', 10, 10],
    ]);
    expect(body.ranked[0].compositeScore).toBeCloseTo(1, 12);
    expect(body.ranked[2].compositeScore).toBeCloseTo(0.3 * 1 + 0.35 * 0.5 + 0.35 * 0.8, 12);
    expect(body.ranked[2]).toMatchObject({ name: 'A2区人民政府', responseRate: 1, resolutionRate: 0.5 });
    expect(body.ranked[2].satisfactionRate).toBeCloseTo(0.8, 12);
    // mzj's perfect 9 do not rank; it heads the unranked by received.
    expect(body.unranked[0]).toMatchObject({ rank: null, code: 'mzj', received: 9, rated: 9 });
    expect(body.unranked[0].compositeScore).toBeCloseTo(1, 12);
    expect(body.unranked.map((r: any) => r.code)).not.toContain('centre');
    await expectCsvEqualsJson('departments', march, csvColumns.departments!, [...body.ranked, ...body.unranked]);
    await expectRollupsAgree();
  });

  it("counts a street's tickets in its district, and ranks the streets under the district", async () => {
    const district = await statsGet('overview', { ...march, department: 'A02' });
    expect(district.body).toMatchObject({ department: 'A02', received: 10, rated: 10, resolved: 5, satisfied: 8 });
    const streets = await statsGet('departments', { ...march, department: 'A02' });
    expect(streets.body.ranked.map((r: any) => [r.rank, r.code])).toEqual([[1, 'A02-001']]);
    expect(streets.body.unranked.map((r: any) => r.code).sort()).toEqual(['A02-002', 'A02-003']);
    expect(await drillAll({ ...march, department: 'A02', metric: 'resolved' }, 'leader', 3)).toHaveLength(5);
  });

  it("drills a unit's rated tickets down page by page", async () => {
    const listed = await drillAll({ ...march, department: 'gaj', metric: 'rated' }, 'leader', 3);
    expect(listed.sort()).toEqual([...gajTickets].sort());
  });
});

describe('the breakdowns (September 2026)', () => {
  const sept = { from: '2026-09-01', to: '2026-09-30' };
  const no: Record<string, string> = {};

  beforeAll(async () => {
    const k1 = await intakeAt(at('2026-09-07', 9), {
      channel: 'phone',
      text: 'A3区西湖街道桐梓坡路的下水道井盖缺失，夜间行人容易跌落，请尽快补装。',
    });
    const k2 = await intakeAt(at('2026-09-07', 10), {
      channel: 'wechat',
      text: 'A3区学士街道某培训机构收费后拒不退费，家长多次协商无果，请教育部门处理。',
    });
    const k3 = await intakeAt(at('2026-09-07', 11), { channel: 'api' });
    const k4 = await intakeAt(at('2026-09-08', 9), {
      channel: 'phone',
      text: 'A5区洞井街道某小区电梯经常停运，物业公司一直不予维修，老人上下楼很困难。',
    });
    Object.assign(no, { K1: k1.ticketNo, K2: k2.ticketNo, K3: k3.ticketNo, K4: k4.ticketNo });
    const dispatch = (t: string, departmentCode: string, type: string, category: string, day: string) =>
      actOn(t)('dispatch', dispatcher, { departmentCode, type, category }, at(day, 14));
    await dispatch(no.K1!, 'cgj', '投诉', '城市管理', '2026-09-07');
    await dispatch(no.K2!, 'jyj', '咨询', '教育文体', '2026-09-07');
    await dispatch(no.K4!, 'zjj', '投诉', '城乡建设', '2026-09-08');
    for (const [t, department] of [
      [no.K1!, 'cgj'],
      [no.K4!, 'zjj'],
    ] as const) {
      await actOn(t)('sign', handler(department), {}, at('2026-09-09', 9));
      await actOn(t)(
        'reply',
        handler(department),
        { text: '经核查，问题已处理完毕，特此答复。' },
        at('2026-09-09', 10),
      );
      await actOn(t)('approve', reviewer(department), {}, at('2026-09-09', 11));
    }
  });

  const rows = async (by: string) => (await statsGet('breakdown', { ...sept, by })).body;

  it('breaks received and replied down by channel, type, category and district', async () => {
    const places = await env.DB.prepare(
      `SELECT ticket_no AS no, district_code AS district, type, category FROM tickets WHERE ticket_no IN (?, ?, ?, ?)`,
    )
      .bind(no.K1, no.K2, no.K3, no.K4)
      .all<{ no: string; district: string | null; type: string | null; category: string | null }>();
    const of = Object.fromEntries(places.results.map((r) => [r.no, r]));
    expect([of[no.K1!]!.district, of[no.K2!]!.district, of[no.K3!]!.district, of[no.K4!]!.district]).toEqual([
      'A03',
      'A03',
      null,
      'A05',
    ]);
    const pick = (r: any) => [r.key, r.label, r.received, r.replied];
    // K1 and K4 by phone, both answered; K3 by the API and K2 by WeChat, neither (ties by key).
    expect((await rows('channel')).rows.map(pick)).toEqual([
      ['phone', '12345 电话', 2, 2],
      ['api', '系统接口', 1, 0],
      ['wechat', '政务微信公众号', 1, 0],
    ]);
    expect((await rows('district')).rows.map(pick)).toEqual([
      ['A03', 'A3区', 2, 1],
      ['A05', 'A5区', 1, 1],
      ['', '未定位到区县', 1, 0],
    ]);
    // Type and category: K1, K2 and K4 as the dispatcher set them, K3 as intake's routing gave it
    // (read back); counted by hand over the four, K1 and K4 answered.
    expect([of[no.K1!]!.type, of[no.K2!]!.type, of[no.K4!]!.type]).toEqual(['投诉', '咨询', '投诉']);
    expect([of[no.K1!]!.category, of[no.K2!]!.category, of[no.K4!]!.category]).toEqual([
      '城市管理',
      '教育文体',
      '城乡建设',
    ]);
    const byHand = (column: 'type' | 'category') => {
      const counts = new Map<string, [number, number]>();
      for (const name of ['K1', 'K2', 'K3', 'K4']) {
        const key = of[no[name]!]![column] ?? '';
        const [received, replied] = counts.get(key) ?? [0, 0];
        counts.set(key, [received + 1, replied + (name === 'K1' || name === 'K4' ? 1 : 0)]);
      }
      return [...counts]
        .map(([key, [received, replied]]) => [key, received, replied] as const)
        .sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0].localeCompare(b[0]));
    };
    const counted = async (by: string) => (await rows(by)).rows.map((r: any) => [r.key, r.received, r.replied]);
    expect(await counted('type')).toEqual(byHand('type'));
    expect(await counted('type')).toContainEqual(['投诉', 2, 2]);
    expect(await counted('category')).toEqual(byHand('category'));
    for (const by of ['channel', 'type', 'category', 'district']) {
      await expectCsvEqualsJson('breakdown', { ...sept, by }, csvColumns.breakdown!, (await rows(by)).rows);
    }
    await expectRollupsAgree();
  });

  it('drills a breakdown row down to its tickets, the empty key meaning none', async () => {
    const sorted = (names: string[]) => names.map((n) => no[n]!).sort();
    expect((await drillAll({ ...sept, metric: 'received', channel: 'phone' })).sort()).toEqual(sorted(['K1', 'K4']));
    expect(await drillAll({ ...sept, metric: 'replied', district: 'A03' })).toEqual(sorted(['K1']));
    expect(await drillAll({ ...sept, metric: 'received', district: '' })).toEqual(sorted(['K3']));
    expect((await drillAll({ ...sept, metric: 'received', category: '教育文体' })).sort()).toEqual(sorted(['K2']));
    expect((await drillAll({ ...sept, metric: 'replied', type: '投诉' })).sort()).toEqual(sorted(['K1', 'K4']));
  });
});

describe('the hot spots (October 2026)', () => {
  const oct = { from: '2026-10-01', to: '2026-10-14' };
  const members: string[] = [];
  let hotspotId = '';

  beforeAll(async () => {
    // Made through intake: three residents on one matter at 月亮岛街道 (A06-001), each followed up
    // as the queue would, right after its intake.
    const text = (n: number) => `A6区月亮岛街道滨江路一带的路灯已经连续${n}天不亮了，晚上行人很不安全，请尽快修复。`;
    for (const [i, day] of ['2026-10-12', '2026-10-13', '2026-10-14'].entries()) {
      const t = await intakeQuietly(at(day, 9), { title: '路灯不亮', text: text(i + 3) });
      const outcome = await followUpTicket({ db, env }, t.ticketId);
      members.push(t.ticketNo);
      if (outcome.hotspotId) hotspotId = outcome.hotspotId;
    }
    for (const t of members) {
      await actOn(t)('dispatch', dispatcher, { departmentCode: 'A06-001', type: '求助' }, at('2026-10-14', 14));
    }
  });

  it('lists the hot spot with its size, residents and growth, as JSON and CSV', async () => {
    expect(hotspotId).not.toBe('');
    const { body } = await statsGet('hotspots', oct);
    expect(body.items).toHaveLength(1);
    // All three in the 7 days up to 10/14 (10/8–10/14), none in the week before.
    expect(body.items[0]).toMatchObject({
      id: hotspotId,
      place: '月亮岛街道',
      tickets: 3,
      residents: 3,
      firstAt: new Date(at('2026-10-12', 9)).toISOString(),
      lastAt: new Date(at('2026-10-14', 9)).toISOString(),
      lastWeek: 3,
      weekBefore: 0,
    });
    await expectCsvEqualsJson('hotspots', oct, csvColumns.hotspots!, body.items);
    // Its district sees it (the tickets are its street's); another department does not.
    expect((await statsGet('hotspots', { ...oct, department: 'A06' })).body.items).toHaveLength(1);
    expect((await statsGet('hotspots', { ...oct, department: 'cgj' })).body.items).toEqual([]);
    // Before it formed, no hot spot.
    expect((await statsGet('hotspots', { from: '2026-10-01', to: '2026-10-11' })).body.items).toEqual([]);
    await expectRollupsAgree();
  });

  it('drills the hot spot down to its tickets', async () => {
    expect((await drillAll({ hotspot: hotspotId })).sort()).toEqual([...members].sort());
  });
});
