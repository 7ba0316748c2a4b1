// `npm run stats:sql`: writes migration 0014 (the rollups' backfill and triggers) from the facts
// in tickets/stats/facts.ts. Run it after changing a fact, then add a new migration that drops
// and recreates the triggers (a migration already applied is never edited in place).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rollupMigration } from '../tickets/stats/rollup-sql';

const file = resolve(import.meta.dirname, '../db/migrations/0014_stats-rollups.sql');
writeFileSync(file, rollupMigration());
console.log(`stats:sql: wrote ${file}`);
