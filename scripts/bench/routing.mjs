// Routing benchmark: 5-fold cross-validated macro-F1 and accuracy of the training pipeline on
// messages-train.jsonl, the shipped model's size against the 2 MB budget, and the time per
// message measured inside workerd (Miniflare), where the Worker really runs: of one classify()
// call, and of the whole decision intake makes for every message (routeMessage(): the model,
// the rules, the place, urgency, entities and the repeat signature) with the demo city's context,
// median and p99 over the file's messages.
// `run()` returns entries for `npm run bench`; `node scripts/bench/routing.mjs` prints them.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import * as miniflare from 'miniflare';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataPath = process.env.ROUTING_BENCH_DATA ?? resolve(root, '../shared/data/messages-train.jsonl');
const modelPath = join(root, 'routing/model/model.json');

// The Worker that times classify(). workerd does not advance its clocks while JavaScript runs
// (a Spectre mitigation), so the worker times nothing itself: each message is one request,
// timed from outside, that classifies the message REPEAT times; the median round trip of a
// request that classifies nothing is subtracted and the rest divided by REPEAT. Repeating keeps
// the noise of a request's round trip from swamping the much smaller figure of one call.
const REPEAT = 10;
const WORKER_SOURCE = `
import { classify, demoRoutingContext, routeMessage, shippedModel } from './routing/index.ts';
let texts = [];
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/load') {
      texts = await request.json();
      shippedModel();
      return new Response(String(texts.length));
    }
    const t = texts[Number(url.searchParams.get('i'))];
    const repeat = Number(url.searchParams.get('r'));
    let label = '';
    if (url.pathname === '/route') {
      const context = demoRoutingContext();
      const input = { channel: 'api', title: t.title ?? null, text: t.text, hints: {} };
      for (let k = 0; k < repeat; k++) label = routeMessage(input, context).category ?? '';
    } else {
      for (let k = 0; k < repeat; k++) label = classify(shippedModel(), t.text, t.title)[0].label;
    }
    return new Response(label);
  },
};`;

async function bundle(dir, entrySource, platform) {
  const entry = join(root, `.bench-entry-${process.pid}-${platform}.ts`);
  writeFileSync(entry, entrySource);
  try {
    const out = join(dir, `${platform}.mjs`);
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform,
      target: 'es2022',
      outfile: out,
      logLevel: 'error',
    });
    return out;
  } finally {
    rmSync(entry, { force: true });
  }
}

function readExamples() {
  return readFileSync(dataPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : 0;
};

const round = (x) => Math.round(x * 10000) / 10000;

/** Per message: the median and p99 of `path`'s work, with the round trip of an empty request taken off. */
async function timePerMessage(mf, path, count) {
  const noop = [];
  const each = [];
  for (let i = 0; i < count; i++) {
    let t0 = performance.now();
    await (await mf.dispatchFetch(`http://bench${path}?i=${i}&r=0`)).text();
    noop.push(performance.now() - t0);
    t0 = performance.now();
    await (await mf.dispatchFetch(`http://bench${path}?i=${i}&r=${REPEAT}`)).text();
    each.push(performance.now() - t0);
  }
  const overhead = median(noop);
  const perMessage = each.map((ms) => Math.max(0, ms - overhead) / REPEAT);
  return {
    medianMs: median(perMessage),
    p99Ms: quantile(perMessage, 0.99),
    roundTripMs: median(each),
    noopMs: overhead,
  };
}

async function timeInsideWorkerd(workerPath, examples) {
  const worker = {
    name: 'routing-bench',
    modules: true,
    script: readFileSync(workerPath, 'utf8'),
    compatibilityDate: '2026-08-01',
    compatibilityFlags: ['nodejs_compat'],
  };
  // Miniflare 5 takes workerd-shaped options; its converter still accepts the familiar v4 form.
  const options = miniflare.convertV4MiniflareOptions
    ? miniflare.convertV4MiniflareOptions({ workers: [worker] })
    : { workers: [worker] };
  const mf = new miniflare.Miniflare(options);
  try {
    await mf.ready;
    const body = JSON.stringify(examples.map((e) => ({ title: e.title, text: e.text })));
    await (await mf.dispatchFetch('http://bench/load', { method: 'POST', body })).text();
    // Warm up: lazy tables, the JIT, the connection.
    for (let i = 0; i < 200; i++) await (await mf.dispatchFetch(`http://bench/c?i=${i % examples.length}&r=1`)).text();
    for (let i = 0; i < 200; i++)
      await (await mf.dispatchFetch(`http://bench/route?i=${i % examples.length}&r=1`)).text();
    const classify = await timePerMessage(mf, '/c', examples.length);
    const route = await timePerMessage(mf, '/route', examples.length);
    return { ...classify, route, n: examples.length };
  } finally {
    // dispose() can outlive the measurement by a long time on some Miniflare 5 betas; do not wait.
    await Promise.race([mf.dispose(), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}

export async function run() {
  const at = new Date().toISOString();
  const dir = mkdtempSync(join(tmpdir(), 'routing-bench-'));
  try {
    const examples = readExamples();
    const workerPath = await bundle(dir, WORKER_SOURCE, 'browser');
    const timing = await timeInsideWorkerd(workerPath, examples);
    const nodeLib = await bundle(dir, `export * from './routing/index.ts';`, 'node');
    const routing = await import(pathToFileURL(nodeLib).href);
    const t0 = performance.now();
    const cv = process.env.ROUTING_BENCH_SKIP_CV
      ? { macro_f1: NaN, accuracy: NaN, n: 0 }
      : routing.crossValidate(examples, 5);
    const cvSeconds = (performance.now() - t0) / 1000;
    const modelBytes = statSync(modelPath).size;
    const budget = 2 * 1024 * 1024;
    return [
      {
        name: 'routing.cv5.macro_f1',
        value: cv.macro_f1,
        unit: 'ratio',
        baseline: 0.91,
        ratio: round(cv.macro_f1 / 0.91),
        n: cv.n,
        at,
      },
      { name: 'routing.cv5.accuracy', value: cv.accuracy, unit: 'ratio', n: cv.n, at },
      { name: 'routing.cv5.seconds', value: round(cvSeconds), unit: 's', n: 5, at },
      {
        name: 'routing.model.bytes',
        value: modelBytes,
        unit: 'bytes',
        baseline: budget,
        ratio: round(modelBytes / budget),
        at,
      },
      {
        name: 'routing.workerd.classify_median_ms',
        value: round(timing.medianMs),
        unit: 'ms',
        baseline: 1,
        ratio: round(timing.medianMs),
        n: timing.n,
        at,
      },
      { name: 'routing.workerd.classify_p99_ms', value: round(timing.p99Ms), unit: 'ms', n: timing.n, at },
      // Routing's whole decision, the share of intake's time that is routing.
      {
        name: 'routing.workerd.route_median_ms',
        value: round(timing.route.medianMs),
        unit: 'ms/msg',
        baseline: round(timing.medianMs),
        ratio: round(timing.medianMs / timing.route.medianMs),
        n: timing.n,
        at,
      },
      { name: 'routing.workerd.route_p99_ms', value: round(timing.route.p99Ms), unit: 'ms/msg', n: timing.n, at },
      // One request makes REPEAT classifications.
      { name: 'routing.workerd.request_median_ms', value: round(timing.roundTripMs), unit: 'ms', n: timing.n, at },
      { name: 'routing.workerd.noop_request_median_ms', value: round(timing.noopMs), unit: 'ms', n: timing.n, at },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const entry of await run()) console.log(JSON.stringify(entry));
  process.exit(0);
}
