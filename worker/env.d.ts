// The Worker's bindings and settings (wrangler.jsonc `vars`, secrets in .dev.vars or `wrangler secret`).
// Declared on Cloudflare.Env so that `env` from 'cloudflare:test' has the same type.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    OUTBOX: Queue<{ outboxId: string }>;
    /** development | test | production: production refuses to run a channel whose secret is missing. */
    HUB_ENV: string;
    /** The jurisdiction's code at the head of every ticket number. */
    JURISDICTION_CODE: string;
    PUBLIC_BASE_URL: string;
    SESSION_SECRET?: string;
    INTEGRATION_TOKENS?: string;
    /** Only in tests: the migrations read by vitest.config.ts. */
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
interface Env extends Cloudflare.Env {}
