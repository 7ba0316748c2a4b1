// 依申请公开 requests received and answered, in the shape of table 三 of the annual report
// (政府信息公开工作年度报告 「收到和处理政府信息公开申请情况」), for a year or a month. One query
// over the disclosure requests still open at the period's start or received in it: each either
// counts as newly received (一) or carried over (二), and either as answered in the period by its
// outcome (三) or carried into the next (四), so 一 + 二 = 三（七）总计 + 四 by construction.
import { and, count, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { replies, tickets } from '../../db/schema';
import { disclosureOutcomes, disclosureTicketType, findOutcome, unrecordedDisclosure } from '../disclosure-outcomes';
import type { FiguresPeriod } from './monthly-figures-period';

/** The table's columns: 申请人情况. */
export const applicantKinds = [
  { code: 'natural', label: '自然人' },
  { code: 'commercial', label: '商业企业' },
  { code: 'research', label: '科研机构' },
  { code: 'public_interest', label: '社会公益组织' },
  { code: 'legal_services', label: '法律服务机构' },
  { code: 'other_org', label: '其他' },
] as const;
export type ApplicantKind = (typeof applicantKinds)[number]['code'];

/** One row's numbers by applicant, and their 总计. */
export type ApplicantCounts = Record<ApplicantKind, number> & { total: number };

export interface DisclosureTableRow {
  /** `一、`, `（三）`, `1.` as the template numbers it. */
  number: string;
  label: string;
  depth: 0 | 1 | 2;
  /** Null for a heading row (三、办理结果 has its numbers in its sub-rows and （七）总计). */
  counts: ApplicantCounts | null;
}

export interface DisclosureTable {
  rows: DisclosureTableRow[];
  /** For tests and checks: the four headline figures. */
  received: number;
  carriedIn: number;
  answered: number;
  carriedOut: number;
}

export interface DisclosureCountRow {
  origin: 'new' | 'carried';
  outcome: string | null;
  reason: string | null;
  n: number;
}

/** An answer the reviewer approved is a reply; one waiting for review is not yet. */
const approvedStatuses = ['reviewed', 'closed'];

/**
 * 1 when the request was answered before `at`: its approved reply, or closing without one (a
 * direct answer, an invalid ticket). Read from the ticket as it is now: a reopen clears both.
 */
function answeredBefore(at: number): SQL<number> {
  return sql<number>`(case
    when ${tickets.repliedAt} < ${at} and ${inArray(tickets.status, approvedStatuses)} then 1
    when ${tickets.repliedAt} is null and ${tickets.closedAt} < ${at} then 1
    else 0 end)`;
}

/** The grouped counts the table is built from (one statement of the figures' batch). */
export function disclosureCounts(db: Db, period: FiguresPeriod) {
  // The answer counted is the ticket's current reply: replying stamps the reply and replied_at alike.
  const answered = sql`${answeredBefore(period.end)} = 1`;
  const stored = (field: 'outcome' | 'reason') => sql`json_extract(${replies.disclosure}, ${`$.${field}`})`;
  const outcome = sql<string | null>`case when ${answered}
    then coalesce(${stored('outcome')}, ${unrecordedDisclosure.outcome}) end`;
  const reason = sql<string | null>`case when ${answered}
    then case when ${replies.disclosure} is null then ${unrecordedDisclosure.reason} else ${stored('reason')} end end`;
  const origin = sql<
    'new' | 'carried'
  >`case when ${tickets.createdAt} >= ${period.start} then 'new' else 'carried' end`;
  return db
    .select({ origin, outcome, reason, n: count() })
    .from(tickets)
    .leftJoin(
      replies,
      and(eq(replies.ticketId, tickets.id), eq(replies.createdAt, tickets.repliedAt), eq(replies.status, 'approved')),
    )
    .where(
      and(
        eq(tickets.type, disclosureTicketType),
        lt(tickets.createdAt, period.end),
        isNull(tickets.mergedIntoId),
        eq(answeredBefore(period.start), 0),
      ),
    )
    .groupBy(origin, outcome, reason);
}

/**
 * The hub's applicants write as residents: nothing records a company or an organisation, so
 * every request counts under 自然人 (the page says so beside the table).
 */
function byApplicant(n: number): ApplicantCounts {
  return { natural: n, commercial: 0, research: 0, public_interest: 0, legal_services: 0, other_org: 0, total: n };
}

const wording = (period: FiguresPeriod) =>
  period.kind === 'year'
    ? { current: '本年', previous: '上年', results: '本年度', next: '下年度' }
    : { current: '本月', previous: '上月', results: '本月', next: '下月' };

/** The outcome row and reason row a count belongs to; an unknown code is 其他处理/其他. */
function placeOf(outcomeCode: string, reasonCode: string | null): { outcome: string; reason: string | null } {
  const outcome = findOutcome(outcomeCode);
  if (!outcome) return { ...unrecordedDisclosure };
  if (outcome.reasons.length === 0) return { outcome: outcome.code, reason: null };
  const reason = outcome.reasons.find((r) => r.code === reasonCode);
  return { outcome: outcome.code, reason: reason?.code ?? unrecordedDisclosure.reason };
}

export function buildDisclosureTable(counts: DisclosureCountRow[], period: FiguresPeriod): DisclosureTable {
  const w = wording(period);
  const sum = (keep: (c: DisclosureCountRow) => boolean) => counts.filter(keep).reduce((s, c) => s + c.n, 0);
  const cell = new Map<string, number>();
  for (const c of counts) {
    if (c.outcome === null) continue;
    const { outcome, reason } = placeOf(c.outcome, c.reason);
    for (const key of [outcome, `${outcome}/${reason}`]) cell.set(key, (cell.get(key) ?? 0) + c.n);
  }
  const received = sum((c) => c.origin === 'new');
  const carriedIn = sum((c) => c.origin === 'carried');
  const answered = sum((c) => c.outcome !== null);
  const carriedOut = sum((c) => c.outcome === null);
  const rows: DisclosureTableRow[] = [
    { number: '一、', label: `${w.current}新收政府信息公开申请数量`, depth: 0, counts: byApplicant(received) },
    { number: '二、', label: `${w.previous}结转政府信息公开申请数量`, depth: 0, counts: byApplicant(carriedIn) },
    { number: '三、', label: `${w.results}办理结果`, depth: 0, counts: null },
  ];
  for (const o of disclosureOutcomes) {
    rows.push({ number: o.row, label: o.label, depth: 1, counts: byApplicant(cell.get(o.code) ?? 0) });
    o.reasons.forEach((r, i) => {
      const n = cell.get(`${o.code}/${r.code}`) ?? 0;
      rows.push({ number: `${i + 1}.`, label: r.label, depth: 2, counts: byApplicant(n) });
    });
  }
  rows.push({ number: '（七）', label: '总计', depth: 1, counts: byApplicant(answered) });
  rows.push({ number: '四、', label: `结转${w.next}继续办理`, depth: 0, counts: byApplicant(carriedOut) });
  return { rows, received, carriedIn, answered, carriedOut };
}
