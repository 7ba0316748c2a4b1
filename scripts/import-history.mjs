#!/usr/bin/env node
// History import: `npm run import -- --file calls.jsonl [--url http://127.0.0.1:8787]
// [--token …] [--batch 25] [--hold-for-review]`. Imported replies with the resident's consent are
// published as reviewed; --hold-for-review leaves them for the reviewers. Streams the JSONL file
// (DESIGN.md "History import", one ticket a line) and POSTs it in small batches to the hub's
// POST /api/v1/import, with a progress bar on stderr. Safe to run again: records already imported
// come back as duplicates and change nothing.
// The token is INTEGRATION_TOKENS' first entry (--token or HUB_INTEGRATION_TOKEN; the
// development default otherwise).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';

const { values } = parseArgs({
  options: {
    file: { type: 'string', short: 'f' },
    url: { type: 'string', default: process.env.HUB_URL ?? 'http://127.0.0.1:8787' },
    token: { type: 'string', default: process.env.HUB_INTEGRATION_TOKEN ?? 'dev-integration-token' },
    batch: { type: 'string', default: '25' },
    // Imported replies count as reviewed and are published; this leaves them in the reviewers' queue.
    'hold-for-review': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || !values.file) {
  process.stderr.write(
    'usage: npm run import -- --file history.jsonl [--url http://127.0.0.1:8787] [--token TOKEN] [--batch 25]' +
      ' [--hold-for-review]\n',
  );
  process.exit(values.help ? 0 : 2);
}

const batchSize = Math.max(1, Math.min(100, Number(values.batch) || 25));
const holdForReview = values['hold-for-review'] ? '?holdForReview=true' : '';
const endpoint = `${values.url.replace(/\/$/, '')}/api/v1/import${holdForReview}`;
// Under the hub's 2 MB import limit (channels/import/routes.ts importMaxBytes), with room for the array.
const maxBatchBytes = 2000 * 1024;

/** Counts lines first so the bar can show a total and an ETA; cheap next to the HTTP work. */
async function countLines(file) {
  let n = 0;
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) n++;
  return n;
}

async function postBatch(records) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${values.token}` },
        body: JSON.stringify(records),
      });
      const body = await res.json().catch(() => null);
      if (res.status === 401 || res.status === 403)
        throw Object.assign(new Error(`refused (${res.status}): check --token`), { fatal: true });
      if (!res.ok) throw new Error(`hub answered ${res.status}: ${JSON.stringify(body?.error ?? body)}`);
      return body;
    } catch (err) {
      if (err.fatal || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

async function main() {
  await stat(values.file);
  const total = await countLines(values.file);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: [
        '导入 {bar} {percentage}%',
        '{value}/{total} 条',
        '新建 {created} 重复 {duplicates} 失败 {failed}',
        '{rate}/s',
        '剩余 {eta_formatted}',
      ].join(' | '),
      hideCursor: true,
      etaBuffer: 200,
      // In a log (no terminal) print the line every few seconds instead of redrawing it.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const counts = { created: 0, duplicates: 0, failed: 0 };
  const started = Date.now();
  const rate = () =>
    ((counts.created + counts.duplicates + counts.failed) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  bar.start(total, 0, { ...counts, rate: '0.0' });
  const failures = [];
  const warnings = [];

  let lineNo = 0;
  let pending = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    pendingBytes = 0;
    const records = pending.map((p) => p.record);
    const lines = pending.map((p) => p.lineNo);
    pending = [];
    const answer = await postBatch(records);
    answer.results.forEach((r, i) => {
      if (!r.ok) {
        counts.failed++;
        failures.push({ line: lines[i], externalId: r.externalId, error: r.error });
      } else if (r.duplicate) counts.duplicates++;
      else counts.created++;
      if (r.ok && r.warnings) warnings.push({ line: lines[i], externalId: r.externalId, warnings: r.warnings });
    });
    bar.increment(records.length, { ...counts, rate: rate() });
  };

  const rl = createInterface({ input: createReadStream(values.file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      counts.failed++;
      failures.push({ line: lineNo, error: { code: 'invalid_json', message: 'line is not valid JSON' } });
      bar.increment(1, { ...counts, rate: rate() });
      continue;
    }
    // The hub's import bodies are capped at 2 MB: batches stay under it, a larger line fails alone.
    const bytes = Buffer.byteLength(line);
    if (bytes > maxBatchBytes) {
      counts.failed++;
      failures.push({
        line: lineNo,
        externalId: record?.externalId,
        error: { code: 'too_large', message: `line is ${bytes} bytes; the hub takes at most ${maxBatchBytes}` },
      });
      bar.increment(1, { ...counts, rate: rate() });
      continue;
    }
    if (pendingBytes + bytes > maxBatchBytes) await flush();
    pending.push({ record, lineNo });
    pendingBytes += bytes;
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  bar.stop();

  for (const f of failures.slice(0, 20)) {
    const where = `line ${f.line}${f.externalId ? ` (${f.externalId})` : ''}`;
    const details = f.error.details ? ` ${JSON.stringify(f.error.details)}` : '';
    process.stderr.write(`${where}: ${f.error.code} ${f.error.message}${details}\n`);
  }
  if (failures.length > 20) process.stderr.write(`… and ${failures.length - 20} more failed lines\n`);
  for (const w of warnings.slice(0, 20))
    process.stderr.write(`line ${w.line} (${w.externalId}): imported, but ${w.warnings.join('; ')}\n`);
  if (warnings.length > 20) process.stderr.write(`… and ${warnings.length - 20} more lines with warnings\n`);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ total, ...counts, withWarnings: warnings.length, seconds: Number(seconds.toFixed(1)) })}\n`,
  );
  process.exit(counts.failed > 0 ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`\nimport stopped: ${err.message}\n`);
  process.exit(1);
});
