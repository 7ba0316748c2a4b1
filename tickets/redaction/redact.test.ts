// What the public may read of a resident's words. Each expected string is the input with its
// personal data masked by hand, in the style of published replies (王某某, 138****5678).
import { describe, expect, it } from 'vitest';
import { redactText } from './redact';

const redact = (text: string) => redactText(text).text;

describe('the leaks found in the Open311 feed', () => {
  it.each([
    ['我是张伟，住在幸福小区', '我是张某某，住在幸福小区'],
    ['邻居叫王建国', '邻居叫王某某'],
    ['居民赵六反映路灯不亮', '居民赵某某反映路灯不亮'],
    ['张三丰反映楼下噪音', '张某某反映楼下噪音'],
    ['人民路8号3单元502室 张三丰家', '人民路*号*单元***室 张某某家'],
    ['请回电一三八一二三四五六七八', '请回电138****5678'],
    ['邮箱zhangsan at example dot com', '邮箱【邮箱已隐去】'],
    ['加我微信zhangsan_1990', '加我微信【微信号已隐去】'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('phones', () => {
  it.each([
    ['请打我电话13812345678', '请打我电话138****5678'],
    ['+86 139-1234-5678', '139****5678'],
    ['手机138 1234 5678', '手机138****5678'],
    ['手机138.1234.5678', '手机138****5678'],
    ['0086 13812345678', '138****5678'],
    ['幺三九一二三四五六七八', '139****5678'],
    ['一三八 一二三四 五六七八', '138****5678'],
    ['一三八12三四5678', '138****5678'],
    ['一五零零两三四〇六七八', '150****0678'],
    ['座机0731-84567890', '座机【电话已隐去】'],
    ['电话(0731)8456-7890', '电话【电话已隐去】'],
    ['电话：〇七三一八四五六七八九〇', '电话：【电话已隐去】'],
    ['家里电话8456789', '家里电话【电话已隐去】'],
    // Two groups that look like years are still a phone (they were taken for a year range).
    ['电话130-2000-2000', '电话130****2000'],
    ['电话130 2000 2000', '电话130****2000'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('identity, bank, e-mail, accounts and plates', () => {
  it.each([
    ['身份证11010519491231002X', '身份证110***********002X'],
    ['身份证号110105491231002', '身份证号110********1002'],
    ['银行卡6222021234567890128被扣款', '银行卡【银行卡号已隐去】被扣款'],
    ['卡号6222 0212 3456 7890 128', '卡号【银行卡号已隐去】'],
    ['邮箱zhang.san@example.com', '邮箱【邮箱已隐去】'],
    ['zhangsan#example.com', '【邮箱已隐去】'],
    ['zhangsan（at）example.com', '【邮箱已隐去】'],
    ['zhangsan艾特example点com', '【邮箱已隐去】'],
    ['zhangsan[at]qq[dot]com', '【邮箱已隐去】'],
    ['微信：zhangsan_1990', '微信：【微信号已隐去】'],
    ['微信号是 lixiaolong88', '微信号是 【微信号已隐去】'],
    ['wxid_k2j3h4g5f6', '【微信号已隐去】'],
    ['我的QQ是123456789', '我的QQ是【QQ号已隐去】'],
    ['扣扣：98765', '扣扣：【QQ号已隐去】'],
    ['车牌湘A12345一直占用消防通道', '车牌湘A*****一直占用消防通道'],
    ['新能源车粤BD12345', '新能源车粤B******'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('house, building and room numbers', () => {
  it.each([
    ['住芙蓉路12号3栋501室。', '住芙蓉路**号*栋***室。'],
    ['3栋2单元502室漏水', '*栋*单元***室漏水'],
    ['12号楼门口', '**号楼门口'],
    ['502房的住户', '***房的住户'],
    ['住在3-2-502', '住在*-*-***'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('names', () => {
  it.each([
    ['我叫王建国，住在这里', '我叫王某某，住在这里'],
    ['本人李四，男', '本人李某某，男'],
    ['我姓王叫建国', '我姓王叫某某'],
    ['我父亲张某某在住院', '我父亲张某某在住院'],
    ['我儿子王小明在学校被打', '我儿子王某某在学校被打'],
    ['我爱人李芳，在医院工作', '我爱人李某某，在医院工作'],
    ['我老伴刘桂英住院了', '我老伴刘某某住院了'],
    ['联系人：陈明，手机13912345678', '联系人：陈某某，手机139****5678'],
    ['投诉人：欧阳娜娜', '投诉人：欧阳某某'],
    ['业主孙鸣。', '业主孙某某。'],
    // What staff write in a reply.
    ['已联系王建国，管网无异常', '已联系王某某，管网无异常'],
    ['电话告知李四，已处理', '电话告知李某某，已处理'],
    // A full name with a title keeps the surname and the title only.
    ['张三丰先生如有疑问请致电12345', '张先生如有疑问请致电12345'],
    ['欧阳娜娜女士反映', '欧阳女士反映'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps a surname with a title, and department, place and road names', () => {
    for (const text of [
      '张先生反映楼道灯不亮',
      '我是王先生，李女士也来电了',
      '向城管局反映过，人民路幸福小区的路灯',
      '我是党员，也是业主',
      '居民安全得不到保障，学生成绩下降',
      '工人向其反映情况',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it('tells the reviewer what it masked and where', () => {
    const text = '联系人：陈明，手机13912345678';
    const { masked } = redactText(text);
    expect(masked.map((m) => [m.kind, text.slice(m.start, m.end), m.replacement])).toEqual([
      ['name', '陈明', '陈某某'],
      ['phone', '13912345678', '139****5678'],
    ]);
  });
});
