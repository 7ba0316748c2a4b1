// Steps of a ticket's life on a fixed clock, for the tests of the rules of practice: each at a
// stated instant (applyAction's `now`, intake's `now` and the message's receivedAt).
import { env } from 'cloudflare:test';
import { openDb } from '../db/client';
import { shanghaiTime as at } from '../routing/calendar';
import { intakeMessage } from '../tickets/intake';
import type { Actor } from '../tickets/lifecycle/actor';
import { applyAction } from '../tickets/lifecycle/apply-action';
import type { TicketAction } from '../tickets/transitions';
import { inboundMessage } from './helpers';

export const db = openDb(env.DB);
export const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
export const handler = (code: string): Actor => ({
  id: `staff-${code}-handler`,
  role: 'handler',
  departmentCode: code,
});
export const reviewer = (code: string): Actor => ({
  id: `staff-${code}-reviewer`,
  role: 'reviewer',
  departmentCode: code,
});

/** A resident's message taken in at `now`, from a resident of its own unless the overrides name one. */
export async function intakeAt(now: number, overrides: Record<string, unknown> = {}) {
  return intakeMessage(env, inboundMessage({ receivedAt: new Date(now).toISOString(), ...overrides }), { now });
}

export function actOn(ticketNo: string) {
  return (action: TicketAction, actor: Actor, input: unknown, now: number) =>
    applyAction({ db, env }, ticketNo, action, actor, input, { now });
}

export const row = async (ticketNo: string) =>
  (await env.DB.prepare(
    `SELECT id, status, deadline_at AS deadline, clock_paused_at AS paused, reopen_count AS reopens, text
     FROM tickets WHERE ticket_no = ?`,
  )
    .bind(ticketNo)
    .first<{
      id: string;
      status: string;
      deadline: number | null;
      paused: number | null;
      reopens: number;
      text: string;
    }>())!;

export const replyMessages = async (ticketId: string) =>
  (
    await env.DB.prepare("SELECT body FROM outbox WHERE ticket_id = ? AND kind = 'reply' ORDER BY created_at")
      .bind(ticketId)
      .all<{ body: string }>()
  ).results.map((r) => r.body);

export const REPLY = '经核查，该路段路灯线路老化，已于今日更换线路并恢复照明。';

/** Dispatched, signed, answered and approved: ready for the resident's rating. */
export async function answered(ticketNo: string, day: string, text = REPLY) {
  const act = actOn(ticketNo);
  await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '求助' }, at(day, 9, 10));
  await act('sign', handler('cgj'), {}, at(day, 9, 30));
  await act('reply', handler('cgj'), { text }, at(day, 14));
  await act('approve', reviewer('cgj'), {}, at(day, 15));
}

/** The error code a step is refused with, or null when it succeeds. */
export const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: { code?: string }) => err.code ?? String(err),
  );
