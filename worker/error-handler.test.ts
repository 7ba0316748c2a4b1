// Errors come from one closed list, each code with one status, and `details` has one shape:
// `[{ path, message }]`, whichever route and whichever validator found the fault.
import { describe, expect, it } from 'vitest';
import { signHubRequest } from '../channels/hub-signature';
import { BASE, INTEGRATION_TOKEN, login, request } from '../tests/helpers';
import { errorCodeSchema, errorStatuses, HubError } from '../tickets/hub-error';

type ErrorBody = { error: { code: string; message: string; requestId: string; details?: unknown } };

function expectDetailsShape(details: unknown) {
  expect(Array.isArray(details)).toBe(true);
  for (const d of details as Record<string, unknown>[]) {
    expect(Object.keys(d).sort()).toEqual(['message', 'path']);
    expect(typeof d.path).toBe('string');
    expect(typeof d.message).toBe('string');
  }
}

describe('the closed list of codes', () => {
  it('gives each code the status DESIGN.md names for its kind', () => {
    // Written out by hand: a code moved to another status must be a decision, not an accident.
    const expected: Record<string, number> = {
      malformed_json: 400,
      unauthorized: 401,
      signature_stale: 401,
      forbidden: 403,
      ticket_not_found: 404,
      illegal_transition: 409,
      concurrent_change: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      validation_failed: 422,
      rate_limited: 429,
      internal_error: 500,
      channel_not_configured: 503,
    };
    for (const [code, status] of Object.entries(expected)) {
      expect(new HubError(errorCodeSchema.parse(code), 'x').status).toBe(status);
    }
    const allowed = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]);
    for (const status of Object.values(errorStatuses)) expect(allowed.has(status)).toBe(true);
  });

  it('refuses a code outside the list', () => {
    expect(errorCodeSchema.safeParse('invalid_json').success).toBe(false);
    expect(errorCodeSchema.safeParse('bad_batch').success).toBe(false);
  });
});

describe('details always [{ path, message }]', () => {
  it('for the JSON API (zod through OpenAPI), the phone webhook and history import', async () => {
    const api = await request(`${BASE}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify({ channel: 'fax', text: '' }),
    });
    expect(api.status).toBe(422);
    const apiBody = await api.json<ErrorBody>();
    expect(apiBody.error.code).toBe('validation_failed');
    expectDetailsShape(apiBody.error.details);

    const callBody = JSON.stringify({ callId: 'E-1', caller: '12', transcript: [] });
    const signed = await signHubRequest('dev-phone-webhook-secret', callBody);
    const phone = await request(`${BASE}/channels/phone/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed.headers },
      body: callBody,
    });
    expect(phone.status).toBe(422);
    expectDetailsShape((await phone.json<ErrorBody>()).error.details);

    const imported = await request(`${BASE}/api/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify([{ externalId: 'E-2' }]),
    });
    const results = (await imported.json<{ results: { error?: { details: unknown } }[] }>()).results;
    expectDetailsShape(results[0]?.error?.details);
  });

  it('for a lifecycle action with a bad body', async () => {
    const token = await login('dispatcher');
    const res = await request(`${BASE}/api/v1/tickets/A2026010100001/actions/dispatch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ departmentCode: 42 }),
    });
    expect(res.status).toBe(422);
    expectDetailsShape((await res.json<ErrorBody>()).error.details);
  });

  it('one code for JSON that does not parse, on every JSON route', async () => {
    const routes = ['/api/v1/messages', '/api/v1/import', '/api/v1/auth/login'];
    for (const path of routes) {
      const res = await request(`${BASE}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
        body: '{"text":',
      });
      expect(res.status, path).toBe(400);
      expect((await res.json<ErrorBody>()).error.code, path).toBe('malformed_json');
    }
    const callBody = '{"callId":';
    const signed = await signHubRequest('dev-phone-webhook-secret', callBody);
    const phone = await request(`${BASE}/channels/phone/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed.headers },
      body: callBody,
    });
    expect(phone.status).toBe(400);
    expect((await phone.json<ErrorBody>()).error.code).toBe('malformed_json');
  });
});
