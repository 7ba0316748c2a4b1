// Gives every test file a D1 with the schema and the demo seed, as `npm start` does.
import { applyD1Migrations, env } from 'cloudflare:test';
import { openDb } from '../../db/client';
import { DEMO_PASSWORD, demoSeedStatements } from '../../db/seed/demo';
import { hashPassword } from '../../worker/auth/password';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const db = openDb(env.DB);
const [first, ...rest] = demoSeedStatements(db, await hashPassword(DEMO_PASSWORD), Date.now());
await db.batch([first!, ...rest]);
