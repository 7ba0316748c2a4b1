// What a transition's handler is given and what it answers: the fields the change sets, the
// event's data, other rows written in the same batch, and what the resident is told.
import type { ActionInput } from '../action-inputs';
import type { DeliveryKind } from '../outbox';
import type { TicketAction } from '../transitions';
import type { WorkingTime } from '../working-calendar';
import type { Actor, LifecycleEnv, Statement, TicketRow } from './actor';
import type { TicketPatch } from './writes';

export interface ActionContext<A extends TicketAction> {
  lifecycle: LifecycleEnv;
  ticket: TicketRow;
  actor: Actor;
  input: ActionInput<A>;
  now: number;
  workingTime: WorkingTime;
}

export interface Effects {
  patch?: TicketPatch;
  data?: Record<string, unknown>;
  statements?: Statement[];
  notice?: { kind: Exclude<DeliveryKind, 'ack'>; body: string };
}

/** Whether the actor may carry the transition out on this ticket (which they can already see). */
export type Permission = (actor: Actor, ticket: TicketRow) => boolean;

export interface Handler<A extends TicketAction> {
  may: Permission;
  effects: (ctx: ActionContext<A>) => Effects | Promise<Effects>;
}

/** The action's reason, where its input has one. */
export function reasonOf(input: object): string | null {
  return 'reason' in input && typeof input.reason === 'string' ? input.reason : null;
}
