// Benchmark: requests/second of each channel's intake (phone signed JSON, mailbox form, Open311
// POST, WeChat XML, the Wechaty bridge, e-mail, /api/v1/messages) next to a trivial one-row D1
// insert (POST /__bench/insert) measured in the same run, so the ratio says what intake costs
// over the cheapest write (goal ≥ 0.8).
// Uses the hub at BENCH_URL if set (one run with `npm start -- worker/bench-entry.ts`, which has
// the /__bench routes); otherwise starts one as `npm start` does (scripts/start.mjs: migrations,
// demo seed, wrangler dev on 127.0.0.1) with the benchmark's Worker entry, on a fresh local D1 in
// a temporary directory, and stops it afterwards. All traffic goes to 127.0.0.1,
// bounded: BENCH_N requests per endpoint (default 300, in BENCH_ROUNDS interleaved rounds, default
// 5) at BENCH_CONCURRENCY (default 8). Each ratio is the median of the rounds' ratios.
// A channel's figure is intake: from request to answer, with its acknowledgement written to the
// outbox. Sending the acknowledgements (SMS, e-mail) is the outbox's work, done a second or two
// later from the queue; after each channel's round the bench waits, unmeasured, until the outbox
// has drained, so that work never lands in the next channel's (or the yardstick's) time.
// With a hub it started itself (Linux), the bench also reads the CPU time the hub's processes
// (wrangler, its proxy, workerd with the Worker and the local D1) spent per request during each
// round: `intake.<channel>.hub_cpu`, with the yardstick's as baseline and the ratio yardstick ÷
// channel. It leaves out the client's share and the machine's other load, so it is much steadier
// than a rate on a shared machine. The drain is not counted: waiting for a delayed doorbell, an
// idle hub's timers and the bench's own polls would weigh more than the deliveries.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '../lib/bench-hub.mjs';
import { signHubHeaders } from '../lib/hub-client.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const N = Math.max(10, Number(process.env.BENCH_N ?? 300));
const CONCURRENCY = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 8));
const WARMUP = 20;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
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
const SESSION_SECRET = process.env.SESSION_SECRET ?? 'dev-session-secret-not-for-production';

/**
 * A mailbox form nonce as the hub issues one (channels/mailbox/form-nonce.ts), made here so that
 * the measure is the POST alone and not a GET of the form before each letter.
 */
function mailboxNonce() {
  const issuedAt = String(Date.now()).padStart(13, '0');
  const id = randomBytes(16).toString('hex');
  const mac = createHmac('sha256', SESSION_SECRET).update(`csrf|mailbox-form|${issuedAt}|${id}`).digest('base64url');
  return `${issuedAt}.${id}.${mac}`;
}

/**
 * CPU milliseconds used so far by every process in a process group (the hub's: wrangler spawns
 * its workerd processes in the group the bench started). Null where /proc is not there.
 */
function groupCpuMs(group) {
  if (!group || !existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(12) stime(13).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // /proc counts in USER_HZ, 100 a second on Linux
}

// Real residents' messages (../shared/data, beside the repository) when present: a centre's
// traffic is many different matters, not a few texts repeated.
const sharedData = resolve(root, '..', 'shared', 'data', 'messages-train.jsonl');
const realTexts = existsSync(sharedData)
  ? readFileSync(sharedData, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).text.replaceAll('_x000D_', '').slice(0, 1500))
  : [];
const fallbackTexts = [
  '小区门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
  '楼下烧烤店油烟很大，每天晚上排放到十一点，窗户都不敢开。',
  '公司拖欠三个月工资，多次讨要无果，请劳动监察部门帮忙处理。',
  '孩子今年上小学，想咨询一下学区划分和入学报名需要准备哪些材料。',
];
const texts = realTexts.length ? realTexts : fallbackTexts;
let seq = 0;
const nextText = () => `${texts[seq++ % texts.length]}（编号${seq}）`;
// A different resident each time, as at a real centre: one resident sending the same few texts
// hundreds of times would be measuring the merging of repeats, not intake.
const residentPhone = () => `137${String(10_000_000 + seq).padStart(8, '0')}`;

/** Request builders: each call makes a distinct, valid message for that channel. */
const scenarios = {
  trivial_insert: () => ({ path: '/__bench/insert', init: { method: 'POST' } }),
  phone: () => {
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
    return {
      path: '/channels/phone/calls',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signHubHeaders(PHONE_SECRET, body) },
        body,
      },
    };
  },
  mailbox: () => {
    const form = new URLSearchParams({
      nonce: mailboxNonce(),
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
    // One address per request: the per-address limit is not what is being measured.
    const ip = `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
    return {
      path: '/mailbox',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
        body: form.toString(),
      },
    };
  },
  open311: () => {
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
  },
  // WeChat's plain mode: the signature is SHA-1 over the sorted token, timestamp and nonce. Each
  // message comes from another follower, so none joins an earlier conversation.
  wechat: () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(seq);
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
  },
  wechaty: () => {
    const body = JSON.stringify({
      messageId: `bench-${randomUUID()}`,
      talkerId: `wxid_bench_${seq}`,
      talkerName: '居民',
      text: nextText(),
      sentAt: new Date().toISOString(),
    });
    return {
      path: '/channels/wechaty',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signHubHeaders(WECHATY_SECRET, body) },
        body,
      },
    };
  },
  // E-mail through wrangler dev's local route into the Worker's email handler.
  email: () => {
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
  },
  api_messages: () => {
    const body = JSON.stringify({
      channel: 'api',
      externalId: `bench-${randomUUID()}`,
      receivedAt: new Date().toISOString(),
      sender: { phone: residentPhone() },
      text: nextText(),
    });
    return {
      path: '/api/v1/messages',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
        body,
      },
    };
  },
};

async function measure(url, make, count) {
  let next = 0;
  let failures = 0;
  let firstFailure = '';
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const { path, init } = make();
      const res = await fetch(url + path, init);
      const text = await res.text();
      if (res.status >= 300) {
        failures++;
        firstFailure ||= `${res.status} ${text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, failures, firstFailure };
}

/** Waits (at most 15 s) until no delivery is pending. */
async function drainOutbox(url) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { deliveries } = await (await fetch(`${url}/__bench/pending`)).json();
    if (deliveries === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bench: the outbox did not drain within 15 s (is the queue consumer running?)');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run() {
  const external = process.env.BENCH_URL;
  const hub = external ? { url: external.replace(/\/$/, ''), stop: async () => {} } : await startHub();
  const at = new Date().toISOString();
  const entries = [];
  try {
    // Interleaved rounds: every round measures the trivial insert and each channel back to back,
    // and each channel's ratio is taken within its round. A shared machine's load drifts over a
    // run, and the database grows through it: both then weigh on the yardstick and the channels
    // alike, instead of on whichever ran during a busy spell.
    const names = Object.keys(scenarios);
    const perRound = Math.max(10, Math.floor(N / ROUNDS));
    for (const name of names) await measure(hub.url, scenarios[name], WARMUP);
    const rates = Object.fromEntries(names.map((n) => [n, []]));
    const cpuMs = Object.fromEntries(names.map((n) => [n, 0]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) {
        const cpuBefore = groupCpuMs(hub.processGroup);
        const r = await measure(hub.url, scenarios[name], perRound);
        if (r.failures > 0)
          throw new Error(`bench ${name}: ${r.failures}/${perRound} requests failed, first: ${r.firstFailure}`);
        if (cpuBefore !== null) cpuMs[name] += groupCpuMs(hub.processGroup) - cpuBefore;
        rates[name].push(r.rps);
        await drainOutbox(hub.url);
      }
    }
    const n = perRound * ROUNDS;
    const baseline = median(rates.trivial_insert);
    entries.push({ name: 'intake.trivial_insert', value: Number(baseline.toFixed(1)), unit: 'req/s', n, at });
    const cpuPerRequest = (name) => cpuMs[name] / n;
    const measuredCpu = groupCpuMs(hub.processGroup) !== null;
    if (measuredCpu)
      entries.push({
        name: 'intake.trivial_insert.hub_cpu',
        value: Number(cpuPerRequest('trivial_insert').toFixed(3)),
        unit: 'ms/req',
        n,
        at,
      });
    for (const name of names) {
      if (name === 'trivial_insert') continue;
      const ratio = median(rates[name].map((r, i) => r / rates.trivial_insert[i]));
      entries.push({
        name: `intake.${name}`,
        value: Number(median(rates[name]).toFixed(1)),
        unit: 'req/s',
        baseline: Number(baseline.toFixed(1)),
        ratio: Number(ratio.toFixed(3)),
        n,
        at,
      });
      if (measuredCpu) {
        entries.push({
          name: `intake.${name}.hub_cpu`,
          value: Number(cpuPerRequest(name).toFixed(3)),
          unit: 'ms/req',
          baseline: Number(cpuPerRequest('trivial_insert').toFixed(3)),
          ratio: Number((cpuPerRequest('trivial_insert') / cpuPerRequest(name)).toFixed(3)),
          n,
          at,
        });
      }
    }
  } finally {
    await hub.stop();
  }
  return entries;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (entries) => {
      console.table(entries.map(({ name, value, unit, ratio }) => ({ name, value, unit, ratio })));
      console.log(JSON.stringify(entries));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
