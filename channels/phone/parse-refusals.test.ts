// Bodies the call-centre webhook cannot parse: each is a 4xx in the hub's JSON error form,
// unsigned ones are refused before parsing, and nothing reaches the inbox.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signHubRequest } from '../hub-signature';

const url = 'http://hub.test/channels/phone/calls';
type ErrorBody = { error: { code: string; message: string } };

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'phone'").first<{ n: number }>())!.n;

async function post(body: string, sign = true, headers: Record<string, string> = {}) {
  const signature = sign ? (await signHubRequest('dev-phone-webhook-secret', body)).headers : {};
  return SELF.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signature, ...headers },
    body,
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect((await res.json<ErrorBody>()).error.code).toBe(code);
}

const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

describe('phone webhook bodies that do not parse', () => {
  it.each([
    ['cut-off JSON', '{"callId": "C-cut", ', 400, 'malformed_json'],
    ['an empty body', '', 400, 'malformed_json'],
    ['text that is not JSON', 'callId=C-form', 400, 'malformed_json'],
    ['JSON null', 'null', 422, 'validation_failed'],
    ['a JSON array', '[]', 422, 'validation_failed'],
    ['a JSON string', '"C-string"', 422, 'validation_failed'],
    ['100,000 nested arrays', deep, 422, 'validation_failed'],
    [
      'a call hidden under __proto__',
      '{"__proto__": {"callId": "C-proto", "caller": "13912345678"}}',
      422,
      'validation_failed',
    ],
  ] as const)('signed, %s answers %i %s', async (_, body, status, code) => {
    const before = await inboxCount();
    await expectError(await post(body), status, code);
    expect(await inboxCount()).toBe(before);
  });

  it.each([
    ['cut-off JSON', '{"callId": "C-cut", '],
    ['100,000 nested arrays', deep],
  ])('unsigned, %s is refused as unsigned (401) before it is parsed', async (_, body) => {
    const before = await inboxCount();
    await expectError(await post(body, false), 401, 'signature_missing');
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a declared length over the limit with 413, unsigned or signed', async () => {
    const before = await inboxCount();
    const body = 'x'.repeat(600 * 1024);
    await expectError(await post(body, false), 413, 'payload_too_large');
    await expectError(await post(body), 413, 'payload_too_large');
    expect(await inboxCount()).toBe(before);
  });
});
