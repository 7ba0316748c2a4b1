// The state machine as a table: every (state, pending request, action) is either one of the
// legal transitions listed here by hand, or refused.
import { describe, expect, it } from 'vitest';
import type { PendingRequest } from '../db/schema';
import {
  IllegalTransition,
  planTransition,
  type TicketAction,
  type TicketStatus,
  ticketActions,
  ticketStatuses,
} from './transitions';

const extension: PendingRequest = { kind: 'extension', workingDays: 5, reason: '需现场勘查', requestedBy: 'u', at: 0 };
const returnRequest: PendingRequest = { kind: 'return', reason: '不属于本部门职责', requestedBy: 'u', at: 0 };

type Case = [TicketStatus, PendingRequest | null, boolean, TicketAction, TicketStatus, string];

/** A ticket never reopened unless `reopens` says otherwise. */
const snapshot = (status: TicketStatus, pendingRequest: PendingRequest | null, asked: boolean, reopens = 0) => ({
  status,
  pendingRequest,
  supplementRequested: asked,
  reopenCount: reopens,
});

/**
 * Every legal transition: from, pending request, supplement already asked, action → to, subject.
 * None is legal on a ticket reopened once that is not legal on one never reopened.
 */
const legal: Case[] = [
  ['received', null, false, 'dispatch', 'dispatched', 'dispatch'],
  ['reopened', null, false, 'dispatch', 'dispatched', 'dispatch'],
  ['dispatched', null, false, 'dispatch', 'dispatched', 'redispatch'],
  ['dispatched', null, false, 'sign', 'signed', 'sign'],
  ['dispatched', null, false, 'return', 'dispatched', 'request_return'],
  ['signed', null, false, 'return', 'signed', 'request_return'],
  ['signed', null, false, 'supplement', 'awaiting_supplement', 'request_supplement'],
  ['awaiting_supplement', null, true, 'supplement', 'signed', 'receive_supplement'],
  // The resident's answer is taken even while an extension waits for approval.
  ['awaiting_supplement', extension, true, 'supplement', 'signed', 'receive_supplement'],
  ['signed', null, false, 'extend', 'signed', 'request_extension'],
  ['awaiting_supplement', null, true, 'extend', 'awaiting_supplement', 'request_extension'],
  ['signed', null, false, 'reply', 'replied', 'reply'],
  ['signed', extension, false, 'reply', 'replied', 'reply'],
  // 协办: co-departments add their parts while the lead holds the ticket, whatever it waits for.
  ['dispatched', null, false, 'contribute', 'dispatched', 'contribute'],
  ['signed', null, false, 'contribute', 'signed', 'contribute'],
  ['signed', null, true, 'contribute', 'signed', 'contribute'],
  ['awaiting_supplement', null, true, 'contribute', 'awaiting_supplement', 'contribute'],
  ['dispatched', returnRequest, false, 'contribute', 'dispatched', 'contribute'],
  ['signed', returnRequest, false, 'contribute', 'signed', 'contribute'],
  ['signed', extension, false, 'contribute', 'signed', 'contribute'],
  ['awaiting_supplement', extension, true, 'contribute', 'awaiting_supplement', 'contribute'],
  ['replied', null, false, 'approve', 'reviewed', 'approve_reply'],
  ['replied', null, false, 'reject', 'signed', 'reject_reply'],
  ['signed', extension, false, 'approve', 'signed', 'approve_extension'],
  ['awaiting_supplement', extension, true, 'approve', 'awaiting_supplement', 'approve_extension'],
  ['signed', extension, false, 'reject', 'signed', 'reject_extension'],
  ['awaiting_supplement', extension, true, 'reject', 'awaiting_supplement', 'reject_extension'],
  ['dispatched', returnRequest, false, 'approve', 'received', 'approve_return'],
  ['signed', returnRequest, false, 'approve', 'received', 'approve_return'],
  ['dispatched', returnRequest, false, 'reject', 'dispatched', 'reject_return'],
  ['signed', returnRequest, false, 'reject', 'signed', 'reject_return'],
  ['received', null, false, 'close', 'closed', 'close'],
  ['reviewed', null, false, 'close', 'closed', 'close'],
  ['closed', null, false, 'reopen', 'reopened', 'reopen'],
  ...(['received', 'dispatched', 'signed', 'awaiting_supplement', 'reopened'] as const).map(
    (s): Case => [s, null, s === 'awaiting_supplement', 'merge', 'merged', 'merge'],
  ),
  ['dispatched', returnRequest, false, 'merge', 'merged', 'merge'],
  ['signed', returnRequest, false, 'merge', 'merged', 'merge'],
  // Back from awaiting a supplement, the department goes on as before, but may not ask again.
  ['signed', null, true, 'return', 'signed', 'request_return'],
  ['signed', null, true, 'extend', 'signed', 'request_extension'],
  ['signed', null, true, 'reply', 'replied', 'reply'],
  ['signed', null, true, 'merge', 'merged', 'merge'],
  ['signed', extension, false, 'merge', 'merged', 'merge'],
  ['awaiting_supplement', extension, true, 'merge', 'merged', 'merge'],
];

// The states a pending request can exist in: a return from dispatched/signed, an extension
// from signed/awaiting_supplement. Other combinations cannot arise and are not enumerated.
type Situation = [TicketStatus, PendingRequest | null, boolean, number];
const situations: Situation[] = [
  ...ticketStatuses.map((s): Situation => [s, null, s === 'awaiting_supplement', 0]),
  ['signed', null, true, 0], // the department already asked once
  ['dispatched', returnRequest, false, 0],
  ['signed', returnRequest, false, 0],
  ['signed', extension, false, 0],
  ['awaiting_supplement', extension, true, 0],
  ['closed', null, false, 1], // reopened once (重办) and closed again: nothing more
];

/** Legal in a situation: listed, and not a second reopen. */
const isLegal = ([s, p, asked, reopens]: Situation, a: TicketAction) =>
  legalByKey.has(key(s, p, asked, a)) && !(a === 'reopen' && reopens > 0);

const key = (s: TicketStatus, p: PendingRequest | null, asked: boolean, a: TicketAction) =>
  `${s}|${p?.kind ?? '-'}|${asked}|${a}`;
const legalByKey = new Map(legal.map((c) => [key(c[0], c[1], c[2], c[3]), c]));

describe('ticket state machine', () => {
  it.each(legal)('%s (%o, asked=%s) --%s--> %s', (from, pending, asked, action, to, subject) => {
    expect(planTransition(snapshot(from, pending, asked), action)).toEqual({ to, subject });
  });

  it('refuses every other action in every situation', () => {
    let refused = 0;
    for (const situation of situations) {
      const [status, pending, asked, reopens] = situation;
      for (const action of ticketActions) {
        if (isLegal(situation, action)) continue;
        const plan = () => planTransition(snapshot(status, pending, asked, reopens), action);
        expect(plan, `${key(status, pending, asked, action)}|reopens=${reopens}`).toThrow(IllegalTransition);
        refused++;
      }
    }
    // 15 situations × 12 actions, less the legal ones counted by hand: 3 received, 5 dispatched, 6 signed,
    // 4 awaiting, 2 replied, 1 reviewed, 1 closed, 2 reopened, 5 signed-after-asking, 4 + 4 with a
    // return pending, 5 + 5 with an extension pending; none merged or closed after a reopen.
    const legalInSituations = situations.flatMap((s) => ticketActions.filter((x) => isLegal(s, x))).length;
    expect(legalInSituations).toBe(47);
    expect(refused).toBe(15 * 12 - 47);
  });

  it('asks the resident for a supplement once only (一次性告知)', () => {
    expect(() => planTransition(snapshot('signed', null, true), 'supplement')).toThrow(/一次性告知/);
  });

  it('reopens a closed ticket once only (重办)', () => {
    expect(planTransition(snapshot('closed', null, false, 0), 'reopen')).toEqual({ to: 'reopened', subject: 'reopen' });
    expect(() => planTransition(snapshot('closed', null, false, 1), 'reopen')).toThrow(/重办过一次/);
  });

  it('lets co-departments contribute only while the lead holds the ticket', () => {
    for (const status of ['received', 'replied', 'reviewed', 'closed', 'reopened', 'merged'] as const) {
      expect(() => planTransition(snapshot(status, null, false), 'contribute'), status).toThrow(IllegalTransition);
    }
  });

  it('does not let a department reply while its return request is pending', () => {
    expect(() => planTransition(snapshot('signed', returnRequest, false), 'reply')).toThrow(IllegalTransition);
  });
});
