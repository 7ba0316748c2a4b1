// Traditional → simplified through opencc-js: Taiwan and Hong Kong forms, mixed text, and
// simplified text left exactly as it was.
import { describe, expect, it } from 'vitest';
import { hasTraditional, toSimplified } from './convert-chinese';

describe('toSimplified', () => {
  it('converts Taiwan and Hong Kong writing to mainland simplified', () => {
    expect(toSimplified('煤氣洩漏了，樓裡有人被困')).toBe('煤气泄漏了，楼里有人被困');
    expect(toSimplified('學校附近的馬路太危險')).toBe('学校附近的马路太危险');
    // Hong Kong's 綫.
    expect(toSimplified('電綫桿倒了')).toBe('电线杆倒了');
  });

  it('keeps the simplified 么 in mixed text (Taiwan reads 么 as 幺)', () => {
    expect(toSimplified('這是什麼問題，怎么處理')).toBe('这是什么问题，怎么处理');
  });

  it('leaves simplified text untouched', () => {
    for (const text of ['这是什么问题，怎么处理', '幸福路12号小区门口的路灯坏了', '著名景区里面的厕所太脏']) {
      expect(hasTraditional(text)).toBe(false);
      expect(toSimplified(text)).toBe(text);
    }
    expect(hasTraditional('開發商')).toBe(true);
  });
});
