import { describe, expect, it } from 'vitest';
import { redactForPublic } from './redact-for-public';

describe('redactForPublic (stand-in masker)', () => {
  it('masks mobile numbers, keeping the first three and last four digits', () => {
    expect(redactForPublic('请打我电话13812345678或+86 139-1234-5678')).toBe('请打我电话138****5678或139****5678');
  });
  it('masks ID numbers, e-mail addresses, landlines and plates', () => {
    expect(redactForPublic('身份证330106199001011234，邮箱zhang.san@example.com')).toBe('身份证330***************，邮箱[邮箱已隐去]');
    expect(redactForPublic('座机0571-87654321')).toBe('座机[电话已隐去]');
    expect(redactForPublic('车牌浙A12345一直占用消防通道')).toBe('车牌浙A*****一直占用消防通道');
  });
  it('masks room numbers and other long digit runs, leaves ordinary numbers alone', () => {
    expect(redactForPublic('住在3栋2单元501室，银行卡6222 0212 3456 7890')).toBe('住在3栋[门牌已隐去]，银行卡[号码已隐去]');
    expect(redactForPublic('路灯坏了3天，约20米长')).toBe('路灯坏了3天，约20米长');
    expect(redactForPublic('张先生反映')).toBe('张先生反映');
  });
});
