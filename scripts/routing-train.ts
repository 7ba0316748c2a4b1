// npm run routing:train -- --data FILE.jsonl [--data corrections.jsonl …] --out MODEL.json
//   [--cv 5]  also print k-fold cross-validation of the same pipeline on the same data
// Trains the routing classifier; the same data always gives a byte-identical model.
import { writeFileSync } from 'node:fs';
import { crossValidate } from '../routing/evaluate-classifier';
import { trainModel } from '../routing/train-classifier';
import { mergeExamples, parseArgs, readExamples } from './routing-data';

const args = parseArgs(process.argv.slice(2));
const data = args.get('data') ?? [];
const out = args.get('out')?.[0];
if (data.length === 0 || !out) {
  console.error('usage: npm run routing:train -- --data FILE.jsonl [--data MORE.jsonl] --out MODEL.json [--cv 5]');
  process.exit(2);
}
const examples = mergeExamples(data.map(readExamples));
const started = performance.now();
const model = trainModel(examples);
const json = JSON.stringify(model);
writeFileSync(out, `${json}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const features = model.vocabulary.split(' ').length;
const bytes = Buffer.byteLength(json) + 1;
console.error(
  `trained on ${examples.length} examples in ${seconds} s: ` +
    `${model.labels.length} labels, ${features} features, ${bytes} bytes → ${out}`,
);
const folds = Number(args.get('cv')?.[0] ?? 0);
if (folds >= 2) console.log(JSON.stringify(crossValidate(examples, folds)));
