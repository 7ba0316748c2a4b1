// Settings of the WeChat Official Account channel, with development defaults so `npm start`
// works out of the box. In production (HUB_ENV=production) there are no defaults for secrets:
// a missing one makes the channel refuse traffic (503) rather than trust a well-known value.

export const wechatDevelopmentDefaults = {
  WECHAT_TOKEN: 'dev-wechat-token',
  WECHAT_APPID: 'wx0000000000012345',
  WECHAT_ENCODING_AES_KEY: 'devHubEncodingAesKey0123456789abcdefghijklm',
  WECHAT_APPSECRET: 'dev-wechat-appsecret',
} as const;

export const wechatApiBaseDefault = 'https://api.weixin.qq.com';
/** Messages from one OpenID within this many minutes join the ticket they opened. */
export const wechatAppendWindowMinutesDefault = 10;

export interface WechatSettings {
  token: string;
  appId: string;
  encodingAesKey: string;
  appSecret: string;
  apiBase: string;
  appendWindowMs: number;
  publicBaseUrl: string;
}

export type WechatSettingsResult = { ok: true; settings: WechatSettings } | { ok: false; missing: string[] };

let warned = false;

function read(env: Env, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function wechatSettings(env: Env): WechatSettingsResult {
  const production = env.HUB_ENV === 'production';
  const missing: string[] = [];
  const secret = (name: keyof typeof wechatDevelopmentDefaults): string => {
    const value = read(env, name);
    if (value !== undefined) return value;
    missing.push(name);
    return wechatDevelopmentDefaults[name];
  };
  const settings: WechatSettings = {
    token: secret('WECHAT_TOKEN'),
    appId: secret('WECHAT_APPID'),
    encodingAesKey: secret('WECHAT_ENCODING_AES_KEY'),
    appSecret: secret('WECHAT_APPSECRET'),
    apiBase: (read(env, 'WECHAT_API_BASE') ?? wechatApiBaseDefault).replace(/\/+$/, ''),
    appendWindowMs: appendWindowMinutes(read(env, 'WECHAT_APPEND_WINDOW_MINUTES')) * 60_000,
    publicBaseUrl: read(env, 'PUBLIC_BASE_URL') ?? 'http://127.0.0.1:8787',
  };
  if (missing.length > 0) {
    if (production) return { ok: false, missing };
    if (!warned && env.HUB_ENV !== 'test') {
      warned = true;
      console.warn(`[wechat] ${missing.join(', ')} not set: using development defaults (never in production)`);
    }
  }
  return { ok: true, settings };
}

function appendWindowMinutes(value: string | undefined): number {
  if (value === undefined) return wechatAppendWindowMinutesDefault;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 24 * 60 ? n : wechatAppendWindowMinutesDefault;
}
