// What the WeChat tests share: the channel's settings as a test Env (a token, an AppID and a
// valid 43-character EncodingAESKey), WeChat's clock in whole seconds, a fresh nonce, and the
// inbox count the refusal tests check stays unchanged.
import { env } from 'cloudflare:test';

export const token = 'hub-test-token';
export const appId = 'wx1234567890abcdef';
export const aesKey = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';

/** The test Env with the WeChat channel configured; `overrides` add or replace settings. */
export function wechatTestEnv(overrides: Partial<Env> = {}): Env {
  return {
    ...env,
    WECHAT_TOKEN: token,
    WECHAT_APPID: appId,
    WECHAT_ENCODING_AES_KEY: aesKey,
    WECHAT_APPSECRET: 'test-secret',
    ...overrides,
  };
}

/** A nonce of WeChat's kind (digits); the hub takes each timestamp|nonce for one message only. */
export const freshNonce = () => String(Math.floor(Math.random() * 1e9));

/** WeChat's timestamps and CreateTime: seconds since the epoch, as text. */
export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

export const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'wechat'").first<{ n: number }>())?.n ?? 0;
