// Repeated cross-validation of routing classifier variants against the shipped pipeline.
// One fold assignment is noisy (about ±0.002 macro-F1), so every variant is scored on the same
// several fold seeds and compared by the mean. Everything a variant fits (vocabulary, weights,
// neighbours, filters) is fitted inside the training part of each fold only.
//
//   PATH=$PWD/node_modules/.bin:$PATH tsx scripts/experiments/routing-variants.ts \
//     --data ../shared/data/messages-train.jsonl [--variant base,untagged,...] [--seeds 12346,1,2]
//     [--base untagged]   (the option set under knn / tf-* variants)
// Variants: the names in `optionVariants`, knn (kNN votes mixed into the decision values),
// tf-binary / tf-sqrt / tf-square (term-frequency variants), clean (noisy-label filtering).
// One line of JSON per variant: mean macro-F1 and accuracy over the seeds, and each seed's.

import { decisionValues, loadModel, type Model } from '../../routing/classifier-model';
import { scorePredictions } from '../../routing/evaluate-classifier';
import { type SparseVector, tfidfVector } from '../../routing/sparse-vector';
import {
  defaultTrainOptions,
  featuriseExamples,
  stratifiedFolds,
  type TrainOptions,
  trainModel,
} from '../../routing/train-classifier';
import { readExamples } from '../routing-data';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const examples = readExamples(args.get('data') ?? '../shared/data/messages-train.jsonl');
const seeds = (args.get('seeds') ?? '12346,1,2').split(',').map(Number);
const variants = (args.get('variant') ?? 'base').split(',');
const labelsOf = examples.map((e) => e.label);
const labelSet = [...new Set(labelsOf)].sort();

type Fold = { train: number[]; test: number[] };
function foldsOf(seed: number): Fold[] {
  const fold = stratifiedFolds(labelsOf, 5, seed);
  return [0, 1, 2, 3, 4].map((f) => ({
    train: fold.flatMap((g, i) => (g !== f ? [i] : [])),
    test: fold.flatMap((g, i) => (g === f ? [i] : [])),
  }));
}

const argmax = (d: number[]) => d.reduce((b, x, c) => (x > d[b]! ? c : b), 0);

function macro(decisions: number[][]): { f1: number; acc: number; m: ReturnType<typeof scorePredictions> } {
  const m = scorePredictions(
    labelsOf,
    decisions.map((d) => labelSet[argmax(d)]!),
  );
  return { f1: m.macro_f1, acc: m.accuracy, m };
}

/** Cosine kNN: for each test vector, its `k` most similar train vectors as [index, similarity]. */
function nearest(train: SparseVector[], test: SparseVector[], k: number): [number, number][][] {
  const postings = new Map<number, [number, number][]>();
  train.forEach((v, d) =>
    v.index.forEach((j, n) => (postings.get(j) ?? postings.set(j, []).get(j)!).push([d, v.value[n]!])),
  );
  return test.map((v) => {
    const sims = new Float64Array(train.length);
    v.index.forEach((j, n) => {
      for (const [d, x] of postings.get(j) ?? []) sims[d]! += x * v.value[n]!;
    });
    // Partial selection of the top k (k is small).
    const top: [number, number][] = [];
    for (let d = 0; d < sims.length; d++) {
      const s = sims[d]!;
      if (top.length < k || s > top[top.length - 1]![1]) {
        let at = top.length;
        while (at > 0 && top[at - 1]![1] < s) at--;
        top.splice(at, 0, [d, s]);
        if (top.length > k) top.pop();
      }
    }
    return top;
  });
}

type Oof = { decisions: number[][]; vectors: { fold: Fold; model: Model }[] };

/** Out-of-fold decision values of trainModel with `options` (no calibration: argmax only). */
function oof(
  seed: number,
  options: Partial<TrainOptions>,
  counts: Map<string, number>[],
  pick?: (train: number[], fold: Fold) => number[],
): Oof {
  const decisions: number[][] = new Array(examples.length);
  const vectors: Oof['vectors'] = [];
  for (const fold of foldsOf(seed)) {
    const train = pick ? pick(fold.train, fold) : fold.train;
    const json = trainModel(
      train.map((i) => examples[i]!),
      { calibrationFolds: 0, ...options },
      train.map((i) => counts[i]!),
    );
    const model = loadModel(json);
    for (const i of fold.test)
      decisions[i] = decisionValues(model, tfidfVector(counts[i]!, model.vocabulary, model.idf));
    vectors.push({ fold, model });
  }
  return { decisions, vectors };
}

const countCache = new Map<string, Map<string, number>[]>();
function countsFor(options: Partial<TrainOptions>): Map<string, number>[] {
  const features = { ...defaultTrainOptions.features, ...options.features };
  const key = JSON.stringify(features);
  if (!countCache.has(key)) countCache.set(key, featuriseExamples(examples, features));
  return countCache.get(key)!;
}

function report(name: string, perSeed: number[][][]) {
  const scores = perSeed.map(macro);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    JSON.stringify({
      variant: name,
      macroF1: +mean(scores.map((s) => s.f1)).toFixed(4),
      accuracy: +mean(scores.map((s) => s.acc)).toFixed(4),
      perSeed: scores.map((s) => s.f1),
    }),
  );
  if (args.get('per-label')) console.log(JSON.stringify(scores[0]!.m.per_label));
}

// The features of the model before tagged titles, for comparison.
// (Set explicitly: trainModel spreads these over the current defaults.)
const untagged = { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1, titleTagged: false, leadTagged: 0 };

/** Option sets scored as they are: name → options ("base" is the current default). */
const optionVariants: Record<string, Partial<TrainOptions>> = {
  base: {},
  untagged: { features: untagged },
  titleTagged: { features: { ...untagged, titleTagged: true } },
  titleTaggedBoost0: { features: { ...untagged, titleTagged: true, titleBoost: 0 } },
  leadTagged40: { features: { ...untagged, titleTagged: true, leadTagged: 40 } },
  leadTagged25: { features: { ...untagged, titleTagged: true, leadTagged: 25 } },
  leadTagged20: { features: { ...untagged, titleTagged: true, leadTagged: 20 } },
  leadTagged15: { features: { ...untagged, titleTagged: true, leadTagged: 15 } },
  titleTaggedC3: { C: 3, features: { ...untagged, titleTagged: true } },
};

for (const variant of variants) {
  if (variant in optionVariants) {
    const options = optionVariants[variant]!;
    report(
      variant,
      seeds.map((s) => oof(s, options, countsFor(options)).decisions),
    );
  } else if (variant === 'knn') {
    // NB-SVM decision values plus λ × kNN votes over the model's own TF-IDF vectors.
    const baseOptions = optionVariants[args.get('base') ?? 'base']!;
    const counts = countsFor(baseOptions);
    const bases = seeds.map((s) => oof(s, baseOptions, counts));
    report(
      'knn λ=0 (base)',
      bases.map((b) => b.decisions),
    );
    const label = labelsOf.map((l) => labelSet.indexOf(l));
    const neighbours = bases.map((b) => {
      const out: [number, number][][] = new Array(examples.length);
      for (const { fold, model } of b.vectors) {
        const vec = (i: number) => tfidfVector(counts[i]!, model.vocabulary, model.idf);
        const near = nearest(fold.train.map(vec), fold.test.map(vec), 30);
        fold.test.forEach((i, n) => (out[i] = near[n]!.map(([d, s]) => [label[fold.train[d]!]!, s])));
      }
      return out;
    });
    for (const k of [1, 3, 5, 10]) {
      for (const power of [1, 2]) {
        for (const lambda of [0.25, 0.5, 1]) {
          report(
            `knn k=${k} p=${power} λ=${lambda}`,
            bases.map((b, s) =>
              b.decisions.map((d, i) => {
                const votes = d.map(() => 0);
                for (const [c, sim] of neighbours[s]![i]!.slice(0, k)) votes[c]! += sim ** power;
                return d.map((x, c) => x + lambda * votes[c]!);
              }),
            ),
          );
        }
      }
    }
  } else if (variant.startsWith('tf-')) {
    // Term-frequency variants by transforming the counts both training and serving would see:
    // tf-binary (presence, as the original NB-SVM), tf-sqrt (1 + ½ ln tf), tf-cap2.
    const transform: Record<string, (n: number) => number> = {
      'tf-binary': () => 1,
      'tf-sqrt': (n) => Math.sqrt(n),
      'tf-cap2': (n) => Math.min(n, 2),
      'tf-square': (n) => n * n,
    };
    const options = optionVariants[args.get('base') ?? 'base']!;
    const counts = countsFor(options).map((m) => new Map([...m].map(([k, n]) => [k, transform[variant]!(n)])));
    report(
      `${variant} on ${args.get('base') ?? 'base'}`,
      seeds.map((s) => oof(s, options, counts).decisions),
    );
  } else if (variant === 'clean') {
    // Drop training examples that inner 3-fold out-of-fold predictions contradict by a margin
    // (another label's decision value exceeds the example's own by more than τ), then retrain.
    const counts = countsFor({});
    const label = labelsOf.map((l) => labelSet.indexOf(l));
    const taus = [0.25, 0.5, 1];
    const results = taus.map(() => [] as number[][][]);
    for (const seed of seeds) {
      const out = taus.map(() => new Array<number[]>(examples.length));
      for (const fold of foldsOf(seed)) {
        const inner = stratifiedFolds(
          fold.train.map((i) => labelsOf[i]!),
          3,
          seed + 7,
        );
        const margin = new Map<number, number>();
        for (let g = 0; g < 3; g++) {
          const tr = fold.train.filter((_, n) => inner[n] !== g);
          const model = loadModel(
            trainModel(
              tr.map((i) => examples[i]!),
              { calibrationFolds: 0 },
              tr.map((i) => counts[i]!),
            ),
          );
          fold.train.forEach((i, n) => {
            if (inner[n] !== g) return;
            const d = decisionValues(model, tfidfVector(counts[i]!, model.vocabulary, model.idf));
            margin.set(i, Math.max(...d.filter((_, c) => c !== label[i])) - d[label[i]!]!);
          });
        }
        taus.forEach((tau, t) => {
          const tr = fold.train.filter((i) => margin.get(i)! <= tau);
          if (t === 0) console.error(`seed ${seed}: τ=${tau} keeps ${tr.length}/${fold.train.length}`);
          const model = loadModel(
            trainModel(
              tr.map((i) => examples[i]!),
              { calibrationFolds: 0 },
              tr.map((i) => counts[i]!),
            ),
          );
          for (const i of fold.test)
            out[t]![i] = decisionValues(model, tfidfVector(counts[i]!, model.vocabulary, model.idf));
        });
      }
      taus.forEach((_, t) => results[t]!.push(out[t]!));
    }
    taus.forEach((tau, t) => report(`clean τ=${tau}`, results[t]!));
  } else throw new Error(`unknown variant ${variant}`);
}
