// Benchmark: each channel's intake (phone signed JSON, mailbox form, Open311 POST, WeChat XML, the
// Wechaty bridge, e-mail, /api/v1/messages) at 8 and at 32 concurrent requests: requests a second
// and the p50/p99 latency, beside two yardsticks measured in the same run at the same concurrency:
// a trivial one-row D1 insert (POST /__bench/insert), and storing the raw message alone (POST
// /__bench/store-raw: intake's own inbox statement through intake's own shared batch, the least an
// intake that keeps every message first can do). Then, one message at a time, the D1 round trips
// a single intake makes (the benchmark's Worker entry counts them, channels/bench/d1-counter.ts).
// Uses the hub at BENCH_URL if set (one run with `npm start -- worker/bench-entry.ts`, which has
// the /__bench routes); otherwise starts one as `npm start` does (scripts/lib/bench-hub.mjs) on a
// fresh local D1 and stops it afterwards. All traffic goes to 127.0.0.1, bounded: BENCH_N
// requests per endpoint and concurrency (default 300, in BENCH_ROUNDS interleaved rounds, default
// 5) at each of BENCH_CONCURRENCY (default "8,32"). Each rate ratio is the median of the rounds'.
// A channel's figure is intake: from request to answer, with its acknowledgement written to the
// outbox. Sending the acknowledgements is the outbox's work, done a second or two later from the
// queue; after each channel's round the bench waits, unmeasured, until the outbox has drained, so
// that work never lands in the next channel's (or a yardstick's) time. The mailbox's form is
// fetched fresh for every letter (GET /mailbox: its nonce may be the server's), before the round
// and unmeasured; `intake.mailbox.c<n>.form_get_p50` is what that GET costs.
// With a hub it started itself (Linux), the bench also reads the CPU time the hub's processes
// (wrangler, its proxy, workerd with the Worker and the local D1) spent per request during each
// round: `intake.<channel>.c<n>.hub_cpu`, with the trivial insert's as baseline and the ratio
// yardstick ÷ channel. It leaves out the client's share and the machine's other load, so it is
// much steadier than a rate on a shared machine.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '../lib/bench-hub.mjs';
import { intakeEntries } from '../lib/bench-intake-entries.mjs';
import { channels, yardsticks } from '../lib/bench-intake-requests.mjs';
import { groupCpuMs, mapConcurrent, median, sendTimed } from '../lib/bench-stats.mjs';

const N = Math.max(10, Number(process.env.BENCH_N ?? 300));
const CONCURRENCIES = String(process.env.BENCH_CONCURRENCY ?? '8,32')
  .split(',')
  .map((c) => Math.max(1, Number(c)));
const WARMUP = 20;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** Single intakes counted for the round trips; the median is reported. */
const ROUND_TRIP_SAMPLES = 5;
const scenarios = { ...yardsticks, ...channels };

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

/** The round's requests, built before it is timed (the mailbox's forms are fetched meanwhile). */
const buildRequests = (url, name, count, concurrency) => mapConcurrent(count, concurrency, () => scenarios[name](url));

async function sendRound(hub, name, count, concurrency) {
  const requests = await buildRequests(hub.url, name, count, concurrency);
  const cpuBefore = groupCpuMs(hub.processGroup);
  const r = await sendTimed(hub.url, requests, concurrency);
  if (r.failures > 0)
    throw new Error(`bench ${name}: ${r.failures}/${count} requests failed, first: ${r.firstFailure}`);
  const cpuMs = cpuBefore === null ? null : groupCpuMs(hub.processGroup) - cpuBefore;
  return { ...r, cpuMs, getMs: requests.flatMap((q) => (q.getMs === undefined ? [] : [q.getMs])) };
}

/**
 * Interleaved rounds at one concurrency: every round measures both yardsticks and each channel
 * back to back, and each rate ratio is taken within its round. A shared machine's load drifts
 * over a run, and the database grows through it: both then weigh on the yardsticks and the
 * channels alike, instead of on whichever ran during a busy spell.
 */
async function measureLevel(hub, concurrency) {
  // At least three waves a round, so a round is not one burst of `concurrency` requests.
  const perRound = Math.max(10, Math.floor(N / ROUNDS), 3 * concurrency);
  const names = Object.keys(scenarios);
  const seen = Object.fromEntries(names.map((n) => [n, { rates: [], latencies: [], cpuMs: 0, getMs: [] }]));
  for (const name of names) await sendRound(hub, name, WARMUP, concurrency);
  await drainOutbox(hub.url);
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of names) {
      const round = await sendRound(hub, name, perRound, concurrency);
      const s = seen[name];
      s.rates.push(round.rps);
      s.latencies.push(...round.latencies);
      s.getMs.push(...round.getMs);
      s.cpuMs = round.cpuMs === null ? null : s.cpuMs + round.cpuMs;
      await drainOutbox(hub.url);
    }
    console.error(`bench intake: c${concurrency} round ${r + 1}/${ROUNDS} done`);
  }
  return { concurrency, n: perRound * ROUNDS, seen };
}

/** The D1 calls one request makes, one at a time: the median of a few, after the rates' warm-up. */
async function countRoundTrips(url) {
  const post = (path) => fetch(url + path, { method: 'POST' }).then((r) => r.json());
  const counts = {};
  try {
    for (const name of Object.keys(scenarios)) {
      const calls = [];
      for (let k = 0; k < ROUND_TRIP_SAMPLES; k++) {
        const { path, init } = await scenarios[name](url);
        await post('/__bench/d1-count/start');
        const res = await fetch(url + path, init);
        await res.text();
        if (res.status >= 300) throw new Error(`bench ${name}: round-trip request answered ${res.status}`);
        // Anything the request left running after its answer is the request's too.
        await new Promise((r) => setTimeout(r, 200));
        calls.push((await (await fetch(`${url}/__bench/d1-count`)).json()).calls);
      }
      counts[name] = { median: median(calls), max: Math.max(...calls) };
      await drainOutbox(url);
    }
  } finally {
    await post('/__bench/d1-count/stop');
  }
  return counts;
}

export async function run() {
  const external = process.env.BENCH_URL;
  const hub = external ? { url: external.replace(/\/$/, ''), stop: async () => {} } : await startHub();
  const at = new Date().toISOString();
  const entries = [];
  try {
    for (const concurrency of CONCURRENCIES) {
      const level = await measureLevel(hub, concurrency);
      entries.push(...intakeEntries(level, Object.keys(channels), at));
    }
    const trips = await countRoundTrips(hub.url);
    for (const [name, { median: calls, max }] of Object.entries(trips))
      entries.push({
        name: `intake.${name}.d1_round_trips`,
        value: calls,
        unit: 'calls',
        max,
        n: ROUND_TRIP_SAMPLES,
        at,
      });
  } finally {
    await hub.stop();
  }
  return entries;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (entries) => {
      console.table(entries.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio })));
      console.log(JSON.stringify(entries));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
