// Digits that are nobody's stay as they are: a published reply full of 【号码已隐去】 where the
// dates and amounts were would be useless to the public.
import { describe, expect, it } from 'vitest';
import { redactText } from './redact';

describe('non-personal digits', () => {
  it.each([
    ['amount', '补偿款5000元，另收¥1,200.50，约3.5万元'],
    ['date', '2026年11月3日、2026-11-03、2026/11/3、2026.11.03和20261103'],
    ['time', '15:30到场，8:00-17:30办公，2026-11-0314:30再次来电'],
    ['year range', '2019-2020学年，2014——2018年的社保，2017一2018年'],
    ['round range', '月薪1600-1900元，1000一1300元'],
    ['document number', '依据京政发〔2024〕3号和〔2026〕12号文件'],
    ['case number', '案号(2026)京0105民初1234号'],
    ['standard', '《声环境质量标准》GB3096--2008与GB 50016-2014'],
    ['ticket number', '工单A2026112200001已办结'],
    ['service numbers', '请拨打12345、110、119、120、122、12315或12369'],
    ['service numbers in a row', '12345 110 119 120'],
    ['service number with an area code', '市热线0731-12345'],
    ['quantities', '共3户，200平方米，18层高，5栋楼，3座公厕'],
    ['floor counts', '住在18楼，电梯到不了33层'],
    ['a table of figures', '得分 78 80 75 77 85 94 96'],
    ['measures', '圆周率3.1415926，PM2.5超标'],
    ['a date in Chinese numerals', '二〇二六年十一月三日'],
  ])('%s', (_, text) => {
    expect(redactText(text).text).toBe(text);
  });

  it('leaves the numbers admins listed, in any form they are written', () => {
    const ctx = { serviceNumbers: ['0731-88886666', '96777'] };
    expect(redactText('住建局电话0731-88886666，燃气抢修96777', ctx).text).toBe(
      '住建局电话0731-88886666，燃气抢修96777',
    );
    expect(redactText('住建局电话(0731)8888 6666', ctx).text).toBe('住建局电话(0731)8888 6666');
    // Not listed: a landline like any other.
    expect(redactText('住建局电话0731-88886667', ctx).text).toBe('住建局电话【电话已隐去】');
  });

  it('still masks a phone beside a service number or a date', () => {
    expect(redactText('打了12345 13812345678').text).toBe('打了12345 138****5678');
    expect(redactText('2026-11-03 13812345678').text).toBe('2026-11-03 138****5678');
    expect(redactText('5000元，电话13812345678').text).toBe('5000元，电话138****5678');
  });
});
