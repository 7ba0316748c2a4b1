// The intake benchmark's figures at one concurrency (scripts/bench/intake.mjs), as `npm run bench`
// entries. Names: intake.<channel>.c<n>.<figure>. A rate's ratio is the channel's share of the
// yardstick's rate (the median of the rounds' ratios), a latency's or a CPU time's the
// yardstick's ÷ the channel's: below 1, the channel is that much slower than its yardstick.
//   rate               req/s, baseline the trivial insert's rate
//   rate_vs_raw_store  the same rate, baseline storing the raw message alone
//   p50, p99           ms per request, baseline the raw store's
//   hub_cpu            CPU ms the hub's processes spent per request, baseline the trivial insert's
// The yardsticks have rate, p50, p99 and hub_cpu of their own; the raw store's against the insert.
import { median, quantile, round } from './bench-stats.mjs';

/** One measured thing's figures over all its rounds. */
function figuresOf(s, n) {
  return {
    rates: s.rates,
    rate: median(s.rates),
    p50: quantile(s.latencies, 0.5),
    p99: quantile(s.latencies, 0.99),
    cpu: s.cpuMs === null ? null : s.cpuMs / n,
  };
}

const rateEntry = (name, own, yard, common) => ({
  name,
  value: round(own.rate, 1),
  unit: 'req/s',
  ...(yard && {
    baseline: round(yard.rate, 1),
    ratio: round(median(own.rates.map((r, i) => r / yard.rates[i]))),
  }),
  ...common,
});

const latencyEntry = (prefix, q, own, yard, common) => ({
  name: `${prefix}.${q}`,
  value: round(own[q], 2),
  unit: 'ms',
  ...(yard && { baseline: round(yard[q], 2), ratio: round(yard[q] / own[q]) }),
  ...common,
});

const cpuEntries = (prefix, own, yard, common) =>
  own.cpu === null
    ? []
    : [
        {
          name: `${prefix}.hub_cpu`,
          value: round(own.cpu),
          unit: 'ms/req',
          ...(yard && { baseline: round(yard.cpu), ratio: round(yard.cpu / own.cpu) }),
          ...common,
        },
      ];

export function intakeEntries(level, channelNames, at) {
  const { concurrency, n, seen } = level;
  const c = `c${concurrency}`;
  const common = { n, at, concurrency };
  const insert = figuresOf(seen.trivial_insert, n);
  const raw = figuresOf(seen.raw_store, n);
  const yardstick = (name, own, yard) => {
    const prefix = `intake.${name}.${c}`;
    return [
      rateEntry(`${prefix}.rate`, own, yard, common),
      latencyEntry(prefix, 'p50', own, yard, common),
      latencyEntry(prefix, 'p99', own, yard, common),
      ...cpuEntries(prefix, own, yard, common),
    ];
  };
  const entries = [...yardstick('trivial_insert', insert, null), ...yardstick('raw_store', raw, insert)];
  for (const name of channelNames) {
    const own = figuresOf(seen[name], n);
    const prefix = `intake.${name}.${c}`;
    entries.push(
      rateEntry(`${prefix}.rate`, own, insert, common),
      rateEntry(`${prefix}.rate_vs_raw_store`, own, raw, common),
      latencyEntry(prefix, 'p50', own, raw, common),
      latencyEntry(prefix, 'p99', own, raw, common),
      ...cpuEntries(prefix, own, insert, common),
    );
    const getMs = seen[name].getMs;
    if (getMs.length)
      entries.push({ name: `${prefix}.form_get_p50`, value: round(quantile(getMs, 0.5), 2), unit: 'ms', ...common });
  }
  return entries;
}
