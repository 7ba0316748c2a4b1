// Prints the demo seed as SQL for `wrangler d1 execute --file` (used by scripts/start.mjs), or with
// --reference-only the reference data production gets (calendar, SLA policies, settings).
// The statements are the same drizzle statements the tests apply, rendered with their values.
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/schema';
import { DEMO_PASSWORD, demoSeedStatements, referenceSeedStatements } from '../db/seed/demo';
import { hashPassword } from '../worker/auth/password';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replaceAll("'", "''")}'`;
}

function render(query: { sql: string; params: unknown[] }): string {
  let i = 0;
  // drizzle writes identifiers in double quotes and values as `?`; no `?` occurs otherwise.
  return `${query.sql.replace(/\?/g, () => literal(query.params[i++]))};`;
}

const db = drizzle({} as D1Database, { schema });
const now = Date.now();
const withDemo = !process.argv.includes('--reference-only');
// The demo accounts share one published password: a production database never gets them.
if (withDemo && process.env.HUB_ENV === 'production') {
  process.stderr.write('seed-sql: HUB_ENV=production seeds no demo city or accounts; use --reference-only\n');
  process.exit(1);
}
const statements = withDemo
  ? demoSeedStatements(db, await hashPassword(DEMO_PASSWORD), now)
  : referenceSeedStatements(db, now);
process.stdout.write(
  statements.map((s) => render((s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL())).join('\n') +
    '\n',
);
