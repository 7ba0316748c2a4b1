import { describe, expect, it } from 'vitest';
import { decisionValuesOfCounts, decisionValuesOfNormalised, loadModel, type ModelJson } from './classifier-model';
import { normaliseText } from './normalise-text';
import { servesFast } from './serving-features';
import { shippedModel } from './shipped-model';
import { countFeatures, type FeatureOptions } from './text-features';
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

function stringPath(model: ReturnType<typeof loadModel>, title: string, text: string): number[] {
  return decisionValuesOfCounts(model, countFeatures(title, text, model.features));
}

describe('serving features', () => {
  it('gives bit for bit the decision values of the string path with the shipped model', () => {
    const model = shippedModel();
    expect(servesFast(model.features)).toBe(true);
    for (const [title, text] of messages) {
      const t = normaliseText(title);
      const body = normaliseText(text);
      expect(decisionValuesOfNormalised(model, body, t)).toEqual(stringPath(model, t, body));
    }
  });

  it.each([
    [
      'word bigrams, a title boost of two and n-grams of one to two characters',
      { ngramMin: 1, ngramMax: 2, words: true, titleBoost: 2, wordBigrams: true },
    ],
    ['untagged titles and no lead clause', { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1 }],
    [
      'tagged titles, a 10-character lead clause and no words',
      { ngramMin: 2, ngramMax: 3, words: false, titleBoost: 1, titleTagged: true, leadTagged: 10 },
    ],
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
    for (const [title, text] of messages) {
      expect(decisionValuesOfNormalised(model, normaliseText(text), normaliseText(title))).toEqual(
        stringPath(model, normaliseText(title), normaliseText(text)),
      );
    }
  });

  it('leaves the scratch counts clean between calls: the same message twice gives the same values', () => {
    const model = shippedModel();
    const [title, text] = messages[0]!;
    const first = decisionValuesOfNormalised(model, text, title);
    decisionValuesOfNormalised(model, messages[4]![1], messages[4]![0]);
    expect(decisionValuesOfNormalised(model, text, title)).toEqual(first);
  });
});
