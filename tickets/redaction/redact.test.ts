// What the public may read of a resident's words. Each expected string is the input with its
// personal data masked by hand.
import { describe, expect, it } from 'vitest';
import { redactText } from './redact';

const redact = (text: string) => redactText(text).text;

describe('redaction', () => {
  it('masks mobile numbers, keeping the first three and last four digits', () => {
    expect(redact('请打我电话13812345678或+86 139-1234-5678')).toBe('请打我电话138****5678或139****5678');
  });

  it('masks ID numbers, e-mail addresses, landlines, plates and bank cards', () => {
    expect(redact('身份证11010519491231002X，邮箱zhang.san@example.com')).toBe(
      '身份证110***************，邮箱[邮箱已隐去]',
    );
    expect(redact('座机0731-84567890')).toBe('座机[电话已隐去]');
    expect(redact('车牌湘A12345一直占用消防通道')).toBe('车牌湘A*****一直占用消防通道');
    expect(redact('银行卡6222021234567890128被扣款')).toBe('银行卡[号码已隐去]被扣款');
  });

  it('masks names and house numbers but keeps a surname with a title', () => {
    expect(redact('我叫王建国，住芙蓉路12号3栋501室。')).toBe('我叫王某某，住芙蓉路**号*栋***室。');
    expect(redact('张先生反映楼道灯不亮')).toBe('张先生反映楼道灯不亮');
  });

  it('leaves ordinary numbers alone and masks unknown long digit runs', () => {
    expect(redact('路灯坏了3天，约20米长，2026年5月1日起')).toBe('路灯坏了3天，约20米长，2026年5月1日起');
    expect(redact('我的QQ是123456789')).toBe('我的QQ是[号码已隐去]');
  });

  it('tells the reviewer what it masked and where', () => {
    const { masked } = redactText('联系人：陈明，手机13912345678');
    expect(masked.map((m) => [m.kind, m.start, m.end, m.replacement])).toEqual([
      ['name', 4, 6, '陈某'],
      ['phone', 9, 20, '139****5678'], // 联系人：陈明，手机 is 9 characters
    ]);
  });
});
