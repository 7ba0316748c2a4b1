// Benchmark: the leaders' dashboard at city scale. Seeds BENCH_DASHBOARD_N synthetic tickets
// (default 1,000,000, some minutes of seeding; BENCH_TICKETS is its older name;
// channels/bench/synthetic-tickets.ts says how they are distributed) and their ratings into a
// fresh local D1 through POST /__bench/seed-tickets, so the rollups' triggers build the
// figures row by row as they would live (`dashboard.seed` is that rate: what the triggers cost),
// then times the overview, the ranking and the trend for a month and for a year, each next to the
// same figures computed with plain GROUP BY over the tickets and ratings (the yardstick,
// channels/bench/group-by-figures.ts, with every time column indexed and ANALYZE run).
// The rollup side goes through the real API as the demo leader when /api/v1/stats/… answers 200,
// otherwise through /__bench/stats/…, which calls the same loaders; each entry's `via` says which.
// Figures: the median of BENCH_REQUESTS sequential requests (default 30) after warm-up, with the
// p95 beside it; ratio = baseline ÷ value (how many times faster the rollups are). Seeding stops
// at BENCH_SEED_MINUTES (default 25: a busy shared machine seeds ~1,200 tickets a second) if it
// has not finished, and the entries carry the n reached.
import { startHub } from '../lib/bench-hub.mjs';

const TICKETS = Math.max(1000, Number(process.env.BENCH_DASHBOARD_N ?? process.env.BENCH_TICKETS ?? 1_000_000));
const REQUESTS = Math.max(5, Number(process.env.BENCH_REQUESTS ?? 30));
const WARMUP = 3;
const SEED_BUDGET_MS = Number(process.env.BENCH_SEED_MINUTES ?? 25) * 60_000;
/** The yardstick gets as many requests as fit in this, at least five. */
const BASELINE_BUDGET_MS = 45_000;
const PER_REQUEST = 10_000;
/** The demo accounts' password (db/seed/demo.ts). */
const DEMO_PASSWORD = process.env.HUB_DEMO_PASSWORD ?? 'hub-demo-12345';
const SEED_CONCURRENCY = 2;

// A year of tickets up to local midnight on 2026-11-01, the lights as they stand then.
const period = { startMs: Date.parse('2025-11-01T00:00:00+08:00'), endMs: Date.parse('2026-11-01T00:00:00+08:00') };
const periods = {
  month: { from: '2026-10-01', to: '2026-10-31', granularity: 'day' },
  year: { from: '2025-11-01', to: '2026-10-31', granularity: 'month' },
};
const kinds = ['overview', 'departments', 'trend'];

async function call(url, path, init) {
  const res = await fetch(url + path, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`bench dashboard: ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Seeds up to TICKETS, SEED_CONCURRENCY requests in flight; stops at the time budget. */
async function seed(url) {
  const started = performance.now();
  let next = 0;
  let seeded = 0;
  let ratings = 0;
  let lastReport = started;
  const worker = async () => {
    while (next < TICKETS && performance.now() - started < SEED_BUDGET_MS) {
      const from = next;
      const count = Math.min(PER_REQUEST, TICKETS - from);
      next += count;
      const body = JSON.stringify({ from, count, ...period });
      const r = await call(url, '/__bench/seed-tickets', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      seeded += r.tickets;
      ratings += r.ratings;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const rate = seeded / ((lastReport - started) / 1000);
        console.error(`bench dashboard: ${seeded} tickets seeded (${Math.round(rate)}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return { seeded, ratings, seconds: (performance.now() - started) / 1000 };
}

/** The demo leader's bearer token, or null when the stats API is not there yet. */
async function leaderApi(url) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }),
  });
  if (!res.ok) return null;
  const { token } = await res.json();
  const probe = await fetch(`${url}/api/v1/stats/overview?from=2026-10-01&to=2026-10-31`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await probe.text();
  return probe.status === 200 ? { authorization: `Bearer ${token}` } : null;
}

function rollupPath(kind, p, api) {
  const query = `from=${p.from}&to=${p.to}`;
  if (!api) return `/__bench/stats/${kind}?${query}&source=rollups`;
  return kind === 'trend'
    ? `/api/v1/stats/trend?${query}&granularity=${p.granularity}`
    : `/api/v1/stats/${kind}?${query}`;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Milliseconds per request, sequential, after `warmup` unmeasured ones. */
async function time(url, path, headers, count, { budgetMs = Number.POSITIVE_INFINITY, warmup = WARMUP } = {}) {
  for (let i = 0; i < warmup; i++) await call(url, path, { headers });
  const ms = [];
  const started = performance.now();
  while (ms.length < count && (ms.length < 5 || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await call(url, path, { headers });
    ms.push(performance.now() - t);
  }
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), requests: ms.length };
}

/** The yardstick must answer what the rollups answer, or the comparison means nothing. */
async function checkSameFigures(url, api) {
  const p = periods.year;
  const kept = await call(url, rollupPath('overview', p, api), { headers: api ?? {} });
  const plain = await call(url, `/__bench/stats/overview?from=${p.from}&to=${p.to}&source=group-by`);
  for (const key of ['received', 'dispatched', 'signed', 'replied', 'closed', 'overdue', 'rated', 'satisfied', 'red']) {
    if (kept[key] !== plain[key])
      throw new Error(`bench dashboard: ${key} is ${kept[key]} from the rollups, ${plain[key]} by GROUP BY`);
  }
  return kept;
}

export async function run() {
  const at = new Date().toISOString();
  const hub = await startHub({ HUB_DEMO_HISTORY: 'false' });
  const entries = [];
  try {
    const { seeded, ratings, seconds } = await seed(hub.url);
    const n = seeded;
    console.error(`bench dashboard: ${seeded} tickets and ${ratings} ratings in ${seconds.toFixed(0)} s`);
    entries.push({ name: 'dashboard.seed', value: Math.round(seeded / seconds), unit: 'tickets/s', n, at });
    const indexed = performance.now();
    await call(hub.url, '/__bench/index-time-columns', { method: 'POST' });
    console.error(
      `bench dashboard: yardstick's indexes and ANALYZE in ${((performance.now() - indexed) / 1000).toFixed(0)} s`,
    );
    const api = await leaderApi(hub.url);
    const via = api ? 'api' : 'loaders';
    const overview = await checkSameFigures(hub.url, api);
    console.error(`bench dashboard: via ${via}; the year: ${JSON.stringify(overview)}`);
    for (const [periodName, p] of Object.entries(periods)) {
      for (const kind of kinds) {
        const fast = await time(hub.url, rollupPath(kind, p, api), api ?? {}, REQUESTS);
        const plainPath = `/__bench/stats/${kind}?from=${p.from}&to=${p.to}&source=group-by`;
        // One warm-up is enough for a request that reads the whole table: its pages are then cached.
        const plain = await time(hub.url, plainPath, {}, REQUESTS, { budgetMs: BASELINE_BUDGET_MS, warmup: 1 });
        const entry = {
          name: `dashboard.${kind}.${periodName}`,
          value: Number(fast.median.toFixed(2)),
          unit: 'ms',
          baseline: Number(plain.median.toFixed(1)),
          ratio: Number((plain.median / fast.median).toFixed(1)),
          n,
          at,
          p95: Number(fast.p95.toFixed(2)),
          baselineP95: Number(plain.p95.toFixed(1)),
          requests: fast.requests,
          baselineRequests: plain.requests,
          via,
        };
        console.error(`bench dashboard: ${JSON.stringify(entry)}`);
        entries.push(entry);
      }
    }
  } finally {
    await hub.stop();
  }
  return entries;
}
