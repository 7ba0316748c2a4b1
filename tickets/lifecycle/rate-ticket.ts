// The rating of an answer (回访): whether the matter was resolved and how satisfied the resident
// is, once per answer round (`ratings.round` is the ticket's reopenCount: 0 for the first answer,
// 1 after 重办). The resident gives it on the tracking page, or the call centre records what the
// resident said on a callback call. On a reviewed ticket it closes the ticket; on a closed one it
// is recorded as it stands. A 不满意 or unresolved rating puts the ticket in the centre's
// dissatisfied queue until it is reopened (worker/routes/tickets.ts).
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { ratings, tickets } from '../../db/schema';
import { HubError } from '../hub-error';
import { publishedRatingStatements } from '../publication/rating-sync';
import { type Actor, type LifecycleEnv, residentActor, type TicketRow } from './actor';
import { isConstraintConflict, ticketChange } from './writes';

export const ratingInputSchema = z
  .object({
    resolved: z.boolean(),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
    comment: z.string().trim().max(500).optional(),
  })
  .openapi('RatingInput');

export const satisfactionLabels: Record<RatingInput['satisfaction'], string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export type RatingInput = z.output<typeof ratingInputSchema>;
export type RatingSource = (typeof ratings.$inferInsert)['source'] & string;

export async function rateTicket(
  { db }: Pick<LifecycleEnv, 'db'>,
  ticket: TicketRow,
  input: RatingInput,
  opts: { now?: number; source?: RatingSource; actor?: Actor } = {},
): Promise<TicketRow> {
  const now = opts.now ?? Date.now();
  const source = opts.source ?? 'resident';
  if (ticket.status !== 'reviewed' && ticket.status !== 'closed') {
    throw new HubError('not_ready_for_rating', '工单尚未答复，暂不能评价');
  }
  const round = ticket.reopenCount;
  const [existing] = await db
    .select({ at: ratings.at })
    .from(ratings)
    .where(and(eq(ratings.ticketId, ticket.id), eq(ratings.round, round)))
    .limit(1);
  if (existing) throw new HubError('already_rated', '该次答复已评价');
  const [event, update] = ticketChange(db, eq(tickets.id, ticket.id), {
    at: now,
    actor: opts.actor ?? residentActor,
    action: 'rate',
    to: 'closed',
    data: { ...input, round, source },
    patch: ticket.status === 'reviewed' ? { closedAt: now } : {},
    expectedVersion: ticket.version,
  });
  // The round is the table's key: of two ratings of one answer at once, the second fails whole.
  const rating = db.insert(ratings).values({
    ticketId: ticket.id,
    round,
    resolved: input.resolved,
    satisfaction: input.satisfaction,
    comment: input.comment ?? null,
    source,
    at: now,
    departmentCode: ticket.leadDepartmentCode,
  });
  try {
    // A published reply shows the rating too (政务公开): it changes in the same batch.
    const published = publishedRatingStatements(db, ticket.id, input, now);
    const [, updated] = await db.batch([event, update, rating, ...published]);
    return (updated as TicketRow[])[0]!;
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('already_rated', '该次答复已评价');
    throw err;
  }
}
