import { describe, expect, it } from 'vitest';
import { countFeatures, defaultFeatureOptions } from './text-features';

const tagged = (counts: Map<string, number>) => [...counts.keys()].filter((k) => k.startsWith('^')).sort();

describe('countFeatures', () => {
  it('counts title features twice in the shared space and once more tagged with "^"', () => {
    // Character n-grams only, so the figures do not depend on how ICU segments the words.
    const counts = countFeatures('公交', '线路少', { ...defaultFeatureOptions, words: false });
    expect(counts.get('公交')).toBe(2);
    expect(counts.get('线路')).toBe(1);
    expect(tagged(counts)).toEqual(['^交', '^公', '^公交'].sort());
    expect(counts.get('^公交')).toBe(1);
    expect(counts.get('^线路')).toBeUndefined();
  });

  it('tags the first clause of a message without a title, cut at the comma', () => {
    const counts = countFeatures('', '拖欠工资，老板失联', defaultFeatureOptions);
    expect(tagged(counts)).toContain('^拖欠工');
    expect(tagged(counts).some((k) => k.includes('老板'))).toBe(false);
  });

  it('tags at most leadTagged characters of a long first clause', () => {
    const counts = countFeatures('', '一二三四五六七八九十', { ...defaultFeatureOptions, leadTagged: 4 });
    expect(tagged(counts)).toContain('^三四');
    expect(tagged(counts)).not.toContain('^四五');
  });

  it('tags nothing when titleTagged is off (models trained before it)', () => {
    const counts = countFeatures('公交', '线路少', { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1 });
    expect(tagged(counts)).toEqual([]);
    expect(counts.get('公交')).toBe(2);
  });
});
