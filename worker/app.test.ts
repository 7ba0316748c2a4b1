import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers healthz', async () => {
  const r = await SELF.fetch('http://hub.test/healthz');
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true });
});
