// One handler per transition subject (tickets/transitions.ts names them): who may carry it out,
// and what it writes beside the change of state. The state machine decides whether a transition
// is possible at all; this table decides who may make it and what follows.
import type { TicketAction, TransitionSubject } from '../transitions';
import { type Actor, centreRoles } from './actor';
import { approveExtensionEffects, approveReturnEffects, dispatchEffects, rejectRequestEffects } from './effects-centre';
import { approveReplyEffects, closeEffects, mergeEffects, rejectReplyEffects, reopenEffects } from './effects-closing';
import { contributeEffects } from './effects-cohandling';
import {
  receiveSupplementEffects,
  replyEffects,
  requestExtensionEffects,
  requestReturnEffects,
  requestSupplementEffects,
  signEffects,
} from './effects-department';
import type { Handler, Permission } from './handler-types';

const centre: Permission = (actor) => centreRoles.has(actor.role);
const resident: Permission = (actor) => actor.role === 'resident';
/** The lead department's own staff in that role; admins and the hub (import) stand in for them. */
const leadDepartment =
  (role: Actor['role']): Permission =>
  (actor, ticket) =>
    actor.role === 'admin' ||
    actor.role === 'system' ||
    (actor.role === role && actor.departmentCode !== null && actor.departmentCode === ticket.leadDepartmentCode);
/** A handler of one of the ticket's co-departments (its own code, as the lead's staff are checked). */
const coDepartmentHandler: Permission = (actor, ticket) =>
  actor.role === 'handler' && actor.departmentCode !== null && ticket.coDepartmentCodes.includes(actor.departmentCode);
const anyOf =
  (...permissions: Permission[]): Permission =>
  (actor, ticket) =>
    permissions.some((may) => may(actor, ticket));

/** The action whose input each subject takes. */
const subjectActions = {
  dispatch: 'dispatch',
  redispatch: 'dispatch',
  sign: 'sign',
  request_return: 'return',
  request_supplement: 'supplement',
  receive_supplement: 'supplement',
  request_extension: 'extend',
  contribute: 'contribute',
  reply: 'reply',
  approve_reply: 'approve',
  reject_reply: 'reject',
  approve_extension: 'approve',
  reject_extension: 'reject',
  approve_return: 'approve',
  reject_return: 'reject',
  close: 'close',
  reopen: 'reopen',
  merge: 'merge',
} as const satisfies Record<TransitionSubject, TicketAction>;

type Handlers = { [S in TransitionSubject]: Handler<(typeof subjectActions)[S]> };

export const transitionHandlers = {
  dispatch: { may: centre, effects: dispatchEffects },
  redispatch: { may: centre, effects: dispatchEffects },
  sign: { may: leadDepartment('handler'), effects: signEffects },
  request_return: { may: leadDepartment('handler'), effects: requestReturnEffects },
  request_supplement: { may: leadDepartment('handler'), effects: requestSupplementEffects },
  // The resident's supplement comes in through the centre, the department, or the tracking page.
  receive_supplement: { may: anyOf(centre, resident, leadDepartment('handler')), effects: receiveSupplementEffects },
  request_extension: { may: leadDepartment('handler'), effects: requestExtensionEffects },
  contribute: { may: coDepartmentHandler, effects: contributeEffects },
  reply: { may: leadDepartment('handler'), effects: replyEffects },
  approve_reply: { may: leadDepartment('reviewer'), effects: approveReplyEffects },
  reject_reply: { may: leadDepartment('reviewer'), effects: rejectReplyEffects },
  approve_extension: { may: centre, effects: approveExtensionEffects },
  reject_extension: { may: centre, effects: rejectRequestEffects },
  approve_return: { may: centre, effects: approveReturnEffects },
  reject_return: { may: centre, effects: rejectRequestEffects },
  close: { may: centre, effects: closeEffects },
  reopen: { may: anyOf(centre, resident), effects: reopenEffects },
  merge: { may: centre, effects: mergeEffects },
} satisfies Handlers;
