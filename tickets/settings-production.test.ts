// Production takes its secrets from the environment only: a missing one is not replaced by the
// development default, and one that is a development default (someone copied .dev.vars, whose
// values are in the README) is refused as if missing, with an error that says which and why.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, message, request } from '../tests/helpers';
import { HubError } from './hub-error';
import { isDevelopmentDefault, requireSetting, setting, settingList } from './settings';

const production = (vars: Record<string, string | undefined> = {}) =>
  ({ ...env, HUB_ENV: 'production', ...vars }) as Env;

describe('production settings', () => {
  it('takes a secret of its own', () => {
    const prod = production({
      SESSION_SECRET: 'f3a9c0e1-a-long-random-secret',
      INTEGRATION_TOKENS: 'partner-a, partner-b',
    });
    expect(requireSetting(prod, 'SESSION_SECRET')).toBe('f3a9c0e1-a-long-random-secret');
    expect(settingList(prod, 'INTEGRATION_TOKENS')).toEqual(['partner-a', 'partner-b']);
  });

  it('refuses a missing secret instead of falling back to the default', () => {
    const prod = production({ SESSION_SECRET: undefined });
    expect(setting(prod, 'SESSION_SECRET')).toBeNull();
    expect(() => requireSetting(prod, 'SESSION_SECRET')).toThrowError(/^服务未配置 SESSION_SECRET$/);
  });

  it('refuses a development default as the secret, whole or as one entry of a list', () => {
    const copied = production({
      SESSION_SECRET: 'dev-session-secret-not-for-production',
      WECHAT_TOKEN: ' dev-wechat-token ',
      INTEGRATION_TOKENS: 'partner-a,dev-integration-token',
      OPEN311_API_KEYS: 'dev-open311-key',
    });
    expect(setting(copied, 'SESSION_SECRET')).toBeNull();
    expect(setting(copied, 'WECHAT_TOKEN')).toBeNull();
    expect(settingList(copied, 'INTEGRATION_TOKENS')).toBeNull();
    expect(settingList(copied, 'OPEN311_API_KEYS')).toBeNull();
    let error: unknown;
    try {
      requireSetting(copied, 'SESSION_SECRET');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('not_configured');
    expect((error as HubError).message).toBe(
      '服务未配置 SESSION_SECRET：生产环境不接受开发环境的默认值，请设置新的密钥',
    );
  });

  it('still uses the defaults in development, and names what is a default', () => {
    const dev = { ...env, HUB_ENV: 'development', SESSION_SECRET: undefined } as unknown as Env;
    expect(setting(dev, 'SESSION_SECRET')).toBe('dev-session-secret-not-for-production');
    expect(isDevelopmentDefault('dev-phone-webhook-secret')).toBe(true);
    expect(isDevelopmentDefault('a,dev-open311-key')).toBe(true);
    expect(isDevelopmentDefault('dev-phone-webhook-secret-2')).toBe(false);
  });

  it('answers 503 to a partner presenting the development token to a production hub', async () => {
    const copied = { INTEGRATION_TOKENS: 'dev-integration-token', HUB_ENV: 'production' } as Partial<Env>;
    const post = (token: string, bindings: Partial<Env>) =>
      request(
        `${BASE}/api/v1/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          // A live message: a partner token without `import` may not send one older than 7 days.
          body: JSON.stringify(message({ receivedAt: new Date().toISOString() })),
        },
        bindings,
      );
    const refused = await post('dev-integration-token', copied);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_configured');
    const own = await post('partner-token-7c1e', { INTEGRATION_TOKENS: 'partner-token-7c1e', HUB_ENV: 'production' });
    expect(own.status).toBe(201);
  });
});
