// Secrets: development defaults outside production, none in production, constant-time checks.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { HubError } from './hub-error';
import { includesSecret, requireSetting, safeEqual, setting, settingList } from './settings';

describe('settings', () => {
  it('uses the development default only outside production', () => {
    expect(setting({ ...env, HUB_ENV: 'development' }, 'PHONE_WEBHOOK_SECRET')).toBe('dev-phone-webhook-secret');
    expect(setting({ ...env, HUB_ENV: 'production' }, 'PHONE_WEBHOOK_SECRET')).toBeNull();
    expect(
      setting({ ...env, HUB_ENV: 'production', PHONE_WEBHOOK_SECRET: ' real ' } as Env, 'PHONE_WEBHOOK_SECRET'),
    ).toBe('real');
    expect(() => requireSetting({ ...env, HUB_ENV: 'production' }, 'SESSION_SECRET')).toThrow(HubError);
  });

  it('reads comma lists without empty entries', () => {
    expect(settingList({ ...env, OPEN311_API_KEYS: 'a, b,,c ' } as Env, 'OPEN311_API_KEYS')).toEqual(['a', 'b', 'c']);
  });

  it('compares secrets exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('令牌', '令牌')).toBe(true);
    // Different lengths, a prefix and the empty string: the runtime compare needs equal lengths,
    // so these prove the hashing in front of it.
    expect(safeEqual('ab', 'abc')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('令牌', '令')).toBe(false);
    expect(includesSecret(['k1', 'k2'], 'k2')).toBe(true);
    expect(includesSecret(['k1', 'k2'], 'k3')).toBe(false);
    expect(includesSecret(['k1'], undefined)).toBe(false);
  });
});
