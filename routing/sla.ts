// Deadlines (办理时限): how long a department has for a ticket of a given type and urgency,
// and how the clock moves when it is stopped for the resident's supplement or extended.
// Pure: the policies and the calendar come from the caller.
import type { WorkingCalendar } from './calendar';
import { addWorkingMinutes, endOfNthWorkingDay, subtractWorkingMinutes, workingMinutesBetween } from './calendar';

export interface SlaPolicy {
  type: string;
  urgency: 'normal' | 'urgent';
  unit: 'working_days' | 'hours';
  amount: number;
  maxExtensionWorkingDays: number;
  maxExtensions: number;
}

/** How the clock of a ticket runs: on office hours, or round the clock (urgent tickets). */
export type ClockKind = 'working' | 'clock';

/**
 * The defaults of DESIGN.md: 咨询 2 working days; 求助 and 建议 10; 投诉 and 举报 15;
 * 依申请公开 20 with one extension of at most 20 (政府信息公开条例, 2019); 表扬 is acknowledged
 * within 10. Urgent tickets of any type are answered within 4 hours, round the clock.
 */
export const defaultSlaPolicies: SlaPolicy[] = [
  ...(
    [
      ['咨询', 2, 5],
      ['求助', 10, 10],
      ['建议', 10, 10],
      ['投诉', 15, 15],
      ['举报', 15, 15],
      ['表扬', 10, 0],
      ['依申请公开', 20, 20],
    ] as const
  ).map(([type, amount, maxExtensionWorkingDays]) => ({
    type,
    urgency: 'normal' as const,
    unit: 'working_days' as const,
    amount,
    maxExtensionWorkingDays,
    maxExtensions: 1,
  })),
  ...['咨询', '求助', '建议', '投诉', '举报', '表扬', '依申请公开'].map((type) => ({
    type,
    urgency: 'urgent' as const,
    unit: 'hours' as const,
    amount: 4,
    maxExtensionWorkingDays: 0,
    maxExtensions: 0,
  })),
];

export function findSlaPolicy(policies: readonly SlaPolicy[], type: string, urgency: 'normal' | 'urgent'): SlaPolicy {
  const policy =
    policies.find((p) => p.type === type && p.urgency === urgency) ??
    defaultSlaPolicies.find((p) => p.type === type && p.urgency === urgency) ??
    defaultSlaPolicies.find((p) => p.type === '求助' && p.urgency === urgency);
  if (!policy) throw new Error(`no SLA policy for ${type}/${urgency}`);
  return policy;
}

export function clockKindOf(policy: SlaPolicy): ClockKind {
  return policy.unit === 'hours' ? 'clock' : 'working';
}

/** The deadline of a ticket whose department's clock starts at `from` (dispatch). */
export function computeDeadline(calendar: WorkingCalendar, policy: SlaPolicy, from: number): number {
  if (policy.unit === 'hours') return from + policy.amount * 3_600_000;
  return endOfNthWorkingDay(calendar, from, policy.amount);
}

/** Minutes left on a clock stopped at `at`: working minutes, or plain minutes round the clock. */
export function remainingMinutes(calendar: WorkingCalendar, clock: ClockKind, at: number, deadline: number): number {
  if (clock === 'clock') return Math.max(0, Math.floor((deadline - at) / 60_000));
  return workingMinutesBetween(calendar, at, deadline);
}

/** The new deadline when a stopped clock starts again at `at` with `minutes` left. */
export function resumeDeadline(calendar: WorkingCalendar, clock: ClockKind, at: number, minutes: number): number {
  if (clock === 'clock') return at + minutes * 60_000;
  return addWorkingMinutes(calendar, at, minutes);
}

/** An approved extension of n working days moves the deadline to the close of the n-th working day after it. */
export function extendDeadline(calendar: WorkingCalendar, deadline: number, workingDays: number): number {
  return endOfNthWorkingDay(calendar, deadline, workingDays);
}

/** The light turns yellow once this share (per cent) of the time allowed is used (DESIGN.md). */
export const YELLOW_PERCENT = 80;

/** The last 20 % of the time allowed, in whole minutes (integer arithmetic: no 0.2 rounding down to 197). */
export function yellowMarginMinutes(allowedMinutes: number): number {
  return Math.floor((allowedMinutes * (100 - YELLOW_PERCENT)) / 100);
}

/** The instant `minutes` of clock time before `at`: working minutes, or plain minutes round the clock. */
export function rewindClock(calendar: WorkingCalendar, clock: ClockKind, at: number, minutes: number): number {
  if (clock === 'clock') return at - minutes * 60_000;
  return subtractWorkingMinutes(calendar, at, minutes);
}

/** When the light of a clock running from `from` to `deadline` turns yellow: 80 % of its time used. */
export function computeYellowAt(calendar: WorkingCalendar, clock: ClockKind, from: number, deadline: number): number {
  const allowed = remainingMinutes(calendar, clock, from, deadline);
  return rewindClock(calendar, clock, deadline, yellowMarginMinutes(allowed));
}

/**
 * The yellow instant for a deadline that moved: the clock restarted after a pause keeps its
 * margin before the deadline, and an extension adds 20 % of its own minutes to that margin (the
 * time allowed grew by them). `before` is the pair as it stood (while paused, the stopped values).
 */
export function movedYellowAt(
  calendar: WorkingCalendar,
  clock: ClockKind,
  before: { yellowAt: number; deadlineAt: number },
  deadline: number,
  addedMinutes = 0,
): number {
  const margin = remainingMinutes(calendar, clock, before.yellowAt, before.deadlineAt);
  return rewindClock(calendar, clock, deadline, margin + yellowMarginMinutes(addedMinutes));
}
