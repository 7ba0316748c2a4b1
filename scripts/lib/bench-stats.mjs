// What the benchmarks measure with: timed requests at a fixed concurrency, quantiles, and the CPU
// time the hub's own processes spent meanwhile.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The q-quantile by the nearest-rank method (p99 of 300 is the 297th). */
export function quantile(xs, q) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const round = (x, digits = 3) => Number(x.toFixed(digits));

/**
 * Sends every request in `requests` ({ path, init }), `concurrency` at a time, and times each from
 * its send to its whole answer read. A 3xx or worse counts as a failure (the first is kept).
 */
export async function sendTimed(url, requests, concurrency) {
  let next = 0;
  let failures = 0;
  let firstFailure = '';
  const latencies = [];
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const { path, init } = requests[next++];
      const t = performance.now();
      const res = await fetch(url + path, init);
      const text = await res.text();
      latencies.push(performance.now() - t);
      if (res.status >= 300) {
        failures++;
        firstFailure ||= `${res.status} ${path} ${text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { rps: requests.length / seconds, latencies, failures, firstFailure };
}

/** Runs `make(i)` for i < count, `concurrency` at a time, and answers the results in order. */
export async function mapConcurrent(count, concurrency, make) {
  const out = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

/**
 * CPU milliseconds used so far by every process in a process group (the hub's: wrangler spawns
 * its workerd processes in the group the bench started). Null where /proc is not there.
 */
export function groupCpuMs(group) {
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
