// The trained text classifier as it ships in the Worker: a JSON document (vocabulary, IDF and
// one-vs-rest linear weights, quantised to bytes and base64-packed to stay well under 2 MB), and
// the scoring that turns a message into calibrated label probabilities.

import { z } from 'zod';
import { normaliseText } from './normalise-text';
import { countIndexFeatures } from './serving-features';
import type { SparseVector } from './sparse-vector';
import type { FeatureOptions } from './text-features';

export const MODEL_FORMAT = 'hub-12345/routing-model';

/** The JSON form of a model (what `routing:train` writes and the Worker imports). */
export type ModelJson = {
  format: typeof MODEL_FORMAT;
  version: 1;
  labels: string[];
  features: FeatureOptions;
  /** Feature keys, space-separated, in index order. */
  vocabulary: string;
  /** IDF per feature as unsigned bytes: idf = byte / idfScale. */
  idf: string;
  idfScale: number;
  /** Weights as signed bytes, feature-major ([feature × labels]): w = byte × weightScale[label]. */
  weights: string;
  weightScale: number[];
  bias: number[];
  /** Softmax temperature fitted on held-out decision values, so scores read as probabilities. */
  temperature: number;
  /** Sentences and the word features Intl.Segmenter gave at training time (see `checkTokeniser`). */
  probe: { text: string; words: string[] }[];
  training: { examples: number; perLabel: Record<string, number>; options: Record<string, number> };
};

export type Model = {
  labels: string[];
  features: FeatureOptions;
  vocabulary: Map<string, number>;
  idf: Float64Array;
  /** Dequantised weights, feature-major. */
  weights: Float32Array;
  bias: number[];
  temperature: number;
  json: ModelJson;
};

export type LabelScore = { label: string; score: number };

// The feature options serving counts (routing/serving-features.ts packs n-grams of up to three
// code units into two integers): a model trained with others is refused when it is loaded.
const servedFeatures = z.strictObject({
  ngramMin: z.int().min(1).max(3),
  ngramMax: z.int().min(1).max(3),
  words: z.literal(true),
  titleBoost: z.number().min(0),
  titleTagged: z.literal(true),
  leadTagged: z.int().min(0),
}) satisfies z.ZodType<FeatureOptions>;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Validates and unpacks a model JSON. Throws on a document that is not a routing model. */
export function loadModel(json: unknown): Model {
  const doc = json as ModelJson;
  if (!doc || doc.format !== MODEL_FORMAT || doc.version !== 1) throw new Error('not a routing model (format/version)');
  const features = servedFeatures.safeParse(doc.features);
  if (!features.success)
    throw new Error(`routing model has feature options serving does not count: ${features.error.message}`);
  const keys = doc.vocabulary.length ? doc.vocabulary.split(' ') : [];
  const labels = doc.labels;
  const idfBytes = decodeBase64(doc.idf);
  const weightBytes = new Int8Array(decodeBase64(doc.weights).buffer);
  if (idfBytes.length !== keys.length || weightBytes.length !== keys.length * labels.length) {
    throw new Error('routing model is inconsistent: vocabulary, idf and weights differ in length');
  }
  const vocabulary = new Map<string, number>();
  keys.forEach((key, i) => {
    vocabulary.set(key, i);
  });
  const idf = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) idf[i] = idfBytes[i]! / doc.idfScale;
  const weights = new Float32Array(weightBytes.length);
  for (let i = 0; i < weightBytes.length; i++) weights[i] = weightBytes[i]! * doc.weightScale[i % labels.length]!;
  return {
    labels,
    features: features.data,
    vocabulary,
    idf,
    weights,
    bias: doc.bias,
    temperature: doc.temperature,
    json: doc,
  };
}

/** Raw one-vs-rest decision values of a vector, one per label. */
export function decisionValues(model: Model, vector: SparseVector): number[] {
  const k = model.labels.length;
  const scores = model.bias.slice();
  for (let n = 0; n < vector.index.length; n++) {
    const base = vector.index[n]! * k;
    const v = vector.value[n]!;
    for (let c = 0; c < k; c++) scores[c]! += v * model.weights[base + c]!;
  }
  return scores;
}

/** Softmax with temperature: decision values → probabilities that sum to 1. */
export function softmax(values: number[], temperature: number): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp((v - max) * temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Decision values from counts keyed by vocabulary index (sublinear TF-IDF, L2 norm, linear). */
function decisionValuesOfIndexCounts(model: Model, indices: ArrayLike<number>, counts: ArrayLike<number>): number[] {
  const k = model.labels.length;
  const sums = new Float64Array(k);
  let norm = 0;
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n]!;
    const v = (1 + Math.log(counts[n]!)) * model.idf[i]!;
    norm += v * v;
    const base = i * k;
    for (let c = 0; c < k; c++) sums[c]! += v * model.weights[base + c]!;
  }
  // Nothing the model knows: every label equally likely (the bias alone would be a guess).
  if (norm === 0) return model.bias.map(() => 0);
  const scale = 1 / Math.sqrt(norm);
  return model.bias.map((b, c) => b + sums[c]! * scale);
}

/**
 * Decision values straight from feature counts: the same arithmetic as `tfidfVector` followed
 * by `decisionValues`.
 */
export function decisionValuesOfCounts(model: Model, counts: Map<string, number>): number[] {
  const indices: number[] = [];
  const values: number[] = [];
  for (const [feature, count] of counts) {
    const i = model.vocabulary.get(feature);
    if (i !== undefined) {
      indices.push(i);
      values.push(count);
    }
  }
  return decisionValuesOfIndexCounts(model, indices, values);
}

function rank(model: Model, probabilities: number[]): LabelScore[] {
  return (
    model.labels
      .map((label, i) => ({ label, score: probabilities[i]! }))
      // Ties (only possible on empty input) fall back to label order, keeping results stable.
      .sort((a, b) => b.score - a.score || model.labels.indexOf(a.label) - model.labels.indexOf(b.label))
  );
}

/**
 * Labels of a message, most likely first, with probabilities in [0, 1]. Normalises the text
 * itself; `title` is optional (the mailbox and WeChat have one, the phone does not).
 */
export function classify(model: Model, text: string, title?: string | null): LabelScore[] {
  return classifyNormalised(model, normaliseText(text), title ? normaliseText(title) : '');
}

/** Same as `classify` for title and text that are already normalised (`normaliseText`). */
export function classifyNormalised(model: Model, text: string, title = ''): LabelScore[] {
  return rank(model, softmax(decisionValuesOfNormalised(model, text, title), model.temperature));
}

/** Decision values of a normalised message: the serving path (routing/serving-features.ts). */
function decisionValuesOfNormalised(model: Model, text: string, title = ''): number[] {
  const { touched, counts } = countIndexFeatures(model, title, text);
  return decisionValuesOfIndexCounts(model, touched, counts);
}
