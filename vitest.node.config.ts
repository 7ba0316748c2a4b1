// The Node-side suites: end-to-end tests against the real hub (`wrangler dev`), the Wechaty
// bridge on wechaty-puppet-mock, and pages in Chromium (tests/browser/chromium.ts). `npm test`
// runs them after the workerd suites. One file at a time: each starts its own hub.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['channels/wechaty/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
