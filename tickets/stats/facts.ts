// The leaders' figures as facts about one ticket (DESIGN.md "Metrics"), written once, as data.
// Each fact says on which local day a ticket counts (the day of one of its times), when it
// counts, and what it adds to that day's row of its lead department. The same facts become:
// - the triggers that keep the rollups (db/migrations/0014_stats-rollups.sql, rendered by
//   tickets/stats/rollup-sql.ts): a ticket's old facts are taken away and its new ones added in
//   the very statement that changes it, so the figures are never behind the lifecycle;
// - the drill-down (tickets/stats/drill-down.ts): the tickets behind a figure are those whose
//   fact holds with its day in the period;
// - the plain GROUP BY over tickets the benchmark compares the rollups with.
// Conditions are SQL over one row, written for a row name (`old`, `new`, `t` or `tickets`).

/** The columns of `stats_daily` a fact can add to (db/schema.ts describes each). */
export const dailyColumns = [
  'received',
  'dispatched',
  'response_known',
  'responded',
  'signed',
  'sign_timed',
  'sign_minutes',
  'replied',
  'replied_on_time',
  'reply_timed',
  'reply_minutes',
  'closed',
  'overdue',
  'overdue_open',
  'rated',
  'resolved',
  'satisfied',
] as const;
export type DailyColumn = (typeof dailyColumns)[number];

/** A row's SQL name: `old`, `new`, or a table alias. */
export type Row = string;

export interface TicketFact {
  name: string;
  /** The time column whose Asia/Shanghai day the fact counts on. */
  on: 'created_at' | 'dispatched_at' | 'signed_at' | 'replied_at' | 'closed_at' | 'deadline_at';
  /** When the ticket counts at all. */
  when: (r: Row) => string;
  /** What it adds to the day's row, column by column (SQL, 0 or 1 for counts). */
  adds: Partial<Record<DailyColumn, (r: Row) => string>>;
}

/** A duplicate merged into another ticket counts with that one only. */
const live = (r: Row) => `${r}.merged_into_id is null`;

/** The department's answer counts once the reviewer approved it (a reply waiting for review does not). */
export const approvedReply = (r: Row) => `${r}.replied_at is not null and ${r}.status in ('reviewed', 'closed')`;

const one = () => '1';
const flag = (condition: (r: Row) => string) => (r: Row) => `(case when ${condition(r)} then 1 else 0 end)`;
const known = (column: string) => (r: Row) => `(${r}.${column} is not null)`;
const minutes = (column: string) => (r: Row) => `coalesce(${r}.${column}, 0)`;

export const ticketFacts: readonly TicketFact[] = [
  { name: 'received', on: 'created_at', when: live, adds: { received: one } },
  {
    name: 'dispatched',
    on: 'dispatched_at',
    when: (r) => `${live(r)} and ${r}.dispatched_at is not null`,
    // 响应: signed for within the window, counted on the day it was dispatched. Imported history
    // has no sign-for time: such a ticket is judged neither way (response_known 0).
    adds: {
      dispatched: one,
      response_known: flag((r) => `${r}.signed_at is null or ${r}.signed_in_time is not null`),
      responded: flag((r) => `${r}.signed_at is not null and ${r}.signed_in_time = 1`),
    },
  },
  {
    name: 'signed',
    on: 'signed_at',
    when: (r) => `${live(r)} and ${r}.signed_at is not null`,
    adds: { signed: one, sign_timed: known('sign_minutes'), sign_minutes: minutes('sign_minutes') },
  },
  {
    name: 'replied',
    on: 'replied_at',
    when: (r) => `${live(r)} and ${approvedReply(r)}`,
    adds: {
      replied: one,
      // By the deadline as it stands, so approved extensions count; no deadline, no lateness.
      replied_on_time: flag((r) => `${r}.deadline_at is null or ${r}.replied_at <= ${r}.deadline_at`),
      reply_timed: known('reply_minutes'),
      reply_minutes: minutes('reply_minutes'),
    },
  },
  { name: 'closed', on: 'closed_at', when: (r) => `${live(r)} and ${r}.closed_at is not null`, adds: { closed: one } },
  {
    // 超期: the deadline fell on this day and was missed, by a late answer or by none (the cron's red light).
    name: 'overdue',
    on: 'deadline_at',
    when: (r) =>
      `${live(r)} and ${r}.deadline_at is not null and ` +
      `((${approvedReply(r)} and ${r}.replied_at > ${r}.deadline_at) or ${r}.light = 'red')`,
    adds: { overdue: one, overdue_open: flag((r) => `${r}.light = 'red'`) },
  },
];

/** A rating (回访) counts on its own day for the department whose answer it rates. */
export const ratingFact = {
  adds: {
    rated: one,
    resolved: flag((r) => `${r}.resolved = 1`),
    satisfied: flag((r) => `${r}.satisfaction in ('satisfied', 'basically_satisfied')`),
  },
} satisfies Pick<TicketFact, 'adds'>;

/** The breakdowns (`stats_volume`): received and replied by one of the ticket's attributes. */
export const volumeDimensions = ['channel', 'type', 'category', 'district'] as const;
export type VolumeDimension = (typeof volumeDimensions)[number];

/** The ticket column each breakdown reads. */
export const dimensionColumns: Record<VolumeDimension, string> = {
  channel: 'channel',
  type: 'type',
  category: 'category',
  district: 'district_code',
};

export const volumeFacts = ticketFacts.filter((f) => f.name === 'received' || f.name === 'replied');

/** Every ticket column a fact reads: a change to any other leaves the figures as they are. */
export const factColumns = [
  'created_at',
  'lead_department_code',
  'merged_into_id',
  'dispatched_at',
  'signed_at',
  'signed_in_time',
  'sign_minutes',
  'replied_at',
  'reply_minutes',
  'status',
  'closed_at',
  'deadline_at',
  'light',
  ...Object.values(dimensionColumns),
] as const;

/** Local day numbers (days since 1970-01-01 in Asia/Shanghai, UTC+8 all year), in SQL. */
export const localDaySql = (column: string) => `((${column} + 28800000) / 86400000)`;
