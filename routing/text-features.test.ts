import { describe, expect, it } from 'vitest';
import { defaultFeatureOptions, messageFeatures } from './text-features';

// Tagged character n-grams only (words carry "_"), so the figures do not depend on how ICU
// segments the words.
const taggedNgrams = (counts: Map<string, number>) =>
  [...counts.keys()].filter((k) => k.startsWith('^') && !k.includes('_')).sort();

describe('messageFeatures', () => {
  it('counts title features twice in the shared space and once more tagged with "^"', () => {
    const counts = messageFeatures('公交', '线路少', defaultFeatureOptions);
    expect(counts.get('公交')).toBe(2);
    expect(counts.get('线路')).toBe(1);
    expect(taggedNgrams(counts)).toEqual(['^交', '^公', '^公交'].sort());
    expect(counts.get('^公交')).toBe(1);
    expect(counts.get('^线路')).toBeUndefined();
  });

  it('tags the first clause of a message without a title, cut at the comma', () => {
    const counts = messageFeatures('', '拖欠工资，老板失联', defaultFeatureOptions);
    expect(taggedNgrams(counts)).toContain('^拖欠工');
    expect([...counts.keys()].some((k) => k.startsWith('^') && k.includes('老板'))).toBe(false);
  });

  it('tags at most leadTagged characters of a long first clause', () => {
    const counts = messageFeatures('', '一二三四五六七八九十', { ...defaultFeatureOptions, leadTagged: 4 });
    expect(taggedNgrams(counts)).toContain('^三四');
    expect(taggedNgrams(counts)).not.toContain('^四五');
  });

  it('tags nothing of a message without a title when leadTagged is 0', () => {
    const counts = messageFeatures('', '拖欠工资，老板失联', { ...defaultFeatureOptions, leadTagged: 0 });
    expect([...counts.keys()].filter((k) => k.startsWith('^'))).toEqual([]);
    expect(counts.get('拖欠')).toBe(1);
  });
});
