// Bodies the Wechaty bridge routes cannot parse: a 4xx in the hub's JSON error form, unsigned
// ones refused before parsing, nothing stored and no delivery acknowledged.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { signHubRequest } from '../hub-signature';

const app = createApp();
const secret = 'bridge-refusal-secret';
const testEnv: Env = { ...env, WECHATY_BRIDGE_SECRET: secret };
type ErrorBody = { error: { code: string; message: string } };

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'wechaty'").first<{ n: number }>())!.n;

async function post(path: string, body: string, sign = true) {
  const signature = sign ? (await signHubRequest(secret, body)).headers : {};
  return app.request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json', ...signature }, body },
    testEnv,
  );
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.json<ErrorBody>()).error.code).toBe(code);
}

const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const cases = [
  ['cut-off JSON', '{"messageId": "x", ', 400, 'malformed_json'],
  ['an empty body', '', 400, 'malformed_json'],
  ['JSON null', 'null', 422, 'validation_failed'],
  ['a JSON array', '[]', 422, 'validation_failed'],
  ['30,000 nested arrays', deep, 422, 'validation_failed'],
  [
    'a message hidden under __proto__',
    '{"__proto__": {"messageId": "m", "talkerId": "t", "text": "x"}}',
    422,
    'validation_failed',
  ],
] as const;

describe('bridge bodies that do not parse', () => {
  it.each(cases)('a signed message with %s answers %i %s', async (_, body, status, code) => {
    const before = await inboxCount();
    await expectError(await post('/channels/wechaty', body), status, code);
    expect(await inboxCount()).toBe(before);
  });

  it.each(cases)('a signed ack with %s answers %i %s', async (_, body, status, code) => {
    await expectError(await post('/channels/wechaty/outbox/d-1/ack', body), status, code);
  });

  it('an unsigned body is refused (401) before it is parsed', async () => {
    const before = await inboxCount();
    await expectError(await post('/channels/wechaty', deep, false), 401, 'signature_missing');
    await expectError(await post('/channels/wechaty/outbox/d-1/ack', '{"id":', false), 401, 'signature_missing');
    expect(await inboxCount()).toBe(before);
  });

  it('a body over 64 KB is refused with 413, unsigned or signed', async () => {
    const body = 'x'.repeat(65 * 1024);
    await expectError(await post('/channels/wechaty', body, false), 413, 'payload_too_large');
    await expectError(await post('/channels/wechaty', body), 413, 'payload_too_large');
  });
});
