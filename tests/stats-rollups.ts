// The rollups as the triggers kept them beside the same sums computed from scratch over the
// tickets and ratings (tickets/stats/rollup-sql.ts), for tests that prove they agree.
import { env } from 'cloudflare:test';
import { dailyColumns } from '../tickets/stats/facts';
import { recomputedRollups } from '../tickets/stats/rollup-sql';

type Rows = Record<string, unknown>[];

const keyed = (rows: Rows, keys: string[]) =>
  Object.fromEntries(
    rows.map((r) => [
      keys.map((k) => String(r[k])).join('|'),
      Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))),
    ]),
  );

/** A table's non-zero rows, keyed by their primary key. */
async function nonZero(table: string, keys: string[], values: readonly string[]) {
  const anyValue = values.map((v) => `${v} <> 0`).join(' or ');
  const { results } = await env.DB.prepare(
    `select ${[...keys, ...values].join(', ')} from ${table} where ${anyValue}`,
  ).all();
  return keyed(results as Rows, keys);
}

async function recomputed(query: string, keys: string[]) {
  const { results } = await env.DB.prepare(query).all();
  return keyed(results as Rows, keys);
}

/** The three rollups as kept and as recomputed, for `expect(kept).toEqual(recomputed)`. */
export async function rollupsKeptAndRecomputed() {
  const q = recomputedRollups();
  return {
    kept: {
      daily: await nonZero('stats_daily', ['day', 'department_code'], dailyColumns),
      volume: await nonZero('stats_volume', ['dimension', 'day', 'department_code', 'key'], ['received', 'replied']),
      lights: await nonZero('stats_lights', ['department_code', 'light'], ['tickets']),
    },
    recomputed: {
      daily: await recomputed(q.daily, ['day', 'department_code']),
      volume: await recomputed(q.volume, ['dimension', 'day', 'department_code', 'key']),
      lights: await recomputed(q.lights, ['department_code', 'light']),
    },
  };
}
