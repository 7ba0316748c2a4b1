// The generic intake's bearer token: Hono's bearerAuth reads it, the hub's errors answer.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';

type ErrorBody = { error: { code: string; message: string } };

function post(authorization: string | undefined, testEnv: Env = env) {
  return request(
    '/api/v1/messages',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: '{}',
    },
    testEnv,
  );
}

async function expectError(res: Response, status: number, code: string, message: string) {
  expect(res.status).toBe(status);
  const body = await res.json<ErrorBody>();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toBe(message);
}

describe('integration token', () => {
  it('refuses a request without a bearer token with 401', async () => {
    await expectError(await post(undefined), 401, 'unauthorized', '缺少接入令牌（Authorization: Bearer）');
    await expectError(await post('Basic ZGV2Og=='), 401, 'unauthorized', '缺少接入令牌（Authorization: Bearer）');
    await expectError(await post('Bearer a"b'), 401, 'unauthorized', '缺少接入令牌（Authorization: Bearer）');
  });

  it('refuses a token that is not one of INTEGRATION_TOKENS with 401', async () => {
    await expectError(await post('Bearer dev-integration-tokem'), 401, 'unauthorized', '接入令牌无效');
    const tokens = { ...env, INTEGRATION_TOKENS: 'first-token, second-token' } as Env;
    await expectError(await post('Bearer dev-integration-token', tokens), 401, 'unauthorized', '接入令牌无效');
  });

  it('lets any listed token through to the body check', async () => {
    const tokens = { ...env, INTEGRATION_TOKENS: 'first-token, second-token' } as Env;
    expect((await post('Bearer second-token', tokens)).status).toBe(422);
    expect((await post('bearer dev-integration-token')).status).toBe(422);
  });

  it('answers 503 in production when INTEGRATION_TOKENS is not set', async () => {
    const production = { ...env, HUB_ENV: 'production' } as Env;
    await expectError(
      await post('Bearer anything', production),
      503,
      'not_configured',
      '服务未配置 INTEGRATION_TOKENS',
    );
  });
});
