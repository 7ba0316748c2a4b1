// SQL in which every value stands beside its column: INSERT … SELECT rows built from records keyed
// by drizzle's columns (so a name and its value cannot drift apart, and the column's type checks
// the value), select lists whose result keys are named, and D1 statements made from drizzle's
// queries with D1's limit of bound values checked as each is made.
import { Column, getTableColumns, is, SQL, type SQLChunk, type SQLWrapper, sql } from 'drizzle-orm';
import { SQLiteAsyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';

/** D1 binds at most this many values in one statement. */
export const D1_MAX_BOUND = 100;

const dialect = new SQLiteAsyncDialect();

/**
 * One row for `table`: each column's value, or an SQL expression or a column that yields it.
 * Columns the table requires are required here too.
 */
export type ColumnValues<T extends SQLiteTable> = {
  [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL | Column;
};

function valueFor(column: Column, value: unknown): SQLChunk {
  if (value !== undefined) return is(value, SQL) || is(value, Column) ? value : sql.param(value, column);
  if (column.default === undefined) return sql`null`;
  return is(column.default, SQL) ? column.default : sql.param(column.default, column);
}

/**
 * `INSERT INTO table SELECT … [FROM source] WHERE condition`: a row written only when the
 * condition holds, as a drizzle insert (so it batches, and takes ON CONFLICT and RETURNING).
 * Values are bound through their column, so booleans and JSON are stored as drizzle stores
 * them; a column left out gets its default.
 */
export function insertSelect<T extends SQLiteTable>(
  db: Db,
  table: T,
  row: ColumnValues<T>,
  source: { from?: SQL | SQLiteTable; where: SQL },
) {
  const given = row as Record<string, unknown>;
  // drizzle names every column but generated ones, in the table's order: the values follow it.
  const values = Object.entries(getTableColumns(table))
    .filter(([, column]) => column.generated === undefined)
    .map(([key, column]) => valueFor(column, given[key]));
  const from = source.from ? sql` from ${source.from}` : sql``;
  return db.insert(table).select(sql`select ${sql.join(values, sql`, `)}${from} where ${source.where}`);
}

/** A select list whose rows come back keyed by the record's keys (D1 names columns as SQL does). */
export function selectList(fields: Record<string, Column | SQL>): SQL {
  return sql.join(
    Object.entries(fields).map(([key, value]) => sql`${value} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

export type Query = SQLWrapper | { toSQL(): { sql: string; params: unknown[] } };

/** The query's text and bound values, refused when it binds more values than D1 accepts. */
export function renderQuery(query: Query): { sql: string; params: unknown[] } {
  const rendered = 'toSQL' in query ? query.toSQL() : dialect.sqlToQuery(query.getSQL());
  if (rendered.params.length > D1_MAX_BOUND) {
    throw new Error(`a statement binds ${rendered.params.length} values; D1 binds at most ${D1_MAX_BOUND}`);
  }
  return rendered;
}

export function prepareQuery(d1: D1Database, query: Query): D1PreparedStatement {
  const { sql: text, params } = renderQuery(query);
  return d1.prepare(text).bind(...params);
}

/** Where one statement's rows are found in the batch's results. */
export interface BatchSlot<Row> {
  rows(results: readonly D1Result[]): Row[];
}

/** Statements for one D1 batch; each `add` answers a slot that reads that statement's own rows. */
export class StatementBatch {
  readonly statements: D1PreparedStatement[] = [];

  constructor(private readonly d1: D1Database) {}

  add<Row = never>(query: Query | D1PreparedStatement): BatchSlot<Row> {
    const at = this.statements.push('bind' in query ? query : prepareQuery(this.d1, query)) - 1;
    return { rows: (results) => (results[at]?.results ?? []) as Row[] };
  }
}
