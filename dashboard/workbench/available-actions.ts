// Which actions the signed-in person may take on a ticket now, by the lifecycle's own two rules:
// the state machine (planTransition) and the transition handler's `may`. The page offers exactly
// what the API would accept, so no button leads to a refusal. Actions the state machine gains
// later (协办 `contribute`) appear here as soon as `ticketActions` lists them.
import type { Actor, TicketRow } from '../../tickets/lifecycle/actor';
import { snapshotOf } from '../../tickets/lifecycle/apply-action';
import type { Permission } from '../../tickets/lifecycle/handler-types';
import { transitionHandlers } from '../../tickets/lifecycle/handlers';
import {
  IllegalTransition,
  planTransition,
  type TicketAction,
  type TransitionSubject,
  ticketActions,
} from '../../tickets/transitions';

export interface AvailableAction {
  action: TicketAction;
  subject: TransitionSubject;
}

export function availableActions(ticket: TicketRow, actor: Actor): AvailableAction[] {
  const snapshot = snapshotOf(ticket);
  const out: AvailableAction[] = [];
  for (const action of ticketActions) {
    try {
      const plan = planTransition(snapshot, action);
      const handler = (transitionHandlers as Record<string, { may: Permission } | undefined>)[plan.subject];
      if (handler?.may(actor, ticket)) out.push({ action, subject: plan.subject });
    } catch (err) {
      if (!(err instanceof IllegalTransition)) throw err;
    }
  }
  return out;
}
