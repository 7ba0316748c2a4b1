interface Env {
  DB: D1Database;
  HUB_ENV: string;
  TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
}
