import { describe, expect, it } from 'vitest';
import { classify, loadModel } from './classifier-model';
import { crossValidate, scorePredictions } from './evaluate-classifier';
import { normaliseText } from './normalise-text';
import { shippedModel } from './shipped-model';
import { segmentWords } from './text-features';
import { stratifiedFolds, type TrainingExample, trainModel } from './train-classifier';

const examples: TrainingExample[] = [
  { id: '1', text: '公司拖欠工资三个月，老板失联，请劳动监察帮忙', label: '劳动和社会保障' },
  { id: '2', text: '单位不给缴纳社保，辞职后也不给补缴养老保险', label: '劳动和社会保障' },
  { id: '3', title: '讨薪', text: '工地包工头拖欠农民工工资不发', label: '劳动和社会保障' },
  { id: '4', text: '失业保险金怎么申领，社保卡在哪里办理', label: '劳动和社会保障' },
  { id: '5', text: '孩子上小学划片不合理，学位不够，家长很着急', label: '教育文体' },
  { id: '6', text: '幼儿园乱收费，学校还强制补课', label: '教育文体' },
  { id: '7', title: '学校食堂', text: '中学食堂饭菜质量差，学生反映强烈', label: '教育文体' },
  { id: '8', text: '希望学校延长课后服务时间，方便家长接孩子', label: '教育文体' },
  { id: '9', text: '公交车司机开车太猛，公交线路少，等车一个小时', label: '交通运输' },
  { id: '10', text: '出租车拒载绕路，网约车乱收费', label: '交通运输' },
  { id: '11', title: '公交站', text: '建议增设公交站台，开通地铁接驳线路', label: '交通运输' },
  { id: '12', text: '道路运输车辆超载，货车司机疲劳驾驶', label: '交通运输' },
];

describe('trainModel', () => {
  it('is deterministic: the same data gives a byte-identical model', () => {
    const a = JSON.stringify(trainModel(examples, { calibrationFolds: 2 }));
    const b = JSON.stringify(
      trainModel(
        examples.map((e) => ({ ...e })),
        { calibrationFolds: 2 },
      ),
    );
    expect(a).toBe(b);
  });

  it('learns the examples and classifies new text with probabilities', () => {
    const model = loadModel(trainModel(examples, { calibrationFolds: 2 }));
    expect(model.labels).toEqual(['交通运输', '劳动和社会保障', '教育文体']);
    const scores = classify(model, '老板拖欠工资不发');
    expect(scores[0]!.label).toBe('劳动和社会保障');
    expect(scores.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 6);
    for (const x of scores) expect(x.score).toBeGreaterThanOrEqual(0);
    expect(classify(model, '公交线路太少')[0]!.label).toBe('交通运输');
    expect(classify(model, '学校乱收费')[0]!.label).toBe('教育文体');
  });

  it('refuses a document that is not a model', () => {
    expect(() => loadModel({ format: 'something-else' })).toThrow();
  });

  it('cross-validates with a fold assignment independent of call order', () => {
    const first = crossValidate(examples, 3, { calibrationFolds: 0 });
    // Other runs in between, with other seeds and fold counts, draw from no shared random state.
    crossValidate(examples, 2, { calibrationFolds: 0, seed: 7 });
    trainModel(examples, { calibrationFolds: 2, seed: 99 });
    stratifiedFolds(
      examples.map((e) => e.label),
      4,
      1,
    );
    expect(crossValidate(examples, 3, { calibrationFolds: 0 })).toEqual(first);
    expect(first.n).toBe(12);
    expect(first.folds).toBe(3);
  });

  it('assigns folds stratified by label, the same whatever ran before', () => {
    const labels = examples.map((e) => e.label);
    const folds = stratifiedFolds(labels, 3, 12346);
    stratifiedFolds(labels, 3, 1);
    expect(stratifiedFolds(labels, 3, 12346)).toEqual(folds);
    // Four examples a label over three folds: each label puts two in one fold and one in each other.
    for (const label of ['交通运输', '劳动和社会保障', '教育文体']) {
      const perFold = [0, 1, 2].map((f) => labels.filter((l, i) => l === label && folds[i] === f).length);
      expect(perFold.sort()).toEqual([1, 1, 2]);
    }
  });
});

describe('scorePredictions', () => {
  it('computes accuracy and macro-F1 by hand-checked figures', () => {
    // a: tp 2, fp 1, fn 0 → p 2/3, r 1, f1 0.8; b: tp 1, fp 0, fn 1 → p 1, r 0.5, f1 2/3.
    const m = scorePredictions(['a', 'a', 'b', 'b'], ['a', 'a', 'a', 'b']);
    expect(m.accuracy).toBe(0.75);
    expect(m.per_label.a!.f1).toBe(0.8);
    expect(m.per_label.b!.f1).toBe(0.6667);
    expect(m.macro_f1).toBe(0.7333);
  });
});

describe('the shipped model', () => {
  it('was trained with the segmentation this runtime produces (train-time and workerd words agree)', () => {
    const model = shippedModel();
    expect(model.json.probe.length).toBeGreaterThan(0);
    for (const { text, words } of model.json.probe) expect(segmentWords(normaliseText(text))).toEqual(words);
  });

  it('has the seven labels and stays under 2 MB', () => {
    expect(shippedModel().labels).toEqual([
      '交通运输',
      '劳动和社会保障',
      '卫生计生',
      '商贸旅游',
      '城乡建设',
      '教育文体',
      '环境保护',
    ]);
    expect(new TextEncoder().encode(JSON.stringify(shippedModel().json)).length).toBeLessThan(2 * 1024 * 1024);
  });
});
