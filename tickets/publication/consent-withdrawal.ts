// The resident's 不公开 takes a published reply down in the consent's own batch
// (tickets/lifecycle/record-consent.ts): the history records the withdrawal under the row's next
// version, the full-text row goes, the row is withdrawn and the public generation moves on, so
// no page, feed or cache shows the reply once the resident has said no. A ticket with nothing
// published writes nothing but the generation guard's no-op.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publicationHistory, publications, publicCache } from '../../db/schema';
import type { Statement } from '../lifecycle/actor';
import { insertSelect } from '../lifecycle/sql-statements';
import { publicationSearch } from './decision-statements';

export const CONSENT_WITHDRAWN = '群众撤回公开意愿';

export function withdrawOnConsentStatements(db: Db, ticketId: string, at: number): Statement[] {
  const published = and(eq(publications.ticketId, ticketId), eq(publications.status, 'published'))!;
  const publishedId = db.select({ id: publications.id }).from(publications).where(published);
  return [
    db
      .update(publicCache)
      .set({ generation: sql`${publicCache.generation} + 1` })
      .where(and(eq(publicCache.id, 1), sql`exists ${publishedId}`)),
    insertSelect(
      db,
      publicationHistory,
      {
        publicationId: publications.id,
        ticketId,
        seq: sql`${publications.version} + 1`,
        at,
        actorId: null,
        action: 'withdraw',
        reason: CONSENT_WITHDRAWN,
        data: null,
      },
      { from: publications, where: published },
    ),
    db.delete(publicationSearch).where(inArray(publicationSearch.rowid, publishedId)),
    db
      .update(publications)
      .set({
        status: 'withdrawn',
        reason: CONSENT_WITHDRAWN,
        reviewedBy: null,
        reviewedAt: at,
        updatedAt: at,
        version: sql`${publications.version} + 1`,
      })
      .where(published),
  ];
}
