// FIXTURE: publications as the reviewers' side leaves them, written straight into D1, for tests of
// what the public reads (paging through 130 replies, filters, search) where taking each ticket
// through the lifecycle and the reviewer would cost minutes and prove nothing more: a
// publications row with texts that look redacted, its full-text row (rowid = publications.id,
// searchTokens of each text) and the generation bump, in one batch as publishing does. The index
// row is written whatever the status, so the tests prove that the reads, not the index, keep
// unpublished replies out. The real path end to end is tests/publish-steps.ts, which the crawl
// (tests/public-crawl.test.ts), the portal and the consent withdrawal tests use.
import { env } from 'cloudflare:test';
import { searchTokens } from '../tickets/publication/search-tokens';

export type PublicationStatus = 'pending' | 'published' | 'declined' | 'withdrawn';

export interface PublicationFixture {
  ticketNo: string;
  /** The ticket's id; defaults to a made-up one (publications has no foreign key). */
  ticketId?: string;
  status?: PublicationStatus;
  type?: string;
  category?: string | null;
  departmentCode?: string | null;
  districtCode?: string | null;
  title: string;
  question: string;
  reply: string;
  address?: string | null;
  receivedAt: number;
  repliedAt: number;
  workingDays?: number | null;
  satisfaction?: string | null;
  resolved?: boolean | null;
}

const bumpGeneration = () => env.DB.prepare('UPDATE public_cache SET generation = generation + 1 WHERE id = 1');

function insertStatements(p: PublicationFixture) {
  const ticketId = p.ticketId ?? `fixture-${p.ticketNo}`;
  const now = Date.now();
  return [
    env.DB.prepare(
      `INSERT INTO publications (ticket_id, ticket_no, status, type, category, department_code, district_code,
         title, question, reply, address, received_at, replied_at, working_days, satisfaction, resolved,
         published_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)`,
    ).bind(
      ticketId,
      p.ticketNo,
      p.status ?? 'published',
      p.type ?? '投诉',
      p.category ?? null,
      p.departmentCode ?? null,
      p.districtCode ?? null,
      p.title,
      p.question,
      p.reply,
      p.address ?? null,
      p.receivedAt,
      p.repliedAt,
      p.workingDays ?? null,
      p.satisfaction ?? null,
      p.resolved === undefined || p.resolved === null ? null : p.resolved ? 1 : 0,
      (p.status ?? 'published') === 'published' ? now : null,
      now,
    ),
    env.DB.prepare(
      `INSERT INTO publication_search (rowid, title, question, reply)
       VALUES ((SELECT id FROM publications WHERE ticket_id = ?1), ?2, ?3, ?4)`,
    ).bind(ticketId, searchTokens(p.title), searchTokens(p.question), searchTokens(p.reply)),
  ];
}

/** Inserts the publications (in batches D1 takes comfortably) and retires every cached public page. */
export async function insertPublications(rows: PublicationFixture[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 40) {
    await env.DB.batch([...rows.slice(i, i + 40).flatMap(insertStatements), bumpGeneration()]);
  }
}

/** A reviewer's withdrawal as the reviewers' side does it: the status and the generation, together. */
export async function setPublicationStatus(ticketNo: string, status: PublicationStatus): Promise<void> {
  await env.DB.batch([
    env.DB.prepare('UPDATE publications SET status = ?1, updated_at = ?2 WHERE ticket_no = ?3').bind(
      status,
      Date.now(),
      ticketNo,
    ),
    bumpGeneration(),
  ]);
}
