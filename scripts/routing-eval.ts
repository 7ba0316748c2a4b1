// npm run routing:eval -- [--model MODEL.json] --data FILE.jsonl
// Prints one JSON line: { n, accuracy, macro_f1, per_label, ms_per_msg }. Without --model the
// shipped model (routing/model/model.json) is evaluated. ms_per_msg is the median time of one
// classify() call here in Node (normalisation included); the workerd figure is in the bench.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, loadModel } from '../routing/classifier-model';
import { scorePredictions } from '../routing/evaluate-classifier';
import { mergeExamples, parseArgs, readExamples } from './routing-data';

const args = parseArgs(process.argv.slice(2));
const modelPath =
  args.get('model')?.[0] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../routing/model/model.json');
const data = args.get('data') ?? [];
if (data.length === 0) {
  console.error('usage: npm run routing:eval -- [--model MODEL.json] --data FILE.jsonl');
  process.exit(2);
}
const model = loadModel(JSON.parse(readFileSync(modelPath, 'utf8')));
const examples = mergeExamples(data.map(readExamples));
// Warm up (lazy converters, segmenter, JIT) so the timing is of steady state.
for (const e of examples.slice(0, 50)) classify(model, e.text, e.title);
const times: number[] = [];
const predicted = examples.map((e) => {
  const t0 = performance.now();
  const label = classify(model, e.text, e.title)[0]!.label;
  times.push(performance.now() - t0);
  return label;
});
times.sort((a, b) => a - b);
const median = times.length ? times[Math.floor(times.length / 2)]! : 0;
const metrics = scorePredictions(
  examples.map((e) => e.label),
  predicted,
);
console.log(JSON.stringify({ ...metrics, ms_per_msg: Math.round(median * 1000) / 1000 }));
