// Gives every test file a D1 with the schema and the demo seed, as `npm start` does.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
