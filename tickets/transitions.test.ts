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

/** Every legal transition: from, pending request, supplement already asked, action → to, subject. */
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
const situations: Array<[TicketStatus, PendingRequest | null, boolean]> = [
  ...ticketStatuses.map((s): [TicketStatus, null, boolean] => [s, null, s === 'awaiting_supplement']),
  ['signed', null, true], // the department already asked once
  ['dispatched', returnRequest, false],
  ['signed', returnRequest, false],
  ['signed', extension, false],
  ['awaiting_supplement', extension, true],
];

const key = (s: TicketStatus, p: PendingRequest | null, asked: boolean, a: TicketAction) =>
  `${s}|${p?.kind ?? '-'}|${asked}|${a}`;
const legalByKey = new Map(legal.map((c) => [key(c[0], c[1], c[2], c[3]), c]));

describe('ticket state machine', () => {
  it.each(legal)('%s (%o, asked=%s) --%s--> %s', (from, pending, asked, action, to, subject) => {
    expect(planTransition({ status: from, pendingRequest: pending, supplementRequested: asked }, action)).toEqual({
      to,
      subject,
    });
  });

  it('refuses every other action in every situation', () => {
    let refused = 0;
    for (const [status, pending, asked] of situations) {
      for (const action of ticketActions) {
        if (legalByKey.has(key(status, pending, asked, action))) continue;
        const plan = () => planTransition({ status, pendingRequest: pending, supplementRequested: asked }, action);
        expect(plan, key(status, pending, asked, action)).toThrow(IllegalTransition);
        refused++;
      }
    }
    // 14 situations × 11 actions, less the legal ones that fall in them.
    const legalInSituations = situations.flatMap(([s, p, a]) =>
      ticketActions.filter((x) => legalByKey.has(key(s, p, a, x))),
    ).length;
    expect(refused).toBe(situations.length * ticketActions.length - legalInSituations);
    expect(refused).toBeGreaterThan(100);
  });

  it('asks the resident for a supplement once only (一次性告知)', () => {
    expect(() =>
      planTransition({ status: 'signed', pendingRequest: null, supplementRequested: true }, 'supplement'),
    ).toThrow(/一次性告知/);
  });

  it('does not let a department reply while its return request is pending', () => {
    expect(() =>
      planTransition({ status: 'signed', pendingRequest: returnRequest, supplementRequested: false }, 'reply'),
    ).toThrow(IllegalTransition);
  });
});
