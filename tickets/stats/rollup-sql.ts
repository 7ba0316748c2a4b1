// The rollups' SQL, rendered from the facts (tickets/stats/facts.ts): the triggers of migration
// 0014 that keep `stats_daily`, `stats_volume` and `stats_lights` in step with every write of a
// ticket or a rating, and the same sums computed from scratch over the tables (the migration's
// backfill, the property test's recomputation and the benchmark's GROUP BY). `npm run
// stats:sql` prints the migration; a test holds the committed file to this rendering.
import {
  type DailyColumn,
  dailyColumns,
  dimensionColumns,
  factColumns,
  localDaySql,
  type Row,
  ratingFact,
  ticketFacts,
  volumeDimensions,
  volumeFacts,
} from './facts';

type Sign = 1 | -1;
const signed = (sign: Sign, value: string) => (sign === 1 ? value : `-${value}`);
const departmentOf = (r: Row, column = 'lead_department_code') => `coalesce(${r}.${column}, '')`;

/** One SELECT a fact of row `r`: its day, department and every daily column (0 where it adds nothing). */
function dailyBranches(r: Row, sign: Sign, from = ''): string[] {
  return ticketFacts.map((fact) => {
    const values = dailyColumns.map((c) => {
      const add = fact.adds[c];
      return `${add ? signed(sign, add(r)) : '0'} as ${c}`;
    });
    const head = `select ${localDaySql(`${r}.${fact.on}`)} as day, ${departmentOf(r)} as department_code`;
    return `${head}, ${values.join(', ')}${from} where ${fact.when(r)}`;
  });
}

function ratingBranch(r: Row, sign: Sign, from = ''): string {
  const values = dailyColumns.map((c) => {
    const add = (ratingFact.adds as Partial<Record<DailyColumn, (r: Row) => string>>)[c];
    return `${add ? signed(sign, add(r)) : '0'} as ${c}`;
  });
  const head = `select ${localDaySql(`${r}.at`)} as day, ${departmentOf(r, 'department_code')} as department_code`;
  return `${head}, ${values.join(', ')}${from} where 1`;
}

function volumeBranches(r: Row, sign: Sign, from = ''): string[] {
  return volumeDimensions.flatMap((dimension) =>
    volumeFacts.map((fact) => {
      const received = fact.name === 'received' ? signed(sign, '1') : '0';
      const replied = fact.name === 'replied' ? signed(sign, '1') : '0';
      const key = `coalesce(${r}.${dimensionColumns[dimension]}, '')`;
      const head = `select '${dimension}' as dimension, ${localDaySql(`${r}.${fact.on}`)} as day`;
      const cells = `${departmentOf(r)} as department_code, ${key} as key`;
      return `${head}, ${cells}, ${received} as received, ${replied} as replied${from} where ${fact.when(r)}`;
    }),
  );
}

function lightBranch(r: Row, sign: Sign, from = ''): string {
  const cells = `${departmentOf(r)} as department_code, ${r}.light as light, ${signed(sign, '1')} as tickets`;
  return `select ${cells}${from} where ${r}.light is not null and ${r}.merged_into_id is null`;
}

/** D1 builds SQLite with at most 5 terms in one compound SELECT; a sub-select counts afresh. */
const MAX_COMPOUND_TERMS = 5;

/** The branches as one UNION ALL, nested in sub-selects of at most five terms each. */
export function unionAll(branches: string[], indent = '    '): string {
  if (branches.length <= MAX_COMPOUND_TERMS) return branches.join(`\n${indent}union all `);
  const groups: string[] = [];
  for (let i = 0; i < branches.length; i += MAX_COMPOUND_TERMS) {
    groups.push(`select * from (${unionAll(branches.slice(i, i + MAX_COMPOUND_TERMS), indent)})`);
  }
  return unionAll(groups, indent);
}

const sumsOf = (columns: readonly string[]) => columns.map((c) => `sum(${c}) as ${c}`).join(', ');
const anyNonZero = (columns: readonly string[]) => columns.map((c) => `sum(${c}) <> 0`).join(' or ');
const addExcluded = (columns: readonly string[]) => columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');

/** INSERT … SELECT the grouped branches, adding to rows that exist (an upsert). */
function upsert(table: string, keys: readonly string[], values: readonly string[], branches: string[]): string {
  const columns = [...keys, ...values].join(', ');
  const grouped =
    `select ${keys.join(', ')}, ${sumsOf(values)} from (\n    ${unionAll(branches)}\n  )` +
    ` where true group by ${keys.join(', ')} having ${anyNonZero(values)}`;
  return (
    `insert into ${table} (${columns})\n  ${grouped}\n` +
    `  on conflict (${keys.join(', ')}) do update set ${addExcluded(values)}`
  );
}

const dailyKeys = ['day', 'department_code'];
const volumeKeys = ['dimension', 'day', 'department_code', 'key'];
const volumeValues = ['received', 'replied'];
const lightKeys = ['department_code', 'light'];

/** The statements that move a ticket's facts: `rows` are the (row, sign) pairs to apply. */
function ticketDelta(rows: Array<[Row, Sign]>): string[] {
  return [
    upsert(
      'stats_daily',
      dailyKeys,
      dailyColumns,
      rows.flatMap(([r, s]) => dailyBranches(r, s)),
    ),
    upsert(
      'stats_volume',
      volumeKeys,
      volumeValues,
      rows.flatMap(([r, s]) => volumeBranches(r, s)),
    ),
    upsert(
      'stats_lights',
      lightKeys,
      ['tickets'],
      rows.map(([r, s]) => lightBranch(r, s)),
    ),
  ];
}

const trigger = (name: string, when: string, body: string[]) =>
  `create trigger ${name} ${when}\nbegin\n  ${body.map((s) => `${s};`).join('\n  ')}\nend`;

/** Every trigger of the rollups, in the order the migration creates them. */
export function rollupTriggers(): string[] {
  const changed = factColumns.map((c) => `old.${c} is not new.${c}`).join(' or ');
  const ratingDelta = (rows: Array<[Row, Sign]>) => [
    upsert(
      'stats_daily',
      dailyKeys,
      dailyColumns,
      rows.map(([r, s]) => ratingBranch(r, s)),
    ),
  ];
  return [
    trigger('stats_tickets_insert', 'after insert on tickets', ticketDelta([['new', 1]])),
    trigger(
      'stats_tickets_update',
      `after update of ${factColumns.join(', ')} on tickets when ${changed}`,
      ticketDelta([
        ['old', -1],
        ['new', 1],
      ]),
    ),
    trigger('stats_tickets_delete', 'after delete on tickets', ticketDelta([['old', -1]])),
    trigger('stats_ratings_insert', 'after insert on ratings', ratingDelta([['new', 1]])),
    trigger(
      'stats_ratings_update',
      'after update on ratings',
      ratingDelta([
        ['old', -1],
        ['new', 1],
      ]),
    ),
    trigger('stats_ratings_delete', 'after delete on ratings', ratingDelta([['old', -1]])),
  ];
}

/**
 * The rollups computed from scratch over every ticket and rating: what the triggers must have
 * kept (the migration fills the tables with it once; tests compare with it).
 */
export function recomputedRollups(): { daily: string; volume: string; lights: string } {
  const grouped = (keys: string[], values: readonly string[], branches: string[]) =>
    `select ${keys.join(', ')}, ${sumsOf(values)} from (\n  ${unionAll(branches, '  ')}\n)` +
    ` where true group by ${keys.join(', ')} having ${anyNonZero(values)}`;
  return {
    daily: grouped(dailyKeys, dailyColumns, [
      ...dailyBranches('t', 1, ' from tickets t'),
      ratingBranch('r', 1, ' from ratings r'),
    ]),
    volume: grouped(volumeKeys, volumeValues, volumeBranches('t', 1, ' from tickets t')),
    lights: grouped(lightKeys, ['tickets'], [lightBranch('t', 1, ' from tickets t')]),
  };
}

/**
 * The new columns for tickets and ratings already there: a ticket's district up its place's
 * parents (a community's street's district at most), and a rating's department the ticket's lead.
 * The minutes to sign and to reply cannot be worked out in SQL (they need the working calendar):
 * older tickets have none, and the averages count only tickets that have (`sign_timed`).
 */
const columnBackfills = [
  `update tickets set district_code = (select coalesce(
    case when g0.level = 'district' then g0.code end,
    case when g1.level = 'district' then g1.code end,
    case when g2.level = 'district' then g2.code end)
  from gazetteer_places g0
  left join gazetteer_places g1 on g1.code = g0.parent_code
  left join gazetteer_places g2 on g2.code = g1.parent_code
  where g0.code = tickets.place_code) where place_code is not null`,
  `update ratings set department_code =
    (select lead_department_code from tickets where tickets.id = ratings.ticket_id)`,
];

/** Migration 0014 (`npm run stats:sql`): backfill the new columns and the rollups, then the triggers. */
export function rollupMigration(): string {
  const { daily, volume, lights } = recomputedRollups();
  const header = [
    '-- Custom SQL migration, rendered by tickets/stats/rollup-sql.ts (npm run stats:sql): edit the',
    '-- facts (tickets/stats/facts.ts), never this file. The rollups of the tickets and ratings there',
    '-- are now, then the triggers that keep them in the same statement as every later write.',
  ].join('\n');
  const statements = [
    ...columnBackfills,
    `insert into stats_daily (${[...dailyKeys, ...dailyColumns].join(', ')})\n${daily}`,
    `insert into stats_volume (${[...volumeKeys, ...volumeValues].join(', ')})\n${volume}`,
    `insert into stats_lights (${[...lightKeys, 'tickets'].join(', ')})\n${lights}`,
    ...rollupTriggers(),
  ];
  return `${header}\n${statements.map((s) => `${s};`).join('\n--> statement-breakpoint\n')}\n`;
}
