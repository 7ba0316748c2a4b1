// npm run routing:thresholds -- --data FILE.jsonl [--folds 5]
// Coverage and accuracy of auto-dispatch at thresholds 0.50–0.95 from k-fold cross-validation
// of the whole training pipeline (calibration included): each fold's model scores the messages
// it never saw, and a message is auto-dispatched when its top probability reaches the threshold.
// The figures behind `demoThreshold` in routing/demo-data.ts.

import { decisionValuesOfCounts, loadModel, softmax } from '../routing/classifier-model';
import { defaultTrainOptions, featuriseExamples, stratifiedFolds, trainModel } from '../routing/train-classifier';
import { mergeExamples, parseArgs, readExamples } from './routing-data';

const args = parseArgs(process.argv.slice(2));
const data = args.get('data') ?? [];
if (data.length === 0) {
  console.error('usage: npm run routing:thresholds -- --data FILE.jsonl [--folds 5]');
  process.exit(2);
}
const folds = Number(args.get('folds')?.[0] ?? 5);
const examples = mergeExamples(data.map(readExamples));
const counts = featuriseExamples(examples, defaultTrainOptions.features);
const labels = examples.map((e) => e.label);
// The same fold assignment as crossValidate, so the two reports describe the same models.
const fold = stratifiedFolds(labels, folds, defaultTrainOptions.seed + 1);
const top: { score: number; correct: boolean }[] = [];
for (let f = 0; f < folds; f++) {
  const train = examples.map((_, i) => i).filter((i) => fold[i] !== f);
  const model = loadModel(
    trainModel(
      train.map((i) => examples[i]!),
      {},
      train.map((i) => counts[i]!),
    ),
  );
  examples.forEach((_, i) => {
    if (fold[i] !== f) return;
    const p = softmax(decisionValuesOfCounts(model, counts[i]!), model.temperature);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    top.push({ score: p[best]!, correct: model.labels[best] === labels[i] });
  });
}
for (let t = 50; t <= 95; t += 5) {
  const auto = top.filter((x) => x.score >= t / 100);
  const right = auto.filter((x) => x.correct).length;
  console.log(
    JSON.stringify({
      threshold: t / 100,
      coverage: Math.round((auto.length / top.length) * 1000) / 1000,
      accuracy: auto.length ? Math.round((right / auto.length) * 1000) / 1000 : null,
    }),
  );
}
