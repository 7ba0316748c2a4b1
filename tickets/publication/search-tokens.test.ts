// The index's token stream and the query built from what a person types, worked out by hand.
import { describe, expect, it } from 'vitest';
import { searchQuery, searchTokens } from './search-tokens';

describe('search tokens', () => {
  it('writes Han runs as bigrams plus the last character, other words whole and lower-cased', () => {
    expect(searchTokens('小区噪音，WiFi 12345')).toBe('小区 区噪 噪音 音 wifi 12345');
    expect(searchTokens('灯')).toBe('灯');
  });

  it('folds full-width and traditional forms as the query does', () => {
    expect(searchTokens('ＷＩＦＩ噪聲')).toBe('wifi 噪声 声');
    expect(searchQuery('噪聲')).toBe('"噪声"');
  });

  it('asks one character as a prefix, two as a token, more as a phrase of bigrams', () => {
    expect(searchQuery('音')).toBe('"音"*');
    expect(searchQuery('噪音')).toBe('"噪音"');
    expect(searchQuery('小区噪音')).toBe('"小区 区噪 噪音"');
    expect(searchQuery('路灯 坏了')).toBe('"路灯" AND "坏了"');
    expect(searchQuery('wifi')).toBe('"wifi"*');
  });

  it('has nothing to ask of punctuation or FTS syntax, and cuts long input', () => {
    expect(searchQuery('" OR * ( ) ^ -')).toBe('"or"*');
    expect(searchQuery('，。！')).toBeNull();
    expect(searchQuery('好'.repeat(100))).toBe(`"${Array(39).fill('好好').join(' ')}"`);
  });
});
