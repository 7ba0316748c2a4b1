// Bodies the Wechaty bridge routes cannot parse: a 4xx in the hub's JSON error form, unsigned
// ones refused before parsing, nothing stored and no delivery acknowledged.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { expectHubError, jsonRefusalCases } from '../../tests/json-refusal-cases';
import { signHubRequest } from '../hub-signature';

const secret = 'bridge-refusal-secret';
const testEnv: Env = { ...env, WECHATY_BRIDGE_SECRET: secret };

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'wechaty'").first<{ n: number }>())!.n;

async function post(path: string, body: string, sign = true) {
  const signature = sign ? (await signHubRequest(secret, body)).headers : {};
  return request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json', ...signature }, body },
    testEnv,
  );
}

const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const cases = jsonRefusalCases({ messageId: 'm', talkerId: 't', text: 'x' }, 30_000);

describe('bridge bodies that do not parse', () => {
  it.each(cases)('a signed message with %s answers %i %s', async (_, body, status, code) => {
    const before = await inboxCount();
    await expectHubError(await post('/channels/wechaty', body), status, code);
    expect(await inboxCount()).toBe(before);
  });

  it.each(cases)('a signed ack with %s answers %i %s', async (_, body, status, code) => {
    await expectHubError(await post('/channels/wechaty/outbox/d-1/ack', body), status, code);
  });

  it('an unsigned body is refused (401) before it is parsed', async () => {
    const before = await inboxCount();
    await expectHubError(await post('/channels/wechaty', deep, false), 401, 'signature_missing');
    await expectHubError(await post('/channels/wechaty/outbox/d-1/ack', '{"id":', false), 401, 'signature_missing');
    expect(await inboxCount()).toBe(before);
  });

  it('a body over 64 KB is refused with 413, unsigned or signed', async () => {
    const body = 'x'.repeat(65 * 1024);
    await expectHubError(await post('/channels/wechaty', body, false), 413, 'payload_too_large');
    await expectHubError(await post('/channels/wechaty', body), 413, 'payload_too_large');
  });
});
