// The D1 schema, in drizzle. `npm run db:generate` turns changes here into a migration in
// db/migrations, the folder wrangler applies (`migrations_dir`) and the tests apply.
// Times are UTC epoch milliseconds; JSON columns hold small documents read whole.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** Responsible bodies, as a tree: the city, its districts and streets, and functional departments. */
export const departments = sqliteTable(
  'departments',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['city', 'district', 'street', 'functional', 'utility', 'centre'] }).notNull(),
    /** The gazetteer place a territorial department governs (districts and streets). */
    placeCode: text('place_code'),
    phone: text('phone'),
    email: text('email'),
    contactName: text('contact_name'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /**
     * `setup`: the seed or an admin. `import`: made by a history import from a name the city did
     * not have (channels/import/departments.ts), waiting for an admin to rename or merge it.
     */
    origin: text('origin', { enum: ['setup', 'import'] })
      .notNull()
      .default('setup'),
  },
  (t) => [index('departments_parent').on(t.parentCode)],
);

export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'dispatcher', 'supervisor', 'leader', 'handler', 'reviewer'] }).notNull(),
  departmentCode: text('department_code').notNull(),
  passwordHash: text('password_hash').notNull(),
  phone: text('phone'),
  email: text('email'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull().default(now),
});

/**
 * Staff sessions of record: the session JWT names one row, checked on every request. Sign-out
 * ends its own row; a password reset or a disabled account ends every row of the account.
 */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId, t.expiresAt)],
);

/** One resident across channels: a matching phone, e-mail or OpenID is the same contact. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    name: text('name'),
    phone: text('phone'),
    email: text('email'),
    openId: text('open_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('contacts_phone').on(t.phone),
    index('contacts_email').on(t.email),
    index('contacts_open_id').on(t.openId),
  ],
);

/** Every inbound message, verbatim, stored before anything else happens to it. */
export const inbox = sqliteTable(
  'inbox',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    receivedAt: integer('received_at').notNull(),
    storedAt: integer('stored_at').notNull(),
    raw: text('raw').notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed'] })
      .notNull()
      .default('received'),
    error: text('error'),
    ticketId: text('ticket_id'),
  },
  (t) => [uniqueIndex('inbox_channel_external').on(t.channel, t.externalId), index('inbox_status').on(t.status)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    ticketNo: text('ticket_no').notNull().unique(),
    queryCode: text('query_code').notNull(),
    channel: text('channel').notNull(),
    title: text('title'),
    text: text('text').notNull(),
    type: text('type').notNull(),
    urgency: text('urgency', { enum: ['normal', 'urgent'] })
      .notNull()
      .default('normal'),
    lifeDanger: integer('life_danger', { mode: 'boolean' }).notNull().default(false),
    category: text('category'),
    status: text('status').notNull(),
    leadDepartmentCode: text('lead_department_code'),
    coDepartmentCodes: text('co_department_codes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    locationAddress: text('location_address'),
    lat: real('lat'),
    lng: real('lng'),
    placeCode: text('place_code'),
    /** The gazetteer district the place lies in (the dashboard's breakdown by district). */
    districtCode: text('district_code'),
    contactId: text('contact_id'),
    consentToPublish: integer('consent_to_publish', { mode: 'boolean' }).notNull().default(false),
    receivedAt: integer('received_at').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    dispatchedAt: integer('dispatched_at'),
    signedAt: integer('signed_at'),
    /** Working minutes (clock minutes on a round-the-clock ticket) from dispatch to signing for it. */
    signMinutes: integer('sign_minutes'),
    /** Signed for within the sign-for window in force then (the response rate, 响应率). */
    signedInTime: integer('signed_in_time', { mode: 'boolean' }),
    repliedAt: integer('replied_at'),
    /** Working minutes (clock minutes on a round-the-clock ticket) from dispatch to the reply. */
    replyMinutes: integer('reply_minutes'),
    closedAt: integer('closed_at'),
    /** Absent until dispatch: the department's clock starts when the ticket reaches it. */
    deadlineAt: integer('deadline_at'),
    /** Office hours (working) or round the clock (urgent tickets), fixed at dispatch. */
    clockKind: text('clock_kind', { enum: ['working', 'clock'] }),
    /** Set while the clock is stopped (awaiting the resident's supplement). */
    clockPausedAt: integer('clock_paused_at'),
    /** Working minutes left on the clock when it was stopped. */
    pausedRemainingMinutes: integer('paused_remaining_minutes'),
    supplementRequested: integer('supplement_requested', { mode: 'boolean' }).notNull().default(false),
    /** An extension or return waiting for the 12345 centre's decision. */
    pendingRequest: text('pending_request', { mode: 'json' }).$type<PendingRequest | null>(),
    extensionCount: integer('extension_count').notNull().default(0),
    /** 督办 light: green, yellow at 80 % of the working time allowed, red when overdue; null once answered. */
    light: text('light', { enum: ['green', 'yellow', 'red'] }),
    /** When the light turns yellow (80 % of the working time used); moves with the deadline. */
    yellowAt: integer('yellow_at'),
    /** 重办: how many times the centre reopened the ticket (at most once). */
    reopenCount: integer('reopen_count').notNull().default(0),
    mergedIntoId: text('merged_into_id'),
    directAnswer: text('direct_answer'),
    /** Routing's explanation: candidates, rules, keywords, place (JSON). */
    routing: text('routing', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    signature: text('signature'),
    /** Bumped by every lifecycle change; the event sequence number equals it. */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('tickets_lead_department').on(t.leadDepartmentCode, t.status),
    // The follow-up's candidates: a resident's recent tickets (a place's come from ticket_bands).
    index('tickets_contact').on(t.contactId, t.receivedAt),
    // Also serves every lookup by status alone.
    index('tickets_deadline').on(t.status, t.deadlineAt),
    // The tickets received in a period (the drill-down of `received`).
    index('tickets_created').on(t.createdAt),
    // The cron's escalation finds only tickets whose light is due to change.
    index('tickets_light_yellow').on(t.light, t.yellowAt),
    index('tickets_light_red').on(t.light, t.deadlineAt),
    // The 依申请公开 requests open at a period's start or received in it (the public figures'
    // disclosure table, tickets/publication/disclosure-table.ts): a small share of all tickets.
    index('tickets_type_created').on(t.type, t.createdAt),
  ],
);

export type PendingRequest =
  | { kind: 'extension'; workingDays: number; reason: string; requestedBy: string; at: number }
  | { kind: 'return'; reason: string; requestedBy: string; at: number };

/** The ticket's history. Append-only: triggers in the migration refuse UPDATE and DELETE. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: text('ticket_id').notNull(),
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  },
  // One event per ticket version: two concurrent changes of one ticket cannot both land.
  (t) => [uniqueIndex('ticket_events_ticket_seq').on(t.ticketId, t.seq), index('ticket_events_at').on(t.at)],
);

/** Per-day ticket number sequence (Asia/Shanghai days), allocated with one atomic upsert. */
export const ticketCounters = sqliteTable('ticket_counters', {
  day: text('day').primaryKey(),
  seq: integer('seq').notNull(),
});

export const replies = sqliteTable(
  'replies',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    departmentCode: text('department_code').notNull(),
    authorId: text('author_id'),
    text: text('text').notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'rejected'] })
      .notNull()
      .default('submitted'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    createdAt: integer('created_at').notNull(),
    /**
     * 依申请公开: the outcome of a disclosure request as the regulation lists them (政府信息公开条例
     * 2019; the annual report's table), recorded with the department's reply. Null for other types.
     */
    disclosure: text('disclosure', { mode: 'json' }).$type<DisclosureRecord | null>(),
  },
  (t) => [index('replies_ticket').on(t.ticketId)],
);

/** A disclosure request's outcome: the annual report's row (e.g. `withheld`) and its reason row. */
export interface DisclosureRecord {
  outcome: string;
  reason?: string;
  note?: string;
}

/** The resident's callback answer: resolved or not, and how satisfied. */
/** The resident's rating of one answer round (回访): round 0 the first answer, 1 after a reopen. */
export const ratings = sqliteTable(
  'ratings',
  {
    ticketId: text('ticket_id').notNull(),
    round: integer('round').notNull().default(0),
    resolved: integer('resolved', { mode: 'boolean' }).notNull(),
    satisfaction: text('satisfaction', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }).notNull(),
    comment: text('comment'),
    /** Who recorded it: the resident (tracking page, WeChat) or the call centre's callback. */
    source: text('source', { enum: ['resident', 'callback'] })
      .notNull()
      .default('resident'),
    at: integer('at').notNull(),
    /** The department whose answer is rated (the ticket's lead then): the rating counts for it. */
    departmentCode: text('department_code'),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.round] })],
);

/** 协办: a co-handling department's part of the answer. */
export const contributions = sqliteTable(
  'contributions',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    departmentCode: text('department_code').notNull(),
    authorId: text('author_id'),
    text: text('text').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('contributions_ticket').on(t.ticketId)],
);

/** 督办: opened when a ticket turns red, with who was told and when. */
export const supervisions = sqliteTable(
  'supervisions',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    departmentCode: text('department_code'),
    openedAt: integer('opened_at').notNull(),
    /** The deadline that was missed: one record per missed deadline. */
    deadlineAt: integer('deadline_at').notNull(),
    told: text('told', { mode: 'json' }).$type<Array<{ who: string; at: number }>>().notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [uniqueIndex('supervisions_ticket_deadline').on(t.ticketId, t.deadlineAt)],
);

/** Answers a department may start from for a category's consultations (admins keep them). */
export const cannedReplies = sqliteTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    category: text('category'),
    title: text('title').notNull(),
    text: text('text').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('canned_replies_category').on(t.category)],
);

/** Exceptions to the Monday–Friday week: public holidays and 调休 working weekends. */
export const calendarDays = sqliteTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
  source: text('source', { enum: ['official', 'statutory', 'admin'] }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    type: text('type').notNull(),
    urgency: text('urgency').notNull(),
    unit: text('unit', { enum: ['working_days', 'hours'] }).notNull(),
    amount: integer('amount').notNull(),
    maxExtensionWorkingDays: integer('max_extension_working_days').notNull().default(0),
    maxExtensions: integer('max_extensions').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.type, t.urgency] })],
);

/**
 * Messages to residents waiting for delivery: the outbox is the queue of record. A delivery run
 * claims the rows due (`nextAttemptAt` not in the future) by moving their time on by a lease, so
 * concurrent runs never take the same row and a run that dies leaves its rows due again later.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id'),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    kind: text('kind', { enum: ['ack', 'supplement_request', 'reply', 'notice'] }).notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** Epoch ms when the row may next be tried; 0 (the default) is due at once. */
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
  },
  (t) => [
    index('outbox_status').on(t.channel, t.status, t.createdAt),
    index('outbox_ticket').on(t.ticketId),
    index('outbox_due').on(t.status, t.nextAttemptAt),
  ],
);

/** Fixed-window counters for per-address limits (mailbox form, tracking). */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Single-use values that must never be accepted twice: a signed request's nonce or signature
 * (replay of a seen WeChat URL or partner webhook), the mailbox form's server-issued nonce. Kept
 * until `expires_at`, past which the request carrying it is refused for its age anyway.
 */
export const replayGuards = sqliteTable(
  'replay_guards',
  {
    scope: text('scope').notNull(),
    value: text('value').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.value] }), index('replay_guards_expires').on(t.expiresAt)],
);

/**
 * Every staff read of a resident's contact details (who, when, which ticket, what was shown):
 * append-only like the ticket events (triggers in migration 0016), listed for admins.
 */
export const contactReads = sqliteTable(
  'contact_reads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    username: text('username').notNull(),
    ticketNo: text('ticket_no').notNull(),
    what: text('what').notNull(),
  },
  (t) => [index('contact_reads_ticket').on(t.ticketNo, t.at), index('contact_reads_at').on(t.at)],
);

/** Short-lived credentials fetched from partner APIs (WeChat access tokens). */
export const channelTokens = sqliteTable('channel_tokens', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** Admin-editable settings (routing threshold, metric weights), JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Districts, streets and communities of the city, for extraction and territorial routing. */
export const gazetteerPlaces = sqliteTable(
  'gazetteer_places',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['district', 'street', 'community'] }).notNull(),
    parentCode: text('parent_code'),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('gazetteer_parent').on(t.parentCode)],
);

export const routingRules = sqliteTable('routing_rules', {
  id: text('id').primaryKey(),
  /** Keywords (a JSON array, any one matches) or the source of a regular expression (a JSON string). */
  pattern: text('pattern', { mode: 'json' }).$type<string[] | string>().notNull(),
  action: text('action', { enum: ['force', 'boost'] }).notNull(),
  departmentCode: text('department_code'),
  category: text('category'),
  weight: real('weight').notNull().default(1),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at').notNull(),
});

/** A dispatcher's re-dispatch, kept as a labelled example for retraining. */
export const routingCorrections = sqliteTable('routing_corrections', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  text: text('text').notNull(),
  title: text('title'),
  predictedCategory: text('predicted_category'),
  category: text('category'),
  fromDepartmentCode: text('from_department_code'),
  toDepartmentCode: text('to_department_code').notNull(),
  actorId: text('actor_id'),
  at: integer('at').notNull(),
});

/**
 * LSH band keys of placed tickets' MinHash signatures (routing/similarity.ts), prefixed with the
 * place: `<placeCode>|<band>`. A new ticket finds the tickets like it at its place by equality on
 * its own 32 keys, so hot-spot candidates stay a handful however many tickets a district gets.
 */
export const ticketBands = sqliteTable(
  'ticket_bands',
  {
    band: text('band').notNull(),
    ticketId: text('ticket_id').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  // Keys older than the hot-spot window are pruned by the cron (tickets/follow-up.ts), so a key holds
  // a fortnight of tickets at most.
  (t) => [primaryKey({ columns: [t.band, t.ticketId] }), index('ticket_bands_received').on(t.receivedAt)],
);

/** Hot spots (热点): many residents writing about the same matter in one place. */
export const hotspots = sqliteTable('hotspots', {
  id: text('id').primaryKey(),
  placeCode: text('place_code'),
  category: text('category'),
  title: text('title').notNull(),
  size: integer('size').notNull(),
  firstAt: integer('first_at').notNull(),
  lastAt: integer('last_at').notNull(),
});

export const hotspotTickets = sqliteTable(
  'hotspot_tickets',
  {
    hotspotId: text('hotspot_id').notNull(),
    ticketId: text('ticket_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hotspotId, t.ticketId] }), index('hotspot_tickets_ticket').on(t.ticketId)],
);

/**
 * 政务公开: one row per ticket offered for publication. `pending` waits for the department's
 * reviewer (保密审查); `published` is on the public pages; `declined` was judged unfit;
 * `withdrawn` was taken down after publication. The texts are stored redacted: public pages, the
 * feed, the public API and Open311 read only these columns, never the ticket's own.
 */
export const publications = sqliteTable(
  'publications',
  {
    /** The rowid of the full-text index (publication_search) row of this publication. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: text('ticket_id').notNull().unique(),
    ticketNo: text('ticket_no').notNull().unique(),
    status: text('status', { enum: ['pending', 'published', 'declined', 'withdrawn'] }).notNull(),
    /** `live`, or `import` (history brought online by npm run import). */
    source: text('source', { enum: ['live', 'import'] })
      .notNull()
      .default('live'),
    /** The approved reply that is published. */
    replyId: text('reply_id'),
    type: text('type').notNull(),
    category: text('category'),
    departmentCode: text('department_code'),
    /** The gazetteer district the ticket's place lies in, for the district filter. */
    districtCode: text('district_code'),
    title: text('title').notNull(),
    question: text('question').notNull(),
    reply: text('reply').notNull(),
    address: text('address'),
    /** Every mask applied, on the unredacted texts (for the reviewer's view), JSON. */
    masks: text('masks', { mode: 'json' }).$type<unknown[]>().notNull().default(sql`'[]'`),
    /** The reviewer's changes to the automatic masks: `{ remove: maskIds, add: phrases }`. */
    edits: text('edits', { mode: 'json' })
      .$type<{ remove: string[]; add: string[] }>()
      .notNull()
      .default(sql`'{"remove":[],"add":[]}'`),
    /** The reviewer's mark: a 举报 fit to publish, a 依申请公开 not about the applicant's own records. */
    fitForPublication: integer('fit_for_publication', { mode: 'boolean' }).notNull().default(false),
    receivedAt: integer('received_at').notNull(),
    repliedAt: integer('replied_at').notNull(),
    /** Working days from receipt to the reply, by the working calendar (one decimal). */
    workingDays: real('working_days'),
    satisfaction: text('satisfaction'),
    resolved: integer('resolved', { mode: 'boolean' }),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    publishedAt: integer('published_at'),
    /** Why it was declined or withdrawn. */
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Bumped by every decision; the history row's seq equals it (one decision per version). */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('publications_list').on(t.status, t.repliedAt, t.id),
    index('publications_department').on(t.departmentCode, t.status, t.repliedAt),
    // The list's category filter: one index seek per category (tickets/publication/public-options.ts).
    index('publications_category').on(t.status, t.category),
  ],
);

/** Every publication decision (published, declined, withdrawn, re-published). Append-only (triggers). */
export const publicationHistory = sqliteTable(
  'publication_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    publicationId: integer('publication_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    /** The publication's version after this decision. */
    seq: integer('seq').notNull().default(0),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    action: text('action', { enum: ['offer', 'publish', 'decline', 'withdraw'] }).notNull(),
    reason: text('reason'),
    /** The texts as published (for `publish`), so what the public saw stays on record. */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  },
  // Of two reviewers deciding on one version at once, the second's row collides and its batch fails.
  (t) => [
    index('publication_history_publication').on(t.publicationId, t.at),
    uniqueIndex('publication_history_seq').on(t.publicationId, t.seq),
  ],
);

/**
 * One row: the generation of everything public. Publishing or withdrawing bumps it in the same
 * batch, and public pages are cached at the edge under a key that carries it, so a withdrawn
 * reply leaves every cache at once, in every data centre.
 */
export const publicCache = sqliteTable('public_cache', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
});

/** Official service numbers (12345, departments' published lines) that redaction leaves alone. */
export const serviceNumbers = sqliteTable('service_numbers', {
  number: text('number').primaryKey(),
  label: text('label').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

// The leaders' rollups (DESIGN.md "Metrics"): small tables the dashboard reads instead of the
// tickets. Triggers (migration 0014, rendered from tickets/stats/facts.ts) keep them in the same
// statement as every write of a ticket or a rating. `day` is the Asia/Shanghai day number (days
// since 1970-01-01 there); `department_code` the lead department ('' for none yet).

/** A day's figures of one department. */
export const statsDaily = sqliteTable(
  'stats_daily',
  {
    day: integer('day').notNull(),
    departmentCode: text('department_code').notNull(),
    /** Tickets created that day (merged duplicates not). */
    received: integer('received').notNull().default(0),
    /** Tickets dispatched that day, and those of them signed for within the window. */
    dispatched: integer('dispatched').notNull().default(0),
    /** Those whose response can be judged (imported history has no sign-for time). */
    responseKnown: integer('response_known').notNull().default(0),
    responded: integer('responded').notNull().default(0),
    /** Tickets signed for that day; those with a known time to sign, and its working minutes. */
    signed: integer('signed').notNull().default(0),
    signTimed: integer('sign_timed').notNull().default(0),
    signMinutes: integer('sign_minutes').notNull().default(0),
    /** Approved answers dated that day, those by the deadline, and their working minutes. */
    replied: integer('replied').notNull().default(0),
    repliedOnTime: integer('replied_on_time').notNull().default(0),
    replyTimed: integer('reply_timed').notNull().default(0),
    replyMinutes: integer('reply_minutes').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    /** Deadlines of that day that were missed, and those still without an answer (red). */
    overdue: integer('overdue').notNull().default(0),
    overdueOpen: integer('overdue_open').notNull().default(0),
    /** Ratings given that day: resolved, and 满意 or 基本满意. */
    rated: integer('rated').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentCode] })],
);

/** Received and replied by channel, type, category or district (`dimension`), a day and department. */
export const statsVolume = sqliteTable(
  'stats_volume',
  {
    dimension: text('dimension', { enum: ['channel', 'type', 'category', 'district'] }).notNull(),
    day: integer('day').notNull(),
    departmentCode: text('department_code').notNull(),
    key: text('key').notNull(),
    received: integer('received').notNull().default(0),
    replied: integer('replied').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.day, t.departmentCode, t.key] })],
);

/** Open tickets by department and light now (yellow: due soon; red: overdue). */
export const statsLights = sqliteTable(
  'stats_lights',
  {
    departmentCode: text('department_code').notNull(),
    light: text('light', { enum: ['green', 'yellow', 'red'] }).notNull(),
    tickets: integer('tickets').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentCode, t.light] })],
);
