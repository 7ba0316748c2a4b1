// The published rating follows the resident's: when a rating is recorded for a ticket whose
// published reply is its latest approved answer, the publication's satisfaction and resolved
// change in the rating's own batch (tickets/lifecycle/rate-ticket.ts), and the public generation
// moves on so no cached page shows the old rating. A ticket not published, or published with an
// answer that a newer one has replaced, keeps its row (and every cache) as it is.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publications, publicCache, replies } from '../../db/schema';
import type { Statement } from '../lifecycle/actor';

export interface RatingFigures {
  resolved: boolean;
  satisfaction: string;
}

/** The row published with the ticket's current answer. */
function publishedWithCurrentAnswer(ticketId: string): SQL {
  const latest = sql`(select ${replies.id} from ${replies}
    where ${replies.ticketId} = ${ticketId} and ${replies.status} = 'approved'
    order by ${replies.createdAt} desc, ${replies.id} desc limit 1)`;
  return and(
    eq(publications.ticketId, ticketId),
    eq(publications.status, 'published'),
    eq(publications.replyId, latest),
  )!;
}

export function publishedRatingStatements(db: Db, ticketId: string, rating: RatingFigures, at: number): Statement[] {
  const which = publishedWithCurrentAnswer(ticketId);
  return [
    db
      .update(publicCache)
      .set({ generation: sql`${publicCache.generation} + 1` })
      .where(and(eq(publicCache.id, 1), sql`exists (select 1 from ${publications} where ${which})`)),
    db
      .update(publications)
      .set({ satisfaction: rating.satisfaction, resolved: rating.resolved, updatedAt: at })
      .where(which),
  ];
}
