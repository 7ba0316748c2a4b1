// The Wechaty bridge's end-to-end test runs in plain Node (wechaty is a Node library), against
// the real Worker started by `wrangler dev` on a local D1: `npm test` runs it after the
// workerd suites.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['channels/wechaty/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
