// Benchmark: the public pages and search (政务公开) at city scale. Seeds BENCH_PUBLIC_N published
// replies (default 100,000) into a fresh local D1 through POST /__bench/seed-publications: real
// residents' messages (../shared/data/messages-train.jsonl, cycled) answered by the department
// their label stands for, indexed as the hub indexes them, so search terms hit as they would in a
// centre's archive. Then times, sequentially, BENCH_PUBLIC_REQUESTS requests (default 100) of:
// the list page GET /public, one reply GET /public/{ticketNo}, the search API
// GET /api/v1/public/replies?q= with a common two-character term, a longer phrase and a rare term,
// and the list page searching (GET /public?q=). Each twice: cached, the same URL again once the
// edge cache (worker/middleware/edge-cache.ts) holds it; and cold, a miss every time: the public
// generation is bumped before each request (POST /__bench/public-generation, unmeasured), as a
// publication does, and every reply request asks for another ticket. Entries
// public.<what>.<cold|cached>.<p50|p99>: a cold figure's baseline is GET /healthz (a request that
// reads nothing: the floor of a round trip through the local server), a cached figure's is the
// cold one; ratio = baseline ÷ value. Every request comes from an address of its own, so the
// per-address limits on public endpoints are not what is measured.
import { startHub } from '../lib/bench-hub.mjs';
import { residentMessages } from '../lib/bench-intake-requests.mjs';
import { mapConcurrent, quantile, round } from '../lib/bench-stats.mjs';

const REPLIES = Math.max(1000, Number(process.env.BENCH_PUBLIC_N ?? 100_000));
const REQUESTS = Math.max(10, Number(process.env.BENCH_PUBLIC_REQUESTS ?? 100));
const PER_SEED_REQUEST = 1000;
const SEED_CONCURRENCY = 2;
const END_MS = Date.parse('2026-11-01T00:00:00+08:00');

const messages = residentMessages().map((m) => ({ title: m.title, text: m.text, label: m.label }));

let addresses = 0;
const visitor = () => {
  const a = ++addresses;
  return { 'cf-connecting-ip': `172.${16 + ((a >> 16) & 15)}.${(a >> 8) & 255}.${a & 255}` };
};

async function call(url, path, init = {}) {
  const res = await fetch(url + path, { ...init, headers: { ...visitor(), ...init.headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`bench public: ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

async function seed(url) {
  const started = performance.now();
  const batches = Math.ceil(REPLIES / PER_SEED_REQUEST);
  let last = started;
  await mapConcurrent(batches, SEED_CONCURRENCY, async (b) => {
    const from = b * PER_SEED_REQUEST;
    const count = Math.min(PER_SEED_REQUEST, REPLIES - from);
    const sent = Array.from({ length: count }, (_, k) => messages[(from + k) % messages.length]);
    await call(url, '/__bench/seed-publications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, endMs: END_MS, messages: sent }),
    });
    if (performance.now() - last > 15_000) {
      last = performance.now();
      console.error(`bench public: ${from + count} replies seeded`);
    }
  });
  return (performance.now() - started) / 1000;
}

/** How many seeded replies hold the term (in the title or the message), as search should find. */
const holding = (term) => {
  const sources = messages.filter((m) => `${m.title ?? ''}${m.text}`.includes(term)).length;
  return Math.round((sources * REPLIES) / messages.length);
};

/** A two-character term in exactly one source message and in none of the replies' own words. */
function rareTerm() {
  const seen = new Map();
  for (const m of messages) {
    const words = new Set(m.text.match(/\p{Script=Han}{2}/gu) ?? []);
    for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  for (const [w, n] of seen) if (n === 1 && !/您|问题|感谢|核实|单位|热线/.test(w)) return w;
  return '踌躇';
}

/** What is timed: a path for request i (the reply pages vary the ticket when cold). */
function targets() {
  const ticketNo = (i) => `P${String(((i * 7919) % REPLIES) + 1).padStart(9, '0')}`;
  const rare = rareTerm();
  const q = (term) => `/api/v1/public/replies?q=${encodeURIComponent(term)}`;
  return [
    { name: 'list', path: () => '/public' },
    { name: 'reply', path: (i) => `/public/${ticketNo(i)}` },
    { name: 'search_api.two_chars', term: '小区', path: () => q('小区') },
    { name: 'search_api.phrase', term: '噪音扰民', path: () => q('噪音扰民') },
    { name: 'search_api.rare', term: rare, path: () => q(rare) },
    { name: 'search_page.two_chars', term: '小区', path: () => `/public?q=${encodeURIComponent('小区')}` },
  ];
}

async function timed(url, paths, before = async () => {}) {
  const ms = [];
  for (const path of paths) {
    await before();
    const t = performance.now();
    await call(url, path);
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}

/** The search's first page, which must not be empty for a term the seeded replies hold. */
async function firstPage(url, t) {
  const { items } = JSON.parse(await call(url, t.path(0)));
  if (items.length === 0 && holding(t.term) > 0) throw new Error(`bench public: ${t.term} found nothing`);
  return items.length;
}

const bump = (url) => () => call(url, '/__bench/public-generation', { method: 'POST' });

function entriesOf(name, cold, cached, floor, common) {
  const e = (state, q, value, base) => ({
    name: `public.${name}.${state}.${q}`,
    value: round(value, 2),
    unit: 'ms',
    baseline: round(base, 2),
    ratio: round(base / value),
    ...common,
  });
  return [
    e('cold', 'p50', cold.p50, floor.p50),
    e('cold', 'p99', cold.p99, floor.p99),
    e('cached', 'p50', cached.p50, cold.p50),
    e('cached', 'p99', cached.p99, cold.p99),
  ];
}

export async function run() {
  if (!messages.length) throw new Error('bench public: ../shared/data/messages-train.jsonl is needed');
  const at = new Date().toISOString();
  const hub = await startHub({ HUB_DEMO_HISTORY: 'false' });
  const entries = [];
  try {
    const seconds = await seed(hub.url);
    console.error(`bench public: ${REPLIES} replies seeded in ${seconds.toFixed(0)} s`);
    const n = REPLIES;
    entries.push({ name: 'public.seed', value: Math.round(REPLIES / seconds), unit: 'replies/s', n, at });
    const each = (f) => Array.from({ length: REQUESTS }, (_, i) => f(i));
    for (let i = 0; i < 5; i++) await call(hub.url, '/healthz');
    const floor = await timed(
      hub.url,
      each(() => '/healthz'),
    );
    entries.push({ name: 'public.noop.p50', value: round(floor.p50, 2), unit: 'ms', n: REQUESTS, at });
    for (const t of targets()) {
      const common = { n, requests: REQUESTS, at, ...(t.term && { term: t.term, holding: holding(t.term) }) };
      const cold = await timed(hub.url, each(t.path), bump(hub.url));
      await call(hub.url, t.path(0));
      const cached = await timed(
        hub.url,
        each(() => t.path(0)),
      );
      const first = t.name.startsWith('search_api') ? { firstPage: await firstPage(hub.url, t) } : {};
      const made = entriesOf(t.name, cold, cached, floor, { ...common, ...first });
      for (const m of made) console.error(`bench public: ${m.name} ${m.value} ms`);
      entries.push(...made);
    }
  } finally {
    await hub.stop();
  }
  return entries;
}
