// Trains the routing classifier: TF-IDF over character n-grams and segmenter words, then one
// linear NB-SVM per label (one-vs-rest SVM over features scaled by the label's naive Bayes
// log-count ratio, L2-regularised squared hinge loss, solved by dual coordinate descent as in
// LIBLINEAR), folded back into plain linear weights. Pure and deterministic: the same examples in the same order give a
// byte-identical model (seeded shuffles, stable sorts, quantised weights). Runs in Node for
// `routing:train` and anywhere else; never at request time.

import { decisionValues, encodeBase64, loadModel, MODEL_FORMAT, type ModelJson, softmax } from './classifier-model';
import { normaliseText } from './normalise-text';
import { seededRandom, shuffleInPlace } from './seeded-random';
import { type SparseVector, tfidfVector } from './sparse-vector';
import { defaultFeatureOptions, type FeatureOptions, messageFeatures, segmentWords } from './text-features';

export type TrainingExample = { id?: string; title?: string | null; text: string; label: string };

export type TrainOptions = {
  features: FeatureOptions;
  /** Inverse regularisation strength of the SVMs. */
  C: number;
  /** Passes of coordinate descent (it usually stops earlier, at `tolerance`). */
  maxEpochs: number;
  tolerance: number;
  /** A feature must occur in this many messages to enter the vocabulary. */
  minDf: number;
  /** Keep at most this many features (those with the largest weights) to bound model size. */
  maxFeatures: number;
  /** Folds used to fit the softmax temperature on held-out decision values (0: fixed at 5). */
  calibrationFolds: number;
  /** Scale each one-vs-rest SVM's positive-class cost by (negatives / positives) ** this power. */
  positiveWeightPower: number;
  /** Laplace smoothing of the NB-SVM's log-count ratios. */
  nbAlpha: number;
  seed: number;
};

export const defaultTrainOptions: TrainOptions = {
  features: defaultFeatureOptions,
  C: 2,
  maxEpochs: 60,
  tolerance: 0.05,
  minDf: 2,
  maxFeatures: 60000,
  calibrationFolds: 3,
  // NB-SVM alone with half-balanced costs, chosen over the plain SVM by cross-validation
  // (routing/README.md, Results).
  positiveWeightPower: 0.5,
  nbAlpha: 1,
  seed: 12345,
};

// Probe sentences whose segmentation the model records, so a runtime whose ICU segments Chinese
// differently (and would silently lose word features) can be detected by `checkTokeniser`.
const PROBE_SENTENCES = [
  '小区物业乱收停车费，业主多次投诉没有结果',
  '公司拖欠农民工工资三个月，要求劳动监察部门处理',
  '孩子上幼儿园难，希望增加公办学位',
  '公交车司机态度恶劣，乱收费',
  '医院挂号难，医保报销比例太低',
];

type Prepared = { vectors: SparseVector[]; vocabulary: string[]; idf: Float64Array };

/** Feature counts of every example, computed once and shared by folds. */
export function featuriseExamples(
  examples: readonly TrainingExample[],
  features: FeatureOptions,
): Map<string, number>[] {
  return examples.map((e) => messageFeatures(e.title, e.text, features));
}

function prepare(counts: readonly Map<string, number>[], minDf: number): Prepared {
  const df = new Map<string, number>();
  for (const doc of counts) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const vocabulary = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .map(([key]) => key)
    // Code-unit order: independent of the data's order and of the runtime's locale.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<string, number>();
  vocabulary.forEach((key, i) => {
    index.set(key, i);
  });
  const n = counts.length;
  const idf = new Float64Array(vocabulary.length);
  vocabulary.forEach((key, i) => {
    idf[i] = Math.log((1 + n) / (1 + df.get(key)!)) + 1;
  });
  return { vectors: counts.map((doc) => tfidfVector(doc, index, idf)), vocabulary, idf };
}

/**
 * Naive Bayes log-count ratio of every feature for one label: log of the smoothed share of the
 * label's messages that contain it over the same share among the other messages.
 */
function logCountRatio(vectors: SparseVector[], y: Int8Array, dim: number, alpha: number): Float64Array {
  const p = new Float64Array(dim).fill(alpha);
  const q = new Float64Array(dim).fill(alpha);
  vectors.forEach((v, i) => {
    const into = y[i] === 1 ? p : q;
    for (let k = 0; k < v.index.length; k++) into[v.index[k]!]! += 1;
  });
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    sp += p[j]!;
    sq += q[j]!;
  }
  const r = new Float64Array(dim);
  for (let j = 0; j < dim; j++) r[j] = Math.log(p[j]! / sp) - Math.log(q[j]! / sq);
  return r;
}

/**
 * One label's linear scorer, an NB-SVM (Wang & Manning 2012): an SVM over features scaled by the
 * label's naive Bayes log-count ratio r. Its weights fold back into one linear model (w ∘ r) over
 * the plain TF-IDF vector, so the packed model and the serving code are those of a plain SVM.
 */
function trainLabel(
  vectors: SparseVector[],
  y: Int8Array,
  dim: number,
  options: TrainOptions,
  seed: number,
): { w: Float64Array; b: number } {
  const r = logCountRatio(vectors, y, dim, options.nbAlpha);
  const scaled = vectors.map((v) => ({
    index: v.index,
    value: Float64Array.from(v.value, (x, k) => x * r[v.index[k]!]!),
  }));
  const nb = trainBinarySvm(scaled, y, dim, options, seededRandom(seed + 1000));
  const w = new Float64Array(dim);
  for (let j = 0; j < dim; j++) w[j] = nb.w[j]! * r[j]!;
  return { w, b: nb.b };
}

/**
 * One binary L2-loss SVM (squared hinge) by dual coordinate descent (Hsieh et al. 2008). The
 * bias is an extra feature of constant value 1, regularised like the others, as LIBLINEAR does
 * with -B 1.
 */
function trainBinarySvm(
  vectors: SparseVector[],
  y: Int8Array,
  dim: number,
  options: TrainOptions,
  random: () => number,
): { w: Float64Array; b: number } {
  const n = vectors.length;
  const w = new Float64Array(dim);
  let b = 0;
  const alpha = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) positives++;
  const positiveCost = options.C * (positives > 0 ? ((n - positives) / positives) ** options.positiveWeightPower : 1);
  const diagOf = new Float64Array(n);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cost = y[i] === 1 ? positiveCost : options.C;
    // The squared hinge puts the cost on the dual's diagonal and leaves the dual unbounded above.
    diagOf[i] = 1 / (2 * cost);
    let s = 1; // the bias feature
    const v = vectors[i]!.value;
    for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
    qd[i] = s + diagOf[i]!;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    shuffleInPlace(order, random);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const { index, value } = vectors[i]!;
      const yi = y[i]!;
      let dot = b;
      for (let k = 0; k < index.length; k++) dot += w[index[k]!]! * value[k]!;
      const g = yi * dot - 1 + diagOf[i]! * alpha[i]!;
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!;
        alpha[i] = Math.max(old - g / qd[i]!, 0);
        const step = (alpha[i]! - old) * yi;
        for (let k = 0; k < index.length; k++) w[index[k]!]! += step * value[k]!;
        b += step;
      }
    }
    if (maxPg - minPg < options.tolerance) break;
  }
  return { w, b };
}

type RawModel = { labels: string[]; vocabulary: string[]; idf: Float64Array; weights: Float64Array[]; bias: number[] };

function trainRaw(
  counts: readonly Map<string, number>[],
  labelsOf: readonly string[],
  options: TrainOptions,
): RawModel {
  const labels = [...new Set(labelsOf)].sort();
  const { vectors, vocabulary, idf } = prepare(counts, options.minDf);
  const weights: Float64Array[] = [];
  const bias: number[] = [];
  labels.forEach((label, c) => {
    const y = Int8Array.from(labelsOf, (l) => (l === label ? 1 : -1));
    const { w, b } = trainLabel(vectors, y, vocabulary.length, options, options.seed + c);
    weights.push(w);
    bias.push(b);
  });
  return { labels, vocabulary, idf, weights, bias };
}

function rawDecisions(raw: RawModel, index: Map<string, number>, counts: Map<string, number>): number[] {
  const vector = tfidfVector(counts, index, raw.idf);
  return raw.labels.map((_, c) => {
    let s = raw.bias[c]!;
    for (let k = 0; k < vector.index.length; k++) s += raw.weights[c]![vector.index[k]!]! * vector.value[k]!;
    return s;
  });
}

/** Deterministic stratified fold assignment: fold of each example index. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    byLabel.set(label, [...(byLabel.get(label) ?? []), i]);
  });
  const fold = new Array<number>(labels.length).fill(0);
  const random = seededRandom(seed);
  for (const label of [...byLabel.keys()].sort()) {
    const members = shuffleInPlace(byLabel.get(label)!.slice(), random);
    members.forEach((i, k) => {
      fold[i] = k % folds;
    });
  }
  return fold;
}

/** Temperature that maximises the log-likelihood of held-out decision values (grid search). */
function fitTemperature(decisions: number[][], truth: number[]): number {
  let best = 5;
  let bestLoss = Infinity;
  for (let t = 0.5; t <= 30; t += 0.25) {
    let loss = 0;
    decisions.forEach((d, i) => {
      loss -= Math.log(Math.max(softmax(d, t)[truth[i]!]!, 1e-12));
    });
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Picks the strongest features, quantises and packs a raw model into its JSON form. */
function packModel(
  raw: RawModel,
  temperature: number,
  options: TrainOptions,
  examples: readonly TrainingExample[],
): ModelJson {
  const k = raw.labels.length;
  const strength = raw.vocabulary.map((_, i) => {
    let m = 0;
    for (let c = 0; c < k; c++) m = Math.max(m, Math.abs(raw.weights[c]![i]!));
    return m;
  });
  const kept = raw.vocabulary
    .map((_, i) => i)
    .filter((i) => strength[i]! > 0)
    .sort((a, b) => strength[b]! - strength[a]! || a - b)
    .slice(0, options.maxFeatures)
    .sort((a, b) => a - b);
  const weightScale = raw.labels.map((_, c) => {
    let m = 0;
    for (const i of kept) m = Math.max(m, Math.abs(raw.weights[c]![i]!));
    return m > 0 ? m / 127 : 1;
  });
  const idfScale = 255 / kept.reduce((m, i) => Math.max(m, raw.idf[i]!), 1);
  const idfBytes = new Uint8Array(kept.length);
  const weightBytes = new Int8Array(kept.length * k);
  kept.forEach((i, row) => {
    idfBytes[row] = Math.round(raw.idf[i]! * idfScale);
    for (let c = 0; c < k; c++) weightBytes[row * k + c] = Math.round(raw.weights[c]![i]! / weightScale[c]!);
  });
  const perLabel: Record<string, number> = {};
  for (const label of raw.labels) perLabel[label] = examples.filter((e) => e.label === label).length;
  return {
    format: MODEL_FORMAT,
    version: 1,
    labels: raw.labels,
    features: options.features,
    vocabulary: kept.map((i) => raw.vocabulary[i]!).join(' '),
    idf: encodeBase64(idfBytes),
    idfScale: round(idfScale, 6),
    weights: encodeBase64(new Uint8Array(weightBytes.buffer)),
    weightScale: weightScale.map((s) => Number(s.toPrecision(8))),
    bias: raw.bias.map((b) => round(b, 6)),
    temperature,
    probe: PROBE_SENTENCES.map((text) => ({ text, words: segmentWords(normaliseText(text)) })),
    training: {
      examples: examples.length,
      perLabel,
      options: {
        C: options.C,
        maxEpochs: options.maxEpochs,
        tolerance: options.tolerance,
        minDf: options.minDf,
        maxFeatures: options.maxFeatures,
        calibrationFolds: options.calibrationFolds,
        positiveWeightPower: options.positiveWeightPower,
        nbAlpha: options.nbAlpha,
        seed: options.seed,
      },
    },
  };
}

/**
 * Trains a model from labelled examples (the training file plus any dispatcher corrections).
 * `precomputed` lets cross-validation reuse feature counts across folds.
 */
export function trainModel(
  examples: readonly TrainingExample[],
  partial: Partial<TrainOptions> = {},
  precomputed?: readonly Map<string, number>[],
): ModelJson {
  const options: TrainOptions = {
    ...defaultTrainOptions,
    ...partial,
    features: { ...defaultTrainOptions.features, ...partial.features },
  };
  if (examples.length === 0) throw new Error('no training examples');
  const counts = precomputed ?? featuriseExamples(examples, options.features);
  const labelsOf = examples.map((e) => e.label);
  const raw = trainRaw(counts, labelsOf, options);

  let temperature = 5;
  if (options.calibrationFolds >= 2 && examples.length >= options.calibrationFolds * 2) {
    const fold = stratifiedFolds(labelsOf, options.calibrationFolds, options.seed);
    const decisions: number[][] = [];
    const truth: number[] = [];
    for (let f = 0; f < options.calibrationFolds; f++) {
      const train = counts.filter((_, i) => fold[i] !== f);
      const trainLabels = labelsOf.filter((_, i) => fold[i] !== f);
      const inner = trainRaw(train, trainLabels, options);
      const index = new Map<string, number>();
      inner.vocabulary.forEach((key, i) => {
        index.set(key, i);
      });
      counts.forEach((doc, i) => {
        if (fold[i] !== f) return;
        const d = rawDecisions(inner, index, doc);
        // Held-out decisions in the full model's label order (a fold may miss a rare label).
        decisions.push(raw.labels.map((label) => d[inner.labels.indexOf(label)] ?? -1));
        truth.push(raw.labels.indexOf(labelsOf[i]!));
      });
    }
    temperature = fitTemperature(decisions, truth);
  }
  return packModel(raw, temperature, options, examples);
}

/** Predicts with a packed model on precomputed counts (used by cross-validation). */
export function predictCounts(json: ModelJson, counts: readonly Map<string, number>[]): string[] {
  const model = loadModel(json);
  return counts.map((doc) => {
    const vector = tfidfVector(doc, model.vocabulary, model.idf);
    const d = decisionValues(model, vector);
    let best = 0;
    for (let c = 1; c < d.length; c++) if (d[c]! > d[best]!) best = c;
    return model.labels[best]!;
  });
}
