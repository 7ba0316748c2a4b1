// Who read a resident's contact details (DESIGN.md, Staff): one contact_reads row each time a
// staff view shows them, written in the read's own D1 batch where it can be, so a view that shows
// contact cannot succeed without its record (the batch is one transaction: if the record fails,
// the read fails with it). The table refuses UPDATE and DELETE (migration 0016's triggers).
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactReads, contacts } from '../db/schema';
import { insertSelect } from './lifecycle/sql-statements';

/**
 * What a staff view showed, a closed list: `contact` the ticket's contact (name, phone, e-mail),
 * `raw` an original message as its channel delivered it, where it names the sender (a caller's
 * number, an e-mail's From, a chat's sender, or a message shown verbatim).
 */
export const contactReadKinds = ['contact', 'raw'] as const;
export type ContactReadKind = (typeof contactReadKinds)[number];

export const contactReadLabels: Record<ContactReadKind, string> = {
  contact: '联系方式（姓名、电话、邮箱）',
  raw: '原始来件（含来件人）',
};

/** The staff member reading, and when (UTC ms). */
export interface ContactReader {
  username: string;
  at: number;
}

/** A ticket number as intake makes them: the jurisdiction's code, the day (yyyymmdd), the day's sequence. */
export const ticketNoPattern = /^[A-Z0-9]{1,12}\d{13,14}$/;

/**
 * The record of a read of the ticket's contact, for the read's batch: written only when the
 * contact has something to show (an OpenID alone is never shown, an anonymous ticket has none).
 */
export function contactShownRecord(db: Db, reader: ContactReader, ticketNo: string, contactId: string | null) {
  const shows = sql`exists (select 1 from ${contacts} where ${contacts.id} = ${contactId ?? ''}
    and coalesce(nullif(${contacts.name}, ''), nullif(${contacts.phone}, ''),
      nullif(${contacts.email}, '')) is not null)`;
  return insertSelect(
    db,
    contactReads,
    { at: reader.at, username: reader.username, ticketNo, what: 'contact' satisfies ContactReadKind },
    { where: shows },
  );
}

/** The record of a read of another kind, for a view that knows only after reading what it shows. */
export function contactReadRecord(db: Db, reader: ContactReader, ticketNo: string, what: ContactReadKind) {
  return db.insert(contactReads).values({ at: reader.at, username: reader.username, ticketNo, what });
}

export interface ContactReadItem {
  id: number;
  at: number;
  username: string;
  ticketNo: string;
  what: string;
}

export interface ContactReadQuery {
  ticketNo?: string;
  /** `next` of the previous page: `{at}_{id}` of its last row. */
  before?: string;
  limit: number;
}

export const contactReadCursor = /^\d{1,15}_\d{1,15}$/;

/** Newest first, one ticket's or all tickets', a page at a time. */
export async function listContactReads(
  db: Db,
  q: ContactReadQuery,
): Promise<{ items: ContactReadItem[]; next: string | null }> {
  const filters: SQL[] = [];
  if (q.ticketNo) filters.push(eq(contactReads.ticketNo, q.ticketNo));
  if (q.before) {
    const [at, id] = q.before.split('_').map(Number) as [number, number];
    filters.push(or(lt(contactReads.at, at), and(eq(contactReads.at, at), lt(contactReads.id, id)))!);
  }
  const rows = await db
    .select()
    .from(contactReads)
    .where(and(...filters))
    .orderBy(desc(contactReads.at), desc(contactReads.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page, next: rows.length > q.limit && last ? `${last.at}_${last.id}` : null };
}
