// The resident's rating (回访): answers whether the matter was resolved and how satisfied they
// are. On a reviewed ticket it closes the ticket; on a closed one it is recorded as it stands.
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { ratings, tickets } from '../../db/schema';
import { HubError } from '../hub-error';
import { type LifecycleEnv, residentActor, type TicketRow } from './actor';
import { isConstraintConflict, ticketChange } from './writes';

export const ratingInputSchema = z
  .object({
    resolved: z.boolean(),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
    comment: z.string().trim().max(500).optional(),
  })
  .openapi('RatingInput');

export async function rateTicket(
  { db }: Pick<LifecycleEnv, 'db'>,
  ticket: TicketRow,
  input: z.output<typeof ratingInputSchema>,
  opts: { now?: number } = {},
): Promise<TicketRow> {
  const now = opts.now ?? Date.now();
  if (ticket.status !== 'reviewed' && ticket.status !== 'closed') {
    throw new HubError('not_ready_for_rating', '工单尚未答复，暂不能评价');
  }
  const [existing] = await db.select().from(ratings).where(eq(ratings.ticketId, ticket.id)).limit(1);
  if (existing) throw new HubError('already_rated', '该工单已评价');
  const [event, update] = ticketChange(db, eq(tickets.id, ticket.id), {
    at: now,
    actor: residentActor,
    action: 'rate',
    to: 'closed',
    data: { ...input },
    patch: ticket.status === 'reviewed' ? { closedAt: now } : {},
    expectedVersion: ticket.version,
  });
  const rating = db.insert(ratings).values({
    ticketId: ticket.id,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    comment: input.comment ?? null,
    at: now,
  });
  try {
    const [, updated] = await db.batch([event, update, rating]);
    return (updated as TicketRow[])[0]!;
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('already_rated', '该工单已评价');
    throw err;
  }
}
