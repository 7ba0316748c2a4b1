// How long the department took, recorded on the ticket when it signs for it and when it answers
// (the leaders' average working hours and the response rate read them). Time counts on the
// ticket's own clock: working minutes on office-hours tickets, plain minutes on urgent ones.
import { type WorkingCalendar, workingMinutesBetween } from '../../routing/calendar';
import type { ClockKind } from '../../routing/sla';
import type { MetricSettings } from '../stats/metric-settings';
import type { TicketRow } from './actor';

export function minutesOnClock(calendar: WorkingCalendar, clock: ClockKind, from: number, to: number): number {
  if (clock === 'clock') return Math.max(0, Math.round((to - from) / 60_000));
  return Math.round(workingMinutesBetween(calendar, from, to));
}

type Timed = Pick<TicketRow, 'clockKind' | 'dispatchedAt' | 'receivedAt'>;

/** Minutes from dispatch to signing, and whether that was within the sign-for window in force. */
export function signTiming(calendar: WorkingCalendar, window: MetricSettings['signWindow'], ticket: Timed, at: number) {
  const clock = ticket.clockKind ?? 'working';
  const signMinutes = minutesOnClock(calendar, clock, ticket.dispatchedAt ?? ticket.receivedAt, at);
  const allowed = clock === 'clock' ? window.clockMinutes : window.workingMinutes;
  return { signMinutes, signedInTime: signMinutes <= allowed };
}

/** Minutes from dispatch (receipt, for a ticket never dispatched) to the answer. */
export function replyMinutesOf(calendar: WorkingCalendar, ticket: Timed, at: number): number {
  return minutesOnClock(calendar, ticket.clockKind ?? 'working', ticket.dispatchedAt ?? ticket.receivedAt, at);
}

/** What an answer round's timing fields are reset to when the ticket goes back to the centre. */
export const noResponseTimes = {
  dispatchedAt: null,
  signedAt: null,
  signMinutes: null,
  signedInTime: null,
  repliedAt: null,
  replyMinutes: null,
} as const;
