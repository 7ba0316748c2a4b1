// Bodies the call-centre webhook cannot parse: each is a 4xx in the hub's JSON error form,
// unsigned ones are refused before parsing, and nothing reaches the inbox.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { expectHubError, jsonRefusalCases } from '../../tests/json-refusal-cases';
import { signHubRequest } from '../hub-signature';

const url = 'http://hub.test/channels/phone/calls';

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'phone'").first<{ n: number }>())!.n;

async function post(body: string, sign = true, headers: Record<string, string> = {}) {
  const signature = sign ? (await signHubRequest('dev-phone-webhook-secret', body)).headers : {};
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signature, ...headers },
    body,
  });
}

const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

describe('phone webhook bodies that do not parse', () => {
  it.each(jsonRefusalCases({ callId: 'C-proto', caller: '13912345678' }, 100_000))(
    'signed, %s answers %i %s',
    async (_, body, status, code) => {
      const before = await inboxCount();
      await expectHubError(await post(body), status, code);
      expect(await inboxCount()).toBe(before);
    },
  );

  it.each([
    ['cut-off JSON', '{"callId": "C-cut", '],
    ['100000 nested arrays', deep],
  ])('unsigned, %s is refused as unsigned (401) before it is parsed', async (_, body) => {
    const before = await inboxCount();
    await expectHubError(await post(body, false), 401, 'signature_missing');
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a declared length over the limit with 413, unsigned or signed', async () => {
    const before = await inboxCount();
    const body = 'x'.repeat(600 * 1024);
    await expectHubError(await post(body, false), 413, 'payload_too_large');
    await expectHubError(await post(body), 413, 'payload_too_large');
    expect(await inboxCount()).toBe(before);
  });
});
