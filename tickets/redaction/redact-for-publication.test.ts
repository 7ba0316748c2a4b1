// Redaction of a ticket's public texts (title, question, reply, address) with what the hub knows
// of the resident, and the reviewer's edits. Expected texts and masks are worked out by hand.
import { describe, expect, it } from 'vitest';
import { redactForPublication } from './redact';
import { type PublicTexts, publicFields } from './types';

const contact = { name: '王建国', phone: '13812345678', email: 'zhangsan@example.com', openId: 'oAbC123xyz' };
const blank: PublicTexts = { title: '', question: '', reply: '', address: '' };

describe('the resident’s own contact', () => {
  it('is masked wherever it appears, in any form, in every field', () => {
    const texts: PublicTexts = {
      title: '王建国反映路灯不亮',
      question:
        '我的电话138 1234 5678，也可以打一三八一二三四五六七八，邮箱zhangsan at example dot com，微信号同zhangsan',
      reply: '已电话联系王 建 国（+86-138-1234-5678），openId oAbC123xyz 已核实。',
      address: '幸福小区 王建国家',
    };
    const { texts: out } = redactForPublication(texts, { contact });
    expect(out).toEqual({
      title: '王某某反映路灯不亮',
      question: '我的电话138****5678，也可以打138****5678，邮箱【邮箱已隐去】，微信号同【邮箱已隐去】',
      reply: '已电话联系王某某（138****5678），openId 【已隐去】 已核实。',
      address: '幸福小区 王某某家',
    });
  });

  it('masks the name alone, with no cue around it, but not a titled surname', () => {
    const texts = { ...blank, reply: '经核实，王建国所述属实。王先生的诉求已解决。' };
    expect(redactForPublication(texts, { contact }).texts.reply).toBe('经核实，王某某所述属实。王先生的诉求已解决。');
  });

  it('cannot be unmasked by the reviewer', () => {
    const texts = { ...blank, question: '王建国，电话13812345678，反映噪音' };
    const first = redactForPublication(texts, { contact });
    const ids = first.masks.map((m) => m.id);
    expect(ids).toEqual(['question:0-3', 'question:6-17']);
    const again = redactForPublication(texts, { contact }, { remove: ids, add: [] });
    expect(again.texts.question).toBe('王某某，电话138****5678，反映噪音');
    expect(again.masks.map((m) => m.kind)).toEqual(['contact', 'contact']);
  });
});

describe('masks', () => {
  it('point at the original substrings, sorted by field and start', () => {
    const texts: PublicTexts = {
      title: '湘A12345占道',
      question: '我叫李四，身份证11010519491231002X，住3栋2单元502室',
      reply: '请李女士拨打12345或0731-84567890',
      address: '芙蓉路12号',
    };
    const { masks, texts: out } = redactForPublication(texts, {});
    expect(masks.map((m) => [m.id, m.kind, texts[m.field].slice(m.start, m.end), m.replacement])).toEqual([
      ['title:0-7', 'plate', '湘A12345', '湘A*****'],
      ['question:2-4', 'name', '李四', '李某某'],
      ['question:8-26', 'id_card', '11010519491231002X', '110***********002X'],
      ['question:28-37', 'address', '3栋2单元502室', '*栋*单元***室'],
      ['reply:12-25', 'landline', '0731-84567890', '【电话已隐去】'],
      ['address:0-6', 'address', '芙蓉路12号', '芙蓉路**号'],
    ]);
    expect(masks.every((m) => m.source === 'auto')).toBe(true);
    expect(out.reply).toBe('请李女士拨打12345或【电话已隐去】');
  });

  it('merge when they overlap', () => {
    // The contact's e-mail user name lies inside the spelled-out address: one mask over both.
    const texts = { ...blank, question: '写信到zhangsan艾特example点com' };
    const { masks, texts: out } = redactForPublication(texts, { contact });
    expect(masks.map((m) => [m.start, m.end, m.kind])).toEqual([[3, 24, 'contact']]);
    expect(out.question).toBe('写信到【邮箱已隐去】');
  });
});

describe('reviewer edits', () => {
  const texts: PublicTexts = {
    title: '幸福小区噪音扰民',
    question: '我是张伟，幸福小区东门烧烤店每晚营业到凌晨',
    reply: '已责成东门烧烤店整改，张伟反映的问题已解决。',
    address: '幸福小区东门',
  };

  it('adds a phrase wherever it appears, in every field, and removes a mask by id', () => {
    const auto = redactForPublication(texts, {});
    expect(auto.masks.map((m) => m.id)).toEqual(['question:2-4', 'reply:11-13']);
    const edited = redactForPublication(texts, {}, { remove: ['reply:11-13'], add: ['东门烧烤店'] });
    expect(edited.texts).toEqual({
      title: '幸福小区噪音扰民',
      question: '我是张某某，幸福小区【已隐去】每晚营业到凌晨',
      reply: '已责成【已隐去】整改，张伟反映的问题已解决。',
      address: '幸福小区东门',
    });
    expect(edited.masks.map((m) => [m.id, m.kind, m.source])).toEqual([
      ['question:2-4', 'name', 'auto'],
      ['question:9-14', 'reviewer', 'reviewer'],
      ['reply:3-8', 'reviewer', 'reviewer'],
    ]);
  });

  it('merges a phrase that overlaps an automatic mask into one mask', () => {
    const edited = redactForPublication(texts, {}, { remove: [], add: ['张伟，幸福'] });
    expect(edited.texts.question).toBe('我是【已隐去】小区东门烧烤店每晚营业到凌晨');
    expect(edited.masks.filter((m) => m.field === 'question').map((m) => [m.id, m.kind])).toEqual([
      ['question:2-7', 'reviewer'],
    ]);
  });

  it('ignores empty phrases and ids that name no mask', () => {
    const edited = redactForPublication(texts, {}, { remove: ['reply:0-1'], add: ['', '  '] });
    expect(edited).toEqual(redactForPublication(texts, {}));
  });
});

describe('every kind in every field', () => {
  const planted = [
    ['13812345678', '138****5678'],
    ['一三九一二三四五六七八', '139****5678'],
    ['0731-84567890', '【电话已隐去】'],
    ['11010519491231002X', '110***********002X'],
    ['6222021234567890128', '【银行卡号已隐去】'],
    ['li.si@example.com', '【邮箱已隐去】'],
    ['lisi at example dot com', '【邮箱已隐去】'],
    ['湘A12345', '湘A*****'],
    ['微信号：lisi_1990', '微信号：【微信号已隐去】'],
    ['QQ：123456789', 'QQ：【QQ号已隐去】'],
    ['5栋2单元301室', '*栋*单元***室'],
    ['我叫赵小兵', '我叫赵某某'],
  ] as const;

  it.each(publicFields)('%s', (field) => {
    for (const [data, expected] of planted) {
      const texts = { ...blank, [field]: `内容：${data}。` };
      expect(redactForPublication(texts, {}).texts[field]).toBe(`内容：${expected}。`);
    }
  });
});
