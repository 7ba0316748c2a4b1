// One request per channel as its sender makes it, signed with the development secrets, for the
// tests that drive every channel: the fault tests in workerd (through the app) and the load test
// in Node (over loopback, tests/e2e/load.test.ts). Only node:crypto and the Fetch API, so both
// runtimes can use them. Every signed request carries a fresh timestamp and a nonce of its own.
import { createHash, createHmac, randomUUID } from 'node:crypto';

export const devSecrets = {
  phone: 'dev-phone-webhook-secret',
  wechaty: 'dev-wechaty-bridge-secret',
  wechatToken: 'dev-wechat-token',
  open311Key: 'dev-open311-key',
  integrationToken: 'dev-integration-token',
} as const;

export interface ChannelRequest {
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

const seconds = (ms = Date.now()) => String(Math.floor(ms / 1000));

/** A partner signs each attempt afresh: a copy sent again is signed at another second (`signedAtMs`). */
function hubSigned(secret: string, body: string, signedAtMs = Date.now()): Record<string, string> {
  const timestamp = seconds(signedAtMs);
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature': `sha256=${hex}` };
}

export interface Resident {
  phone: string;
  text: string;
}

export function phoneRequest(callId: string, r: Resident, signedAtMs?: number): ChannelRequest {
  const body = JSON.stringify({
    callId,
    caller: r.phone,
    called: '12345',
    startedAt: new Date().toISOString(),
    durationS: 120,
    agentId: 'A1024',
    transcript: [
      { speaker: 'agent', text: '您好，12345热线，请问有什么可以帮您？', startMs: 0 },
      { speaker: 'caller', text: r.text, startMs: 3000 },
    ],
  });
  const headers = hubSigned(devSecrets.phone, body, signedAtMs);
  return { path: '/channels/phone/calls', init: { method: 'POST', headers, body } };
}

export function apiRequest(externalId: string, r: Resident): ChannelRequest {
  const body = JSON.stringify({
    channel: 'api',
    externalId,
    receivedAt: new Date().toISOString(),
    sender: { phone: r.phone },
    text: r.text,
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${devSecrets.integrationToken}` };
  return { path: '/api/v1/messages', init: { method: 'POST', headers, body } };
}

export function wechatyRequest(messageId: string, talkerId: string, text: string, signedAtMs?: number) {
  const body = JSON.stringify({ messageId, talkerId, text, sentAt: new Date().toISOString() });
  const headers = hubSigned(devSecrets.wechaty, body, signedAtMs);
  return { path: '/channels/wechaty', init: { method: 'POST', headers, body } } satisfies ChannelRequest;
}

/** WeChat's plain mode: SHA-1 over the sorted token, timestamp and nonce. */
export function wechatRequest(msgId: string, openId: string, text: string, token = devSecrets.wechatToken) {
  const timestamp = seconds();
  const nonce = randomUUID().replaceAll('-', '');
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  const body =
    `<xml><ToUserName><![CDATA[gh_12345hotline]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  return {
    path: `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=${openId}`,
    init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body },
  };
}

/** Open311 has no client id: the answer's `token` is the inbox key. */
export function open311Request(r: Resident, extra: Record<string, string> = {}): ChannelRequest {
  const body = new URLSearchParams({
    ...extra,
    api_key: devSecrets.open311Key,
    service_code: 'street_light',
    'attribute[fault]': 'dark',
    address_string: '滨江区长河街道',
    description: r.text,
    phone: r.phone,
  }).toString();
  return {
    path: '/open311/v2/requests.json',
    init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
  };
}

/** What GET /mailbox handed out for the letter: the form's hidden fields (its nonce) and any cookie. */
export interface MailboxForm {
  hidden: Record<string, string>;
  cookie?: string;
}

export function mailboxForm(html: string, setCookies: string[] = []): MailboxForm {
  const hidden: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) hidden[m[1]!] = m[2]!;
  if (!hidden.nonce) throw new Error('the mailbox form has no nonce');
  const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
  return cookie ? { hidden, cookie } : { hidden };
}

/** The letter as a browser posts the form it was given. */
export function mailboxRequest(form: MailboxForm, r: Resident, address: string, origin: string): ChannelRequest {
  const body = new URLSearchParams({
    ...form.hidden,
    type: '',
    title: '小区路灯不亮',
    content: r.text,
    location: '',
    name: '',
    phone: r.phone,
    email: '',
    website: '',
    consent: 'yes',
  }).toString();
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'cf-connecting-ip': address,
    origin,
    ...(form.cookie ? { cookie: form.cookie } : {}),
  };
  return { path: '/mailbox', init: { method: 'POST', headers, body } };
}

/** A resident's mail as their client sends it. */
export function residentMail(messageId: string, from: string, text: string): string {
  return [
    `From: <${from}>`,
    'To: mayor@mailbox.localhost',
    'Subject: =?UTF-8?B?5bCP5Yy66Lev54Gv5LiN5Lqu?=',
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
  ].join('\r\n');
}
