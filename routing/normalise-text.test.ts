import { describe, expect, it } from 'vitest';
import { classify } from './classifier-model';
import { normalisePhoneTranscript, normaliseText } from './normalise-text';
import { routeMessage } from './route-message';
import { demoRoutingContext, shippedModel } from './shipped-model';

describe('normaliseText', () => {
  it('folds full-width letters, digits and punctuation (NFKC)', () => {
    expect(normaliseText('Ａ５区　１２３号，ＡＢＣ！')).toBe('A5区 123号,ABC!');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(normaliseText('煤氣洩漏了，樓裡有人被困')).toBe('煤气泄漏了,楼里有人被困');
    expect(normaliseText('學校附近的馬路太危險')).toBe('学校附近的马路太危险');
  });

  it('leaves simplified text untouched, including 什么 (opencc reads 么 as 幺 on its own)', () => {
    const simplified = '请问什么时候能修好路灯？怎么办理';
    expect(normaliseText(simplified)).toBe('请问什么时候能修好路灯?怎么办理');
    expect(normaliseText('這是什麼問題，怎么處理')).toBe('这是什么问题,怎么处理');
  });

  it('collapses whitespace, repeated punctuation and spaces between Chinese characters', () => {
    expect(normaliseText('  路灯   坏了！！！\n\n\n没人 修。。。  ')).toBe('路灯坏了!\n没人修。');
  });

  it('removes the Excel carriage-return escapes of board exports', () => {
    expect(normaliseText('第一段_x000D_第二段')).toBe('第一段\n第二段');
  });

  it('removes ASR fillers and tags from phone text only', () => {
    expect(normaliseText('嗯，那个那个，我们小区[噪音]停水了，呃，三天了', { channel: 'phone' })).toBe(
      '我们小区停水了,三天了',
    );
    // The same words in a written message are kept: they may be content (那个小区).
    expect(normaliseText('嗯，那个小区停水了')).toBe('嗯,那个小区停水了');
  });
});

describe('normalisePhoneTranscript', () => {
  it('keeps the caller’s words in time order and drops the agent', () => {
    const text = normalisePhoneTranscript([
      { speaker: 'agent', text: '您好，12345热线，请讲。', startMs: 0 },
      { speaker: 'caller', text: '呃，我家楼下的路灯坏了。', startMs: 6000 },
      { speaker: 'caller', text: '嗯嗯，我要反映一个问题，', startMs: 2500 },
      { speaker: 'agent', text: '好的，请问具体位置？', startMs: 9000 },
      { speaker: 'caller', text: '就是说在A5区洞井街道', startMs: 12000 },
    ]);
    expect(text).toBe('我要反映一个问题。我家楼下的路灯坏了。在A5区洞井街道');
  });
});

describe('traditional input routes like simplified', () => {
  // A housing complaint (城乡建设) with no pricing words: a parking-fee text reads as a charges
  // complaint (商贸旅游) to the NB-SVM model, which is beside the point of this test.
  const simplified = '开发商延期交房一年多，房子质量问题严重，业主多次投诉没有结果。';
  const traditional = '開發商延期交房一年多，房子質量問題嚴重，業主多次投訴沒有結果。';

  it('normalises to the same text', () => {
    expect(normaliseText(traditional)).toBe(normaliseText(simplified));
  });

  it('gets the same classifier scores and the same routing decision', () => {
    expect(classify(shippedModel(), traditional)).toEqual(classify(shippedModel(), simplified));
    const context = demoRoutingContext();
    const a = routeMessage({ channel: 'mailbox', text: simplified }, context);
    const b = routeMessage({ channel: 'mailbox', text: traditional }, context);
    expect(b.category).toBe(a.category);
    expect(b.departmentCode).toBe(a.departmentCode);
    expect(b.signature).toBe(a.signature);
    expect(a.category).toBe('城乡建设');
  });
});
