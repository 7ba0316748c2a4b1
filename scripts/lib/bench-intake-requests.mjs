// The intake benchmark's requests (scripts/bench/intake.mjs): for each channel, a builder that
// makes a distinct, valid message each call, as a centre's traffic is many residents with many
// different matters, not a few texts repeated (which would measure the merging of repeats). Every
// signed request is signed when it is built, with the current time and a nonce of its own, so a
// hub that refuses old timestamps and nonces it has seen takes each exactly once.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { signHubHeaders } from './hub-client.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PHONE_SECRET = process.env.PHONE_WEBHOOK_SECRET ?? 'dev-phone-webhook-secret';
const OPEN311_KEY = (process.env.OPEN311_API_KEYS ?? 'dev-open311-key').split(',')[0].trim();
// The first entry's token, without its `@scope` list (worker/auth/integration-token.ts).
const INTEGRATION_TOKEN = (process.env.INTEGRATION_TOKENS ?? 'dev-integration-token')
  .split(',')[0]
  .split('@')[0]
  .trim();
const WECHAT_TOKEN = process.env.WECHAT_TOKEN ?? 'dev-wechat-token';
const WECHATY_SECRET = process.env.WECHATY_BRIDGE_SECRET ?? 'dev-wechaty-bridge-secret';
const MAILBOX_ADDRESS = process.env.MAILBOX_ADDRESS ?? 'mayor@mailbox.localhost';

/** Real residents' messages (../shared/data, beside the repository) when present. */
export function residentMessages() {
  const file = resolve(root, '..', 'shared', 'data', 'messages-train.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const realTexts = residentMessages().map((m) => m.text.replaceAll('_x000D_', '').slice(0, 1500));
const fallbackTexts = [
  '小区门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
  '楼下烧烤店油烟很大，每天晚上排放到十一点，窗户都不敢开。',
  '公司拖欠三个月工资，多次讨要无果，请劳动监察部门帮忙处理。',
  '孩子今年上小学，想咨询一下学区划分和入学报名需要准备哪些材料。',
];
const texts = realTexts.length ? realTexts : fallbackTexts;
let seq = 0;
const nextText = () => `${texts[seq++ % texts.length]}（编号${seq}）`;
const residentPhone = () => `137${String(10_000_000 + seq).padStart(8, '0')}`;
/** One address per request: the per-address limits are not what is being measured. */
let addresses = 0;
const residentAddress = () => {
  const a = ++addresses;
  return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
};

const json = (path, body, headers = {}) => ({
  path,
  init: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
});

/** What /api/v1/messages takes: also the raw message the store-raw yardstick keeps. */
function apiMessage() {
  return JSON.stringify({
    channel: 'api',
    externalId: `bench-${randomUUID()}`,
    receivedAt: new Date().toISOString(),
    sender: { phone: residentPhone() },
    text: nextText(),
  });
}

/** The hidden fields of the form a page carries (the mailbox's nonce, any CSRF token). */
export function hiddenFields(html) {
  const fields = {};
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name === 'input' && attribs.type?.toLowerCase() === 'hidden' && attribs.name)
        fields[attribs.name] = attribs.value ?? '';
    },
  });
  parser.end(html);
  return fields;
}

/**
 * A fresh mailbox form, as a browser gets it: GET /mailbox, its hidden fields (the nonce, whether
 * the browser or the server chose it) and any cookie it sets. Answers its own latency too.
 */
async function mailboxLetter(url) {
  const ip = residentAddress();
  const started = performance.now();
  const res = await fetch(`${url}/mailbox`, { headers: { 'cf-connecting-ip': ip } });
  const html = await res.text();
  const getMs = performance.now() - started;
  if (res.status !== 200) throw new Error(`bench mailbox: GET /mailbox answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const form = new URLSearchParams({
    ...hiddenFields(html),
    type: '投诉',
    title: '噪音扰民',
    content: nextText(),
    location: '',
    name: '',
    phone: residentPhone(),
    email: '',
    website: '',
    consent: 'yes',
  });
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'cf-connecting-ip': ip,
    origin: url,
    'sec-fetch-site': 'same-origin',
    ...(cookie ? { cookie } : {}),
  };
  return { path: '/mailbox', init: { method: 'POST', headers, body: form.toString() }, getMs };
}

// WeChat's plain mode: the signature is SHA-1 over the sorted token, timestamp and nonce. Each
// message comes from another follower, so none joins an earlier conversation.
function wechatMessage() {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `${randomBytes(4).readUInt32BE()}${seq}`;
  const signature = createHash('sha1').update([WECHAT_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  const text = nextText().replaceAll(']]>', '');
  const follower = `o-bench-${seq}-${randomBytes(4).toString('hex')}`;
  const body = [
    '<xml><ToUserName><![CDATA[gh_hub12345]]></ToUserName>',
    `<FromUserName><![CDATA[${follower}]]></FromUserName><CreateTime>${timestamp}</CreateTime>`,
    `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>`,
    `<MsgId>${Date.now()}${seq}</MsgId></xml>`,
  ].join('');
  return {
    path: `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body },
  };
}

function phoneCall() {
  const body = JSON.stringify({
    callId: `bench-${randomUUID()}`,
    caller: `139${String(10_000_000 + (seq % 89_999_999)).padStart(8, '0')}`,
    called: '12345',
    startedAt: new Date().toISOString(),
    durationS: 95,
    agentId: 'A1024',
    transcript: [
      { speaker: 'agent', text: '您好，12345热线，请讲。', startMs: 0 },
      { speaker: 'caller', text: nextText(), startMs: 2100 },
      { speaker: 'agent', text: '好的，已为您登记。', startMs: 30_000 },
    ],
    summary: '市民来电反映问题',
    consentToPublish: false,
  });
  return json('/channels/phone/calls', body, signHubHeaders(PHONE_SECRET, body));
}

function open311Request() {
  const form = new URLSearchParams({
    api_key: OPEN311_KEY,
    service_code: 'street_light',
    'attribute[fault]': 'dark',
    lat: '30.2741',
    long: '120.1551',
    description: nextText(),
    email: `resident${seq}@example.com`,
  });
  return {
    path: '/open311/v2/requests.json',
    init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
  };
}

function wechatyMessage() {
  const body = JSON.stringify({
    messageId: `bench-${randomUUID()}`,
    talkerId: `wxid_bench_${seq}`,
    talkerName: '居民',
    text: nextText(),
    sentAt: new Date().toISOString(),
  });
  return json('/channels/wechaty', body, signHubHeaders(WECHATY_SECRET, body));
}

/** E-mail through wrangler dev's local route into the Worker's email handler. */
function emailMessage() {
  const from = `resident${seq}@example.com`;
  const mime = [
    `From: ${from}`,
    `To: ${MAILBOX_ADDRESS}`,
    `Subject: =?UTF-8?B?${Buffer.from('反映问题').toString('base64')}?=`,
    `Message-ID: <bench-${randomUUID()}@example.com>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(nextText()).toString('base64'),
    '',
  ].join('\r\n');
  return {
    path: `/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(MAILBOX_ADDRESS)}`,
    init: { method: 'POST', body: mime },
  };
}

/** The two yardsticks first, then the channels; each builder takes the hub's URL. */
export const yardsticks = {
  trivial_insert: () => ({ path: '/__bench/insert', init: { method: 'POST' } }),
  raw_store: () => json('/__bench/store-raw', apiMessage()),
};

export const channels = {
  phone: phoneCall,
  mailbox: mailboxLetter,
  open311: open311Request,
  wechat: wechatMessage,
  wechaty: wechatyMessage,
  email: emailMessage,
  api_messages: () => json('/api/v1/messages', apiMessage(), { authorization: `Bearer ${INTEGRATION_TOKEN}` }),
};
