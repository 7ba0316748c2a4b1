// The dashboard benchmark's synthetic city (scripts/bench/dashboard.mjs): a year of 12345 tickets
// with the shapes of a real centre's traffic. Departments by a Zipf-like share (a few bureaus and
// districts take most of it), types, channels and hours of the day by real-ish shares, weekends
// quieter; about 90 % dispatched, most signed for within the hour, most answered in a few working
// days and some late, about 70 % of answers rated, a few open past their deadline (red) and a few
// merged into an earlier ticket. Ticket i is the same on every run (its own seeded generator), so
// a batch can be retried and two runs seed the same city.

import { demoCategoryDepartments, demoDepartments, demoTerritorialCategories } from '../../routing/demo-data';
import { defaultMetricSettings } from '../../tickets/stats/metric-settings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: a small, good-enough generator, seeded per ticket. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted choices with one uniform draw. */
function weighted<T>(choices: ReadonlyArray<readonly [T, number]>) {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  return (u: number): T => {
    let x = u * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    return choices.at(-1)![0];
  };
}

const channelOf = weighted([
  ['phone', 58],
  ['wechat', 18],
  ['mailbox', 9],
  ['wechaty', 5],
  ['api', 4],
  ['email', 3],
  ['open311', 3],
] as const);

const typeOf = weighted([
  ['咨询', 34],
  ['求助', 26],
  ['投诉', 25],
  ['建议', 7],
  ['举报', 5],
  ['表扬', 1],
  ['依申请公开', 2],
] as const);

/** Calls by hour of the day: the morning and the afternoon peaks, a thin night. */
const hourOf = weighted(
  [1, 0.5, 0.3, 0.3, 0.4, 1, 2, 4, 8, 10, 10, 8, 5, 6, 9, 9, 8, 7, 5, 4, 3, 3, 2, 1.5].map((w, h) => [h, w] as const),
);

const units = demoDepartments.filter((d) => d.kind !== 'centre');
const categoryOfDepartment = new Map(Object.entries(demoCategoryDepartments).map(([c, d]) => [d, c]));
/** Zipf-like (s = 1) over the departments in a shuffled but fixed order: the busiest gets ~20 %. */
const departmentOf = weighted(
  units.map((d, i) => [d, 1 / (((i * 37) % units.length) + 1)] as const).sort((a, b) => b[1] - a[1]),
);
const districts = demoDepartments.filter((d) => d.kind === 'district').map((d) => d.code);
const districtOf = weighted(districts.map((code, i) => [code, 9 - i] as const));

/** The working days a type's department has (the demo's SLA policies, roughly). */
const workingDays: Record<string, number> = { 咨询: 2, 求助: 5, 投诉: 10, 举报: 10, 建议: 15, 表扬: 5, 依申请公开: 15 };

/** Working minutes as clock time, roughly: 420 a working day, five working days a week. */
const clockOfWorking = (minutes: number) =>
  Math.floor(Math.floor(minutes / 420) * DAY * 1.4 + (minutes % 420) * MINUTE);

export interface SyntheticPeriod {
  /** The first instant of the year of tickets, and the end of it: "now" for the lights. */
  startMs: number;
  endMs: number;
}

/** A tickets row in insertion order (`ticketColumns`), and its rating if it has one. */
export interface SyntheticTicket {
  row: unknown[];
  rating: unknown[] | null;
}

export const ticketColumns = [
  'id',
  'ticket_no',
  'query_code',
  'channel',
  'text',
  'type',
  'category',
  'status',
  'lead_department_code',
  'district_code',
  'received_at',
  'created_at',
  'updated_at',
  'dispatched_at',
  'signed_at',
  'sign_minutes',
  'signed_in_time',
  'replied_at',
  'reply_minutes',
  'closed_at',
  'deadline_at',
  'clock_kind',
  'light',
  'yellow_at',
  'merged_into_id',
] as const;

export const ratingColumns = ['ticket_id', 'resolved', 'satisfaction', 'source', 'at', 'department_code'] as const;

const idOf = (i: number) => `bench-${i}`;
const SIGN_WINDOW_MINUTES = defaultMetricSettings.signWindow.workingMinutes;

/** When ticket i came in: a day of the year (weekends at 60 %), an hour by the day's curve. */
function receivedAt(rand: () => number, period: SyntheticPeriod): number {
  const days = Math.floor((period.endMs - period.startMs) / DAY);
  let day = Math.floor(rand() * days);
  for (let tries = 0; tries < 3; tries++) {
    const weekday = new Date(period.startMs + day * DAY + 8 * HOUR).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || rand() < 0.6) break;
    day = Math.floor(rand() * days);
  }
  // startMs is local midnight: the hour is a local hour.
  return period.startMs + day * DAY + hourOf(rand()) * HOUR + Math.floor(rand() * 60) * MINUTE;
}

interface Handling {
  status: string;
  dispatchedAt: number;
  signedAt: number | null;
  signMinutes: number | null;
  repliedAt: number | null;
  replyMinutes: number | null;
  closedAt: number | null;
  deadlineAt: number;
  light: string | null;
  yellowAt: number;
}

/** What the department did with a dispatched ticket, up to the end of the period. */
function handle(rand: () => number, type: string, received: number, now: number): Handling {
  const dispatchedAt = received + Math.floor(5 + rand() * 90) * MINUTE;
  const allowed = workingDays[type]! * 420;
  const deadlineAt = dispatchedAt + clockOfWorking(allowed);
  const yellowAt = dispatchedAt + clockOfWorking(allowed * 0.8);
  const signMinutes = Math.floor(-Math.log(1 - rand()) * 45);
  const signedAt = rand() < 0.98 ? dispatchedAt + clockOfWorking(signMinutes) : null;
  // Most answers by 60 % of the time allowed, 6 % late.
  const late = rand() < 0.06;
  const replyMinutes = Math.floor(late ? allowed * (1 + rand() * 0.5) : allowed * (0.1 + rand() * 0.8));
  const repliedAt = signedAt === null ? null : dispatchedAt + clockOfWorking(replyMinutes);
  if (repliedAt === null || repliedAt > now || rand() < 0.004) {
    const light = now >= deadlineAt ? 'red' : now >= yellowAt ? 'yellow' : 'green';
    const signed = signedAt !== null && signedAt <= now;
    return {
      status: signed ? 'signed' : 'dispatched',
      dispatchedAt,
      signedAt: signed ? signedAt : null,
      signMinutes: signed ? signMinutes : null,
      repliedAt: null,
      replyMinutes: null,
      closedAt: null,
      deadlineAt,
      light,
      yellowAt,
    };
  }
  const closedAt = repliedAt + Math.floor((1 + rand() * 2) * DAY);
  return {
    status: closedAt <= now ? 'closed' : 'reviewed',
    dispatchedAt,
    signedAt,
    signMinutes,
    repliedAt,
    replyMinutes,
    closedAt: closedAt <= now ? closedAt : null,
    deadlineAt,
    light: null,
    yellowAt,
  };
}

const satisfactionOf = weighted([
  ['satisfied', 74],
  ['basically_satisfied', 16],
  ['dissatisfied', 10],
] as const);
const resolvedShare = { satisfied: 0.96, basically_satisfied: 0.8, dissatisfied: 0.3 };

type Column = (typeof ticketColumns)[number];
const rowOf = (values: Partial<Record<Column, unknown>>) => ticketColumns.map((c) => values[c] ?? null);

/** Ticket i of the synthetic city. */
export function syntheticTicket(i: number, period: SyntheticPeriod): SyntheticTicket {
  const rand = generator(i * 2654435761 + 1);
  const received = receivedAt(rand, period);
  const type = typeOf(rand());
  const department = departmentOf(rand());
  const common = {
    id: idOf(i),
    ticket_no: `B${String(i).padStart(9, '0')}`,
    query_code: 'bench',
    channel: channelOf(rand()),
    text: '合成工单',
    type,
    category: categoryOfDepartment.get(department.code) ?? demoTerritorialCategories[Math.floor(rand() * 3)]!,
    district_code: department.kind === 'district' ? department.code : (department.parentCode ?? districtOf(rand())),
    received_at: received,
    created_at: received,
    updated_at: received,
  };
  const fate = rand();
  // 2 % merged into the ticket before it; 8 % answered by the centre itself or still waiting there.
  if (fate < 0.02 && i > 0)
    return { row: rowOf({ ...common, status: 'merged', merged_into_id: idOf(i - 1) }), rating: null };
  if (fate < 0.1) {
    const closedAt = received + 20 * MINUTE;
    const closed = closedAt <= period.endMs && rand() < 0.9;
    const row = rowOf({ ...common, status: closed ? 'closed' : 'received', closed_at: closed ? closedAt : null });
    return { row, rating: null };
  }
  const h = handle(rand, type, received, period.endMs);
  const row = rowOf({
    ...common,
    status: h.status,
    lead_department_code: department.code,
    updated_at: h.closedAt ?? h.repliedAt ?? h.signedAt ?? h.dispatchedAt,
    dispatched_at: h.dispatchedAt,
    signed_at: h.signedAt,
    sign_minutes: h.signMinutes,
    signed_in_time: h.signMinutes === null ? null : h.signMinutes <= SIGN_WINDOW_MINUTES ? 1 : 0,
    replied_at: h.repliedAt,
    reply_minutes: h.replyMinutes,
    closed_at: h.closedAt,
    deadline_at: h.deadlineAt,
    clock_kind: 'working',
    light: h.light,
    yellow_at: h.yellowAt,
  });
  const rated = h.closedAt !== null && rand() < 0.75;
  if (!rated) return { row, rating: null };
  const satisfaction = satisfactionOf(rand());
  const resolved = rand() < resolvedShare[satisfaction] ? 1 : 0;
  return { row, rating: [idOf(i), resolved, satisfaction, 'callback', h.closedAt, department.code] };
}
