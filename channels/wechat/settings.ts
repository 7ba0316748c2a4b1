// Settings of the WeChat Official Account channel. Its secrets come through the hub's one
// settings module (tickets/settings.ts: development defaults, none in production, where a missing
// one makes the channel refuse traffic with 503); the rest are plain settings with defaults.
import { setting } from '../../tickets/settings';

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

function read(env: Env, name: string): string | undefined {
  const value = (env as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function wechatSettings(env: Env): WechatSettingsResult {
  const missing: string[] = [];
  const secret = (name: 'WECHAT_TOKEN' | 'WECHAT_APPID' | 'WECHAT_ENCODING_AES_KEY' | 'WECHAT_APPSECRET'): string => {
    const value = setting(env, name);
    if (value === null) missing.push(name);
    return value ?? '';
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
  return missing.length > 0 ? { ok: false, missing } : { ok: true, settings };
}

function appendWindowMinutes(value: string | undefined): number {
  if (value === undefined) return wechatAppendWindowMinutesDefault;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 24 * 60 ? n : wechatAppendWindowMinutesDefault;
}
