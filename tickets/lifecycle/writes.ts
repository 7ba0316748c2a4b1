// The rules by which ticket state is written, each stated once. Every change of a ticket is an
// event numbered with the ticket's new version (unique per ticket, so of two concurrent changes
// only one lands) and the ticket's update to that version; text added to a ticket is appended
// on a new line. Intake, the actions and the rating all write through these.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ticketEvents, tickets } from '../../db/schema';
import type { TicketStatus } from '../transitions';
import type { Actor, Statement, TicketRow } from './actor';
import { insertSelect, type Query } from './sql-statements';

/** A write both a drizzle batch and a raw D1 batch (intake's) can carry. */
export type TicketWrite = Statement & Query;

/** New values of a ticket's fields, or SQL expressions of its current ones. */
export type TicketPatch = { [K in keyof TicketRow]?: TicketRow[K] | SQL };

export interface TicketChange {
  at: number;
  actor: Actor;
  action: string;
  /** The status after the change; the ticket keeps its own when absent. */
  to?: TicketStatus;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  patch?: TicketPatch;
  /**
   * The version the change was planned on. A change that landed since has taken the event's
   * number, so the batch fails as a whole (the caller answers 409). Without it the change applies
   * to whatever version the batch finds (SQL decided which ticket, in the same transaction).
   */
  expectedVersion?: number;
}

/** The change's event and the ticket's update, for the ticket matched by `which`. */
export function ticketChange(db: Db, which: SQL, change: TicketChange): [TicketWrite, TicketWrite] {
  const expected = change.expectedVersion;
  const event = insertSelect(
    db,
    ticketEvents,
    {
      ticketId: tickets.id,
      seq: expected === undefined ? sql`${tickets.version} + 1` : expected + 1,
      at: change.at,
      actorId: change.actor.id,
      actorRole: change.actor.role,
      action: change.action,
      fromStatus: tickets.status,
      toStatus: change.to ?? tickets.status,
      reason: change.reason ?? null,
      data: change.data ?? null,
    },
    { from: tickets, where: which },
  );
  const update = db
    .update(tickets)
    .set({
      ...change.patch,
      ...(change.to ? { status: change.to } : {}),
      updatedAt: change.at,
      version: sql`${tickets.version} + 1`,
    })
    .where(expected === undefined ? which : and(which, eq(tickets.version, expected)))
    .returning();
  return [event, update];
}

/** The ticket's text with `addition` on a new line. */
export function appendedText(addition: string): SQL {
  return sql`${tickets.text} || char(10) || ${addition}`;
}

/**
 * Words added to an open ticket (a conversation's later message, a merged duplicate's text),
 * recorded with an `append` event; the ticket keeps its status.
 */
export function appendToTicket(
  db: Db,
  which: SQL,
  append: Pick<TicketChange, 'at' | 'actor' | 'expectedVersion'> & { text: string; data: Record<string, unknown> },
): [TicketWrite, TicketWrite] {
  const { text, ...change } = append;
  return ticketChange(db, which, { ...change, action: 'append', patch: { text: appendedText(text) } });
}

export function isConstraintConflict(err: unknown): boolean {
  const text = String(err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : err);
  return /UNIQUE constraint failed/i.test(text);
}
