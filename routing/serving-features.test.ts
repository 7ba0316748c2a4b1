// Serving counts features straight into vocabulary indices (routing/serving-features.ts); the
// string-keyed counts training reads (messageFeatures) are the reference it must match exactly.
import { describe, expect, it } from 'vitest';
import {
  classify,
  decisionValuesOfCounts,
  type LabelScore,
  loadModel,
  type Model,
  type ModelJson,
  softmax,
} from './classifier-model';
import { shippedModel } from './shipped-model';
import { type FeatureOptions, messageFeatures } from './text-features';
import { trainModel } from './train-classifier';

// Messages with what trips feature counting: titles, digits, Latin letters, punctuation, repeated
// n-grams, characters outside the BMP, traditional script, an empty title and an empty text.
const messages: [string, string][] = [
  ['路灯不亮', 'A6区月亮岛街道滨江路一带的路灯已经连续3天不亮了，晚上行人很不安全，请尽快修复。'],
  ['', '我在一家公司工作了三年，单位一直没有给我缴纳养老保险和医疗保险，请问应该怎么维权？'],
  ['学校乱收费', '孩子所在的小学每学期都要求家长缴纳补课费200元，请教育部门查处学校乱收费的问题。'],
  ['學校亂收費', '孩子所在的小學每學期都要求家長繳納補課費，請教育部門查處學校亂收費的問題。'],
  ['噪音', '楼下KTV每天晚上唱到凌晨2点，噪音噪音噪音，投诉了12345多次 (No.8812) 没有用！！'],
  ['𠮷野家', '𠮷野家门口的𠮷字招牌掉了一半，砸到人怎么办？𩸽鱼店也一样'],
  ['', ''],
  ['只有标题', ''],
];

/** The labels of the string path, ranked as `classify` ranks them (ties in label order). */
function stringPath(model: Model, title: string, text: string): LabelScore[] {
  const probabilities = softmax(
    decisionValuesOfCounts(model, messageFeatures(title, text, model.features)),
    model.temperature,
  );
  return model.labels
    .map((label, i) => ({ label, score: probabilities[i]! }))
    .sort((a, b) => b.score - a.score || model.labels.indexOf(a.label) - model.labels.indexOf(b.label));
}

describe('serving features', () => {
  it('gives bit for bit the scores of the string path with the shipped model', () => {
    const model = shippedModel();
    for (const [title, text] of messages) expect(classify(model, text, title)).toEqual(stringPath(model, title, text));
  });

  it.each([
    [
      'a title boost of two and n-grams of one to two characters',
      { ngramMin: 1, ngramMax: 2, words: true, titleBoost: 2, titleTagged: true, leadTagged: 25 },
    ],
    [
      'n-grams of two to three characters and a 10-character lead clause',
      { ngramMin: 2, ngramMax: 3, words: true, titleBoost: 1, titleTagged: true, leadTagged: 10 },
    ],
    ['no lead clause', { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1, titleTagged: true, leadTagged: 0 }],
  ] satisfies [string, FeatureOptions][])('also with %s', (_name, features) => {
    const examples = messages
      .filter(([, text]) => text)
      .flatMap(([title, text], i) =>
        [0, 1, 2].map((k) => ({
          id: `${i}-${k}`,
          title,
          text: `${text}${'补充说明'.repeat(k)}`,
          label: i % 2 ? '甲' : '乙',
        })),
      );
    const json: ModelJson = trainModel(examples, { features });
    const model = loadModel(json);
    for (const [title, text] of messages) expect(classify(model, text, title)).toEqual(stringPath(model, title, text));
  });

  it('leaves the scratch counts clean between calls: the same message twice gives the same values', () => {
    const model = shippedModel();
    const [title, text] = messages[0]!;
    const first = classify(model, text, title);
    classify(model, messages[4]![1], messages[4]![0]);
    expect(classify(model, text, title)).toEqual(first);
  });

  it('refuses a model with feature options serving does not count', () => {
    const json = shippedModel().json;
    // Four-character n-grams do not fit serving's packed keys; word bigrams are no longer counted.
    expect(() => loadModel({ ...json, features: { ...json.features, ngramMax: 4 } })).toThrow(/feature options/);
    expect(() => loadModel({ ...json, features: { ...json.features, wordBigrams: true } })).toThrow(/feature options/);
    expect(() => loadModel({ ...json, features: { ...json.features, titleTagged: false } })).toThrow(/feature options/);
  });
});
