// Names residents give for themselves, in real phrasing; the expected spans are read off the text.
import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract-entities';
import { extractNames } from './extract-names';

const values = (spans: Array<{ value: string }>) => spans.map((s) => s.value);

describe('names', () => {
  it('finds names introduced by the resident, with their offsets', () => {
    const text = '你好，我叫王建国，住在幸福小区。';
    const { names } = extractNames(text);
    expect(names).toEqual([{ value: '王建国', start: 5, end: 8 }]);
    expect(text.slice(5, 8)).toBe('王建国');
    expect(values(extractNames('联系人：陈明，电话见下').names)).toEqual(['陈明']);
    expect(values(extractNames('本人张丽，在本小区居住十年').names)).toEqual(['张丽']);
    expect(values(extractNames('我姓李，是三楼的住户').names)).toEqual(['李']);
    expect(values(extractNames('我的名字是欧阳娜娜。').names)).toEqual(['欧阳娜娜']);
  });

  it('keeps a surname with a title apart, since it may stay public', () => {
    const { names, titled } = extractNames('我叫王先生就行，上次接电话的是李女士。');
    expect(names).toEqual([]);
    expect(values(titled)).toEqual(['王', '李']);
  });

  it('does not take ordinary words after a cue for a name', () => {
    expect(extractNames('本人住在A区，本人是业主，联系人电话不通。').names).toEqual([]);
    expect(extractNames('这位先生和该女士都在排队，老先生也在。').titled).toEqual([]);
    expect(extractNames('小区路灯坏了两个星期，请尽快维修。')).toEqual({ names: [], titled: [] });
  });

  it('is part of the entities routing extracts from a call', () => {
    const e = extractEntities('我叫赵小兵，手机13912345678，A3区学士街道的路灯不亮。');
    expect(values(e.names)).toEqual(['赵小兵']);
    expect(values(e.phones)).toEqual(['13912345678']);
  });
});
