// The hub's secrets and settings read from the Worker's environment, with their development
// defaults (README "Settings"). `npm start` runs without any secret (the defaults below, with
// one warning each); production (HUB_ENV=production) has no defaults and refuses a value that is
// one of them (a copied .dev.vars), so whatever needs such a secret refuses its traffic (503)
// instead of trusting a well-known value. Also the one
// constant-time comparison every secret check uses. (channels/wechat/settings.ts assembles the
// WeChat channel's secrets from here with its non-secret settings.)
import { createHash, timingSafeEqual } from 'node:crypto';
import { HubError } from './hub-error';

export const developmentDefaults = {
  SESSION_SECRET: 'dev-session-secret-not-for-production',
  WECHATY_BRIDGE_SECRET: 'dev-wechaty-bridge-secret',
  PHONE_WEBHOOK_SECRET: 'dev-phone-webhook-secret',
  SMS_WEBHOOK_SECRET: 'dev-sms-webhook-secret',
  OPEN311_API_KEYS: 'dev-open311-key',
  // Every scope (worker/auth/integration-token.ts): the dev tools, tests and bench send every
  // channel, history and backdated messages with this one token.
  INTEGRATION_TOKENS: 'dev-integration-token@api+phone+mailbox+email+wechat+wechaty+open311+import',
  MAILBOX_ADDRESS: 'mayor@mailbox.localhost',
  WECHAT_TOKEN: 'dev-wechat-token',
  WECHAT_APPID: 'wx0000000000012345',
  WECHAT_ENCODING_AES_KEY: 'devHubEncodingAesKey0123456789abcdefghijklm',
  WECHAT_APPSECRET: 'dev-wechat-appsecret',
} as const;

export type SettingName = keyof typeof developmentDefaults;

const warned = new Set<string>();

export function isProduction(env: { HUB_ENV?: string }): boolean {
  return env.HUB_ENV === 'production';
}

/**
 * Every development default, each entry of the comma lists, and each entry's token without its
 * `@scope` list (INTEGRATION_TOKENS), to be refused in production.
 */
const knownDefaults = new Set(
  Object.values(developmentDefaults).flatMap((value) => {
    const entries = value.split(',').map((s) => s.trim());
    return [value, ...entries, ...entries.map((entry) => entry.split('@')[0]!)];
  }),
);

/** Whether a value is (or, for a comma list, holds) a development default: a copied .dev.vars. */
export function isDevelopmentDefault(value: string): boolean {
  return knownDefaults.has(value.trim()) || value.split(',').some((entry) => knownDefaults.has(entry.trim()));
}

type Reading = { value: string } | { refused: 'missing' | 'development_default' };

function readSetting(env: Env, name: SettingName): Reading {
  const raw = (env as unknown as Record<string, unknown>)[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (isProduction(env)) {
    if (value === '') return { refused: 'missing' };
    return isDevelopmentDefault(value) ? { refused: 'development_default' } : { value };
  }
  if (value !== '') return { value };
  if (!warned.has(name) && env.HUB_ENV !== 'test') {
    warned.add(name);
    console.warn(`${name} is not set: using the development default (never in production)`);
  }
  return { value: developmentDefaults[name] };
}

/**
 * The setting's value, its development default outside production, or null in production when it
 * is missing or is a development default (a public value: anyone could sign with it).
 */
export function setting(env: Env, name: SettingName): string | null {
  const reading = readSetting(env, name);
  if ('value' in reading) return reading.value;
  if (reading.refused === 'development_default' && !warned.has(name)) {
    warned.add(name);
    console.error(`${name} is a development default: refused in production, set a secret of its own`);
  }
  return null;
}

/** The setting, or 503 when production lacks it or has only a development default for it. */
export function requireSetting(env: Env, name: SettingName): string {
  const value = setting(env, name);
  if (value !== null) return value;
  const reading = readSetting(env, name);
  const why =
    'refused' in reading && reading.refused === 'development_default'
      ? `服务未配置 ${name}：生产环境不接受开发环境的默认值，请设置新的密钥`
      : `服务未配置 ${name}`;
  throw new HubError('not_configured', why);
}

/** A comma list setting (API keys, integration tokens), empty entries dropped. */
export function settingList(env: Env, name: SettingName): string[] | null {
  const value = setting(env, name);
  if (value === null) return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The hub's one constant-time comparison of secrets. Both sides are hashed first: the runtime's
 * timingSafeEqual needs equal lengths, and comparing digests reveals neither the length nor a
 * matching prefix of the secret.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Whether the presented key is one of the allowed ones, each compared in constant time. */
export function includesSecret(allowed: readonly string[], presented: string | null | undefined): boolean {
  if (!presented) return false;
  let found = false;
  for (const key of allowed) found = safeEqual(key, presented) || found;
  return found;
}
