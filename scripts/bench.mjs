// `npm run bench`: runs every benchmark module in scripts/bench/ (each exports `run()` returning
// entries `{ name, value, unit, baseline?, ratio?, n?, at }`), prints them as a table and writes
// bench/results.json so runs can be compared over time. `npm run bench -- routing` runs the
// modules whose file name contains "routing".
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const filter = process.argv[2];
const dir = new URL('./bench/', import.meta.url);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && (!filter || f.includes(filter)))
  .sort();

// A module that fails is reported and the others still run: one broken figure must not throw
// away a run whose dashboard took minutes to seed. The exit status says it failed.
const results = [];
const failed = [];
for (const file of modules) {
  console.error(`bench: ${file}`);
  const started = performance.now();
  try {
    const { run } = await import(pathToFileURL(new URL(file, dir).pathname).href);
    results.push(...(await run()));
  } catch (err) {
    console.error(`bench: ${file} failed`, err);
    failed.push(file);
  }
  console.error(`bench: ${file} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const rows = results.map((r) => [
  r.name,
  typeof r.value === 'number' ? +r.value.toPrecision(4) : r.value,
  r.unit,
  r.baseline ?? '',
  r.ratio === undefined ? '' : +r.ratio.toFixed(3),
  r.n ?? '',
]);
const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'n'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

mkdirSync(new URL('../bench/', import.meta.url), { recursive: true });
writeFileSync(new URL('../bench/results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.error(`bench: ${results.length} figures written to bench/results.json`);
if (failed.length) {
  console.error(`bench: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
