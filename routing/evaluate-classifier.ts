// Evaluation of the classifier: accuracy, per-label precision/recall/F1 and macro-F1, plus
// stratified k-fold cross-validation of the whole training pipeline (used by the README figures
// and the benchmark). Pure; timing is left to the callers.
import {
  defaultTrainOptions,
  featuriseExamples,
  predictCounts,
  stratifiedFolds,
  type TrainingExample,
  type TrainOptions,
  trainModel,
} from './train-classifier';

export type LabelMetrics = { precision: number; recall: number; f1: number; support: number };
export type Metrics = { n: number; accuracy: number; macro_f1: number; per_label: Record<string, LabelMetrics> };

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export function scorePredictions(truth: readonly string[], predicted: readonly string[]): Metrics {
  const labels = [...new Set(truth)].sort();
  const per_label: Record<string, LabelMetrics> = {};
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  let f1Sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (t === label && p === label) tp++;
      else if (p === label) fp++;
      else if (t === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    per_label[label] = { precision: r4(precision), recall: r4(recall), f1: r4(f1), support: tp + fn };
  }
  return {
    n: truth.length,
    accuracy: r4(truth.length ? correct / truth.length : 0),
    macro_f1: r4(labels.length ? f1Sum / labels.length : 0),
    per_label,
  };
}

/** Stratified k-fold cross-validation: out-of-fold predictions for every example, then metrics. */
export function crossValidate(
  examples: readonly TrainingExample[],
  folds = 5,
  partial: Partial<TrainOptions> = {},
): Metrics & { folds: number } {
  const options: TrainOptions = {
    ...defaultTrainOptions,
    ...partial,
    features: { ...defaultTrainOptions.features, ...partial.features },
  };
  const counts = featuriseExamples(examples, options.features);
  const labels = examples.map((e) => e.label);
  const fold = stratifiedFolds(labels, folds, options.seed + 1);
  const predicted = new Array<string>(examples.length);
  for (let f = 0; f < folds; f++) {
    const trainIdx = examples.map((_, i) => i).filter((i) => fold[i] !== f);
    const testIdx = examples.map((_, i) => i).filter((i) => fold[i] === f);
    const model = trainModel(
      trainIdx.map((i) => examples[i]!),
      options,
      trainIdx.map((i) => counts[i]!),
    );
    const out = predictCounts(
      model,
      testIdx.map((i) => counts[i]!),
    );
    for (const [k, i] of testIdx.entries()) predicted[i] = out[k]!;
  }
  return { ...scorePredictions(labels, predicted), folds };
}
