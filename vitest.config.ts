// Tests run inside workerd through Cloudflare's Workers test plugin, against a local D1
// that gets the drizzle-kit migrations (the same folder wrangler applies) before each file.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('db/migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, HUB_ENV: 'test' },
        },
      }),
    ],
    test: {
      include: ['**/*.test.ts'],
      exclude: ['node_modules/**', 'channels/wechaty/**', 'tests/browser/**', 'tests/e2e/**'],
      setupFiles: ['./tests/setup/apply-migrations.ts'],
      // A cached module reaches workerd whole in one WebSocket message, and the routing model
      // (3.8 MB) is past workerd's limit: the second test file's worker died with "Message is too
      // large" once the graph grew. Transforming again costs seconds, not failures.
      fsModuleCache: false,
    },
  };
});
