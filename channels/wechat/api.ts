// Calls to WeChat's server API: the access token (cached in D1 until shortly before it expires)
// and customer-service text messages (客服消息), the only way to answer a resident later than the
// five seconds a passive reply allows. The API base is a setting so tests use a local fake.
import type { WechatSettings } from './settings';
import { invalidateAccessToken, readCachedAccessToken, storeAccessToken } from './store';

/** Errcodes meaning "this access token is no longer valid": fetch a new one and retry once. */
const tokenErrcodes = new Set([40001, 40014, 42001]);
/** Errcodes no retry can fix: outside the 48-hour window, user unsubscribed, unknown OpenID. */
const permanentErrcodes = new Set([40003, 43004, 45015, 45047]);
/** Renew this long before WeChat's stated expiry, so a token never dies in flight. */
const tokenRenewMarginMs = 5 * 60 * 1000;

export class WechatApiError extends Error {
  readonly permanent: boolean;
  constructor(
    readonly errcode: number,
    errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat ${path} failed: errcode ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
    this.permanent = permanentErrcodes.has(errcode);
  }
}

interface WechatJson {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

async function readJson(response: Response, path: string): Promise<WechatJson> {
  if (!response.ok) throw new Error(`WeChat ${path} answered HTTP ${response.status}`);
  try {
    return (await response.json()) as WechatJson;
  } catch {
    throw new Error(`WeChat ${path} answered something that is not JSON`);
  }
}

async function fetchAccessToken(db: D1Database, settings: WechatSettings, nowMs: number): Promise<string> {
  const path = '/cgi-bin/token';
  const url = new URL(settings.apiBase + path);
  url.searchParams.set('grant_type', 'client_credential');
  url.searchParams.set('appid', settings.appId);
  url.searchParams.set('secret', settings.appSecret);
  const json = await readJson(await fetch(url), path);
  if (!json.access_token) throw new WechatApiError(json.errcode ?? -1, json.errmsg ?? 'no access_token', path);
  const lifetimeMs = Math.max(60, json.expires_in ?? 7200) * 1000;
  const expiresAt = nowMs + Math.max(lifetimeMs - tokenRenewMarginMs, lifetimeMs / 2);
  await storeAccessToken(db, settings.appId, json.access_token, expiresAt);
  return json.access_token;
}

export async function wechatAccessToken(db: D1Database, settings: WechatSettings, nowMs: number): Promise<string> {
  return (await readCachedAccessToken(db, settings.appId, nowMs)) ?? fetchAccessToken(db, settings, nowMs);
}

/** Sends a text as a customer-service message; throws WechatApiError when WeChat refuses it. */
export async function sendCustomerServiceText(
  db: D1Database,
  settings: WechatSettings,
  openId: string,
  content: string,
  nowMs: number = Date.now(),
): Promise<void> {
  const path = '/cgi-bin/message/custom/send';
  const body = JSON.stringify({ touser: openId, msgtype: 'text', text: { content } });
  let token = await wechatAccessToken(db, settings, nowMs);
  for (let attempt = 0; ; attempt++) {
    const url = `${settings.apiBase}${path}?access_token=${encodeURIComponent(token)}`;
    const json = await readJson(
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body }),
      path,
    );
    const errcode = json.errcode ?? 0;
    if (errcode === 0) return;
    if (attempt === 0 && tokenErrcodes.has(errcode)) {
      await invalidateAccessToken(db, settings.appId, token);
      token = await fetchAccessToken(db, settings, nowMs);
      continue;
    }
    throw new WechatApiError(errcode, json.errmsg ?? '', path);
  }
}
