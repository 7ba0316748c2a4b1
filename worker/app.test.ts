// The deployed Worker's entry (wrangler.jsonc main) as a client sees it.
import { expect, it } from 'vitest';
import { request } from '../tests/helpers';

it('answers healthz with the hub’s version and the environment it runs in', async () => {
  const r = await request('http://hub.test/healthz');
  expect(r.status).toBe(200);
  // 0.1.0 is package.json's version; the test suite runs with HUB_ENV=test (vitest.config.ts).
  expect(await r.json()).toEqual({ ok: true, version: '0.1.0', env: 'test' });
});

it('has no benchmark routes', async () => {
  const r = await request('http://hub.test/__bench/insert', { method: 'POST' });
  expect(r.status).toBe(404);
});
