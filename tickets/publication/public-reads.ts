// What the public reads of published replies: the list (filters, full-text search, cursor), one
// reply, the newest few. Every read selects the publication's stored, redacted columns only,
// never the ticket's own text, its contact or its replies, so nothing unredacted can leak through
// a public page, the feed or the API. Each is one statement, for the caller to send alone or in
// a page's one batch (at most two D1 round trips a page, with the cache generation).
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, publications } from '../../db/schema';
import { subtreeOf } from '../lifecycle/visibility';
import { encodeCursor } from './public-cursor';
import type { PublicFilter } from './public-filter';
import { searchQuery } from './search-tokens';

export const publicReplyColumns = {
  id: publications.id,
  ticketNo: publications.ticketNo,
  title: publications.title,
  question: publications.question,
  reply: publications.reply,
  address: publications.address,
  category: publications.category,
  department: departments.name,
  receivedAt: publications.receivedAt,
  repliedAt: publications.repliedAt,
  workingDays: publications.workingDays,
  satisfaction: publications.satisfaction,
  resolved: publications.resolved,
};

export interface PublicReplyRow {
  id: number;
  ticketNo: string;
  title: string;
  question: string;
  reply: string;
  address: string | null;
  category: string | null;
  department: string | null;
  receivedAt: number;
  repliedAt: number;
  workingDays: number | null;
  satisfaction: string | null;
  resolved: boolean | null;
}

const published = eq(publications.status, 'published');

function selectPublished(db: Db) {
  return db
    .select(publicReplyColumns)
    .from(publications)
    .leftJoin(departments, eq(departments.code, publications.departmentCode));
}

function filterConditions(f: PublicFilter): SQL[] {
  const where: SQL[] = [published];
  if (f.department) where.push(sql`${publications.departmentCode} in ${subtreeOf(f.department)}`);
  if (f.category) where.push(eq(publications.category, f.category));
  if (f.district) where.push(eq(publications.districtCode, f.district));
  if (f.fromMs !== undefined) where.push(gte(publications.repliedAt, f.fromMs));
  if (f.toMs !== undefined) where.push(lt(publications.repliedAt, f.toMs));
  const match = f.q ? searchQuery(f.q) : null;
  // The index's rowid is the publication's id; MATCH narrows it first, the list's index orders.
  if (match)
    where.push(
      sql`${publications.id} in (select rowid from publication_search where publication_search match ${match})`,
    );
  if (f.after) where.push(sql`(${publications.repliedAt}, ${publications.id}) < (${f.after.repliedAt}, ${f.after.id})`);
  return where;
}

/** One page of the list, newest reply first; one more row than the limit says a next page exists. */
export function listPublishedStatement(db: Db, f: PublicFilter) {
  return selectPublished(db)
    .where(and(...filterConditions(f)))
    .orderBy(desc(publications.repliedAt), desc(publications.id))
    .limit(f.limit + 1);
}

export interface PublicPage {
  items: PublicReplyRow[];
  next: string | null;
}

export function toPage(rows: PublicReplyRow[], limit: number): PublicPage {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}

export async function listPublishedReplies(db: Db, f: PublicFilter): Promise<PublicPage> {
  return toPage(await listPublishedStatement(db, f), f.limit);
}

/** The published reply of one ticket, or null whether the number is unknown or not published. */
export async function findPublishedReply(db: Db, ticketNo: string): Promise<PublicReplyRow | null> {
  const [row] = await selectPublished(db)
    .where(and(published, eq(publications.ticketNo, ticketNo)))
    .limit(1);
  return row ?? null;
}

/** The newest published replies, for the feed and the portal. */
export function newestPublishedStatement(db: Db, n: number) {
  return selectPublished(db).where(published).orderBy(desc(publications.repliedAt), desc(publications.id)).limit(n);
}
