// An action on a ticket, in the order DESIGN.md gives. The body is checked first (422), which
// says nothing of any ticket; then the ticket is loaded only if the actor may see it (404
// otherwise, whatever its state), the state machine says whether the action is possible now
// (409), and the transition's handler whether this actor may make it (403). Only then are the
// handler's effects worked out; the change, its event and every other row go out in one D1
// batch, which fails whole if another change landed first.
import { eq } from 'drizzle-orm';
import { contacts, tickets } from '../../db/schema';
import { type ActionInput, actionInputSchemas } from '../action-inputs';
import { HubError, validationError } from '../hub-error';
import { newId } from '../ids';
import { announceDeliveries, deliveryTargetFor, outboxInsert } from '../outbox';
import {
  actionLabels,
  IllegalTransition,
  planTransition,
  statusLabels,
  type TicketAction,
  type TicketSnapshot,
  type TicketStatus,
  type Transition,
  type TransitionSubject,
} from '../transitions';
import { loadWorkingTime } from '../working-calendar';
import type { Actor, LifecycleEnv, Statement, TicketRow } from './actor';
import { withLight } from './deadline-light';
import type { ActionContext, Effects, Handler } from './handler-types';
import { reasonOf } from './handler-types';
import { transitionHandlers } from './handlers';
import { loadVisibleTicket } from './visibility';
import { isConstraintConflict, ticketChange } from './writes';

export interface ActionResult {
  ticket: TicketRow;
  subject: TransitionSubject;
}

export function parseActionInput<A extends TicketAction>(action: A, raw: unknown): ActionInput<A> {
  const result = actionInputSchemas[action].safeParse(raw ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data as ActionInput<A>;
}

/** What the state machine reads of a stored ticket (the workbench asks it the same way). */
export function snapshotOf(ticket: TicketRow): TicketSnapshot {
  return {
    status: ticket.status as TicketStatus,
    pendingRequest: ticket.pendingRequest ?? null,
    supplementRequested: ticket.supplementRequested,
    reopenCount: ticket.reopenCount,
  };
}

function planFor(ticket: TicketRow, action: TicketAction): Transition {
  try {
    return planTransition(snapshotOf(ticket), action);
  } catch (err) {
    if (!(err instanceof IllegalTransition)) throw err;
    const state = statusLabels[ticket.status as TicketStatus] ?? ticket.status;
    throw new HubError(
      'illegal_transition',
      `工单当前状态为「${state}」，不能执行「${actionLabels[action]}」：${err.why}`,
      [{ path: 'action', message: err.why }],
    );
  }
}

/** The resident's message about the change, as an outbox row, when they can be reached. */
async function noticeRow(ctx: ActionContext<TicketAction>, notice: NonNullable<Effects['notice']>) {
  const { db } = ctx.lifecycle;
  const { ticket } = ctx;
  const [contact] = ticket.contactId ? await db.select().from(contacts).where(eq(contacts.id, ticket.contactId)) : [];
  const target = deliveryTargetFor(ticket.channel, contact);
  if (!target) return null;
  const row = outboxInsert(db, {
    id: newId(),
    ticketId: ticket.id,
    target,
    kind: notice.kind,
    body: notice.body,
    now: ctx.now,
    subject: `工单 ${ticket.ticketNo}`,
  });
  return { channel: target.channel, row };
}

async function writeChange(
  ctx: ActionContext<TicketAction>,
  action: TicketAction,
  plan: Transition,
  effects: Effects,
  extra: Statement[],
): Promise<TicketRow> {
  const { db } = ctx.lifecycle;
  const light = withLight(db, ctx.ticket, plan.to, ctx.now, effects.patch);
  const [event, update] = ticketChange(db, eq(tickets.id, ctx.ticket.id), {
    at: ctx.now,
    actor: ctx.actor,
    action,
    to: plan.to,
    reason: reasonOf(ctx.input),
    data: { subject: plan.subject, ...effects.data },
    patch: light.patch,
    expectedVersion: ctx.ticket.version,
  });
  try {
    const [, updated] = await db.batch([event, update, ...light.statements, ...extra]);
    return (updated as TicketRow[])[0]!;
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('concurrent_change', '工单已被他人更新，请刷新后重试');
    throw err;
  }
}

export async function applyAction(
  lifecycle: LifecycleEnv,
  ticketNo: string,
  action: TicketAction,
  actor: Actor,
  rawInput: unknown,
  /** notify: false for replays of history (import): the resident heard about it years ago. */
  opts: { now?: number; notify?: boolean } = {},
): Promise<ActionResult> {
  const now = opts.now ?? Date.now();
  const input = parseActionInput(action, rawInput);
  const [ticket, workingTime] = await Promise.all([
    loadVisibleTicket(lifecycle.db, ticketNo, actor),
    loadWorkingTime(lifecycle.db, now),
  ]);
  const plan = planFor(ticket, action);
  // Each subject's handler takes its own action's input; the plan came from that action.
  const handler = transitionHandlers[plan.subject] as Handler<TicketAction>;
  if (!handler.may(actor, ticket)) throw new HubError('forbidden', '当前账号无权对该工单执行此操作');
  const ctx: ActionContext<TicketAction> = {
    lifecycle,
    ticket,
    actor,
    input,
    now,
    workingTime,
  };
  const effects = await handler.effects(ctx);
  const notice = effects.notice && opts.notify !== false ? await noticeRow(ctx, effects.notice) : null;
  const extra = [...(effects.statements ?? []), ...(notice ? [notice.row] : [])];
  const updated = await writeChange(ctx, action, plan, effects, extra);
  await announceDeliveries(lifecycle.env, notice ? [notice.channel] : []);
  return { ticket: updated, subject: plan.subject };
}
