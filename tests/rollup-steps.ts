// Lifecycle steps as data, for the rollups' property test (tickets/stats/rollups.property.test.ts):
// fast-check generates a list of them, `runSteps` plays it on a fixed clock through the real
// lifecycle (intake, applyAction, rateTicket, the cron's escalate), skipping what the state
// machine or the permissions refuse, as a centre's staff would be refused.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { tickets } from '../db/schema';
import { HubError } from '../tickets/hub-error';
import { escalate } from '../tickets/lifecycle/escalate';
import { rateTicket } from '../tickets/lifecycle/rate-ticket';
import type { TicketAction } from '../tickets/transitions';
import { actOn, db, dispatcher, handler, intakeAt, REPLY, reviewer } from './practice-steps';

const MINUTE = 60_000;

/** Leads of every kind: bureaus, a district, a street under that district, a community's street. */
export const leads = ['cgj', 'zjj', 'rsj', 'A01', 'A01-001', 'A03-002'] as const;
const texts = [
  '小区门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
  '马坡岭街道马坡岭社区楼下烧烤店油烟很大，每天晚上排放到十一点。',
  '学士街道附近工地夜间施工噪音扰民，严重影响休息。',
];

export type Step =
  | { kind: 'intake'; channel: string; type: string; text: number; minute: number }
  | { kind: 'dispatch'; ticket: number; lead: number; co: boolean; type: string }
  | { kind: 'act'; ticket: number; action: TicketAction; wait: number }
  | {
      kind: 'rate';
      ticket: number;
      resolved: boolean;
      satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
    }
  | { kind: 'merge'; ticket: number; into: number }
  /** The next step of a ticket's usual course, whatever its state: most of a centre's day. */
  | { kind: 'advance'; ticket: number; lead: number; yes: boolean; satisfied: boolean; wait: number }
  | { kind: 'escalate'; days: number };

const types = ['咨询', '求助', '投诉', '建议', '举报'] as const;
const ticketIndex = fc.nat({ max: 3 });

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('intake' as const),
    channel: fc.constantFrom('phone', 'mailbox', 'wechat', 'api', 'email', 'open311'),
    type: fc.constantFrom(...types),
    text: fc.nat({ max: texts.length - 1 }),
    // Minutes after 23:50 local: the day's last minutes and the next day's first.
    minute: fc.constantFrom(0, 9, 10, 11, 600, 900),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('dispatch' as const),
      ticket: ticketIndex,
      lead: fc.nat({ max: leads.length - 1 }),
      co: fc.boolean(),
      type: fc.constantFrom(...types),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      ticket: ticketIndex,
      action: fc.constantFrom<TicketAction>(
        'sign',
        'supplement',
        'extend',
        'return',
        'contribute',
        'reply',
        'approve',
        'reject',
        'close',
        'reopen',
      ),
      wait: fc.constantFrom(5, 60, 180, 600, 1440),
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      ticket: ticketIndex,
      resolved: fc.boolean(),
      satisfaction: fc.constantFrom('satisfied' as const, 'basically_satisfied' as const, 'dissatisfied' as const),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('merge' as const), ticket: ticketIndex, into: ticketIndex }),
  {
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ticket: ticketIndex,
      lead: fc.nat({ max: leads.length - 1 }),
      yes: fc.boolean(),
      satisfied: fc.boolean(),
      wait: fc.constantFrom(5, 60, 180, 600, 1440),
    }),
    weight: 10,
  },
  fc.record({ kind: fc.constant('escalate' as const), days: fc.integer({ min: 1, max: 12 }) }),
);

const ticketRow = async (ticketNo: string) =>
  (await db.select().from(tickets).where(eq(tickets.ticketNo, ticketNo)))[0]!;

/** The input and the actor of an action on the ticket as it is now. */
function inputFor(action: TicketAction, t: Awaited<ReturnType<typeof ticketRow>>) {
  const lead = t.leadDepartmentCode ?? 'centre';
  const co = t.coDepartmentCodes[0] ?? 'zjj';
  const centreDecides = t.pendingRequest !== null;
  const inputs: Partial<Record<TicketAction, [unknown, ReturnType<typeof handler>]>> = {
    sign: [{}, handler(lead)],
    supplement:
      t.status === 'awaiting_supplement'
        ? [{ text: '具体位置在3栋东侧。' }, dispatcher]
        : [{ request: '请补充具体位置和时间。' }, handler(lead)],
    extend: [{ workingDays: 3, reason: '需协调多个部门' }, handler(lead)],
    return: [{ reason: '不属于本部门职责' }, handler(lead)],
    contribute: [{ text: '协办部门已现场核查。' }, handler(co)],
    reply: [{ text: REPLY }, handler(lead)],
    approve: [{}, centreDecides ? dispatcher : reviewer(lead)],
    reject: [{ reason: '答复不完整，请补充' }, centreDecides ? dispatcher : reviewer(lead)],
    close: [{ kind: 'direct_answer', directAnswer: '已电话解答。' }, dispatcher],
    reopen: [{ reason: '群众不满意，重新办理' }, dispatcher],
  };
  return inputs[action]!;
}

type AdvanceStep = Extract<Step, { kind: 'advance' }>;

/** The action that moves a ticket on from where it is (a pending request: the centre decides). */
async function advance(ticketNo: string, step: AdvanceStep, now: number) {
  const t = await ticketRow(ticketNo);
  const act = actOn(ticketNo);
  if (t.pendingRequest) return act(step.yes ? 'approve' : 'reject', dispatcher, { reason: '经研究决定' }, now);
  const lead = t.leadDepartmentCode ?? 'centre';
  switch (t.status) {
    case 'received':
    case 'reopened':
      return act('dispatch', dispatcher, { departmentCode: leads[step.lead], type: '投诉' }, now);
    case 'dispatched':
      return act('sign', handler(lead), {}, now);
    case 'signed':
      return act('reply', handler(lead), { text: REPLY }, now);
    case 'awaiting_supplement':
      return act('supplement', dispatcher, { text: '具体位置在3栋东侧。' }, now);
    case 'replied':
      return act(step.yes ? 'approve' : 'reject', reviewer(lead), { reason: '答复不完整，请补充' }, now);
    case 'reviewed': {
      const input = { resolved: step.yes, satisfaction: step.satisfied ? 'satisfied' : 'dissatisfied' } as const;
      return rateTicket({ db }, t, input, { now });
    }
    case 'closed':
      return act('reopen', dispatcher, { reason: '群众不满意，重新办理' }, now);
  }
}

/** Refusals (409, 403, 422 …) are part of the game; anything else is a failure. */
async function tolerated(step: Promise<unknown>) {
  try {
    await step;
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
  }
}

/** Plays the steps from `start`, each a few minutes (or the step's wait) after the last. */
export async function runSteps(steps: Step[], start: number): Promise<string[]> {
  const ticketNos: string[] = [];
  let now = start;
  const pick = (i: number) => ticketNos[i % Math.max(1, ticketNos.length)];
  for (const step of steps) {
    now += 7 * MINUTE;
    if (step.kind === 'intake') {
      // Local 23:50 of the clock's day, plus the step's minutes: both sides of midnight.
      const midnight = Math.ceil((now + 8 * 60 * MINUTE) / (1440 * MINUTE)) * 1440 * MINUTE - 8 * 60 * MINUTE;
      now = Math.max(now, midnight - 10 * MINUTE + step.minute * MINUTE);
      const t = await intakeAt(now, { channel: step.channel, text: texts[step.text], hints: { type: step.type } });
      ticketNos.push(t.ticketNo);
      continue;
    }
    if (step.kind === 'escalate') {
      now += step.days * 1440 * MINUTE;
      await escalate(env, now);
      continue;
    }
    const ticketNo = pick(step.ticket);
    if (!ticketNo) continue;
    if (step.kind === 'dispatch') {
      const lead = leads[step.lead]!;
      const input = { departmentCode: lead, coDepartmentCodes: step.co ? ['zjj'] : [], type: step.type };
      await tolerated(actOn(ticketNo)('dispatch', dispatcher, input, now));
    } else if (step.kind === 'act') {
      now += step.wait * MINUTE;
      const [input, actor] = inputFor(step.action, await ticketRow(ticketNo));
      await tolerated(actOn(ticketNo)(step.action, actor, input, now));
    } else if (step.kind === 'advance') {
      now += step.wait * MINUTE;
      await tolerated(advance(ticketNo, step, now));
    } else if (step.kind === 'rate') {
      const input = { resolved: step.resolved, satisfaction: step.satisfaction };
      await tolerated(rateTicket({ db }, await ticketRow(ticketNo), input, { now }));
    } else {
      const into = pick(step.into)!;
      await tolerated(actOn(ticketNo)('merge', dispatcher, { intoTicketNo: into }, now));
    }
  }
  return ticketNos;
}

/**
 * The tables that hold rows about a ticket (a ticket_id column, db/schema.ts), but the
 * append-only events, which a new ticket never reads.
 */
const ticketTables = [
  'inbox',
  'replies',
  'ratings',
  'contributions',
  'supervisions',
  'outbox',
  'routing_corrections',
  'ticket_bands',
  'hotspot_tickets',
  'publications',
  'tickets',
];

/** Every ticket and everything written about one, as if none had come in; the rollups are left to the triggers. */
export async function forgetAllTickets() {
  await env.DB.batch(ticketTables.map((table) => env.DB.prepare(`delete from ${table}`)));
}
