import { describe, expect, it } from 'vitest';
import { demoGazetteer } from './demo-data';
import { extractEntities } from './extract-entities';
import { idCardCheckChar, isValidIdCard } from './id-card';

// 11010519491231002 → weights give sum 167, 167 mod 11 = 2 → check character 'X'.
const VALID_ID = '11010519491231002X';
// Same number, last digit wrong.
const BAD_CHECKSUM = '110105194912310021';
// Checksum computed for an impossible date (February 30th).
const BAD_DATE_BODY = '44030419900230123';

describe('ID card numbers', () => {
  it('computes the GB 11643 check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard(VALID_ID)).toBe(true);
    expect(isValidIdCard(VALID_ID.toLowerCase())).toBe(true);
    expect(isValidIdCard(BAD_CHECKSUM)).toBe(false);
    expect(isValidIdCard(BAD_DATE_BODY + idCardCheckChar(BAD_DATE_BODY))).toBe(false);
  });

  it('lists valid IDs apart from ID-shaped numbers that fail the checks', () => {
    const text = `本人身份证号${VALID_ID}，另一个号码${BAD_CHECKSUM}是错的。`;
    const e = extractEntities(text);
    expect(e.idCards).toEqual([{ value: VALID_ID, start: 6, end: 24 }]);
    expect(e.invalidIdCards.map((s) => s.value)).toEqual([BAD_CHECKSUM]);
    expect(text.slice(e.idCards[0]!.start, e.idCards[0]!.end)).toBe(VALID_ID);
    // An ID is not also read as a phone number.
    expect(e.phones).toEqual([]);
  });

  it('ignores an ID inside a longer digit run', () => {
    expect(extractEntities(`单号9${VALID_ID}7`).idCards).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('finds mobiles with and without separators or country code', () => {
    const text = '联系电话13812345678或者139-8765-4321，+86 15011112222';
    const e = extractEntities(text);
    expect(e.phones.map((s) => s.value)).toEqual(['13812345678', '13987654321', '15011112222']);
    for (const s of e.phones) expect(text.slice(s.start, s.end).replace(/\D/g, '').endsWith(s.value)).toBe(true);
  });

  it('does not find a mobile inside a longer digit run', () => {
    expect(extractEntities('订单号2013812345678900已付款').phones).toEqual([]);
    expect(extractEntities('编号313812345678').phones).toEqual([]);
  });

  it('finds landlines with area codes and keeps offsets on full-width digits', () => {
    const text = '办公室座机0731-88889999，热线４００-１２３-４５６７';
    const e = extractEntities(text);
    expect(e.landlines.map((s) => s.value)).toEqual(['0731-88889999', '4001234567']);
    const hotline = e.landlines[1]!;
    expect(text.slice(hotline.start, hotline.end)).toBe('４００-１２３-４５６７');
  });
});

describe('other entities', () => {
  it('finds e-mails, plates, dates and bank cards (Luhn-checked)', () => {
    const e = extractEntities(
      '请回复Zhang.San@Example.com，车牌湘A·12345和粤BD12345，2020年3月5日和4月1号发生，卡号6222 0212 3456 7890 127',
    );
    expect(e.emails.map((s) => s.value)).toEqual(['zhang.san@example.com']);
    expect(e.plates.map((s) => s.value)).toEqual(['湘A12345', '粤BD12345']);
    expect(e.dates.map((s) => s.value)).toEqual(['2020-03-05', '--04-01']);
    expect(e.bankCards).toEqual([]); // 6222021234567890127 fails the Luhn check
    // 4111 1111 1111 1111 passes it.
    expect(extractEntities('卡号4111 1111 1111 1111').bankCards.map((s) => s.value)).toEqual(['4111111111111111']);
  });

  it('rejects impossible dates', () => {
    expect(extractEntities('2020年13月40日').dates).toEqual([]);
  });

  it('finds gazetteer places and house-number addresses', () => {
    const text = '我住在A5区洞井街道九华山社区，地址是芙蓉路88号3栋2单元501室，楼下天天施工。';
    const e = extractEntities(text, demoGazetteer);
    expect(e.places.map((p) => [p.level, p.code, p.name])).toEqual([
      ['district', 'A05', 'A5区'],
      ['street', 'A05-001', '洞井街道'],
      ['community', 'A05-001-001', '九华山社区'],
    ]);
    expect(e.addresses.map((s) => s.value)).toEqual(['芙蓉路88号3栋2单元501室']);
    const a = e.addresses[0]!;
    expect(text.slice(a.start, a.end)).toBe('芙蓉路88号3栋2单元501室');
  });

  it('resolves an ambiguous community name by the district written with it', () => {
    const e = extractEntities('A6区月亮岛街道滨江社区路灯不亮', demoGazetteer);
    expect(e.places.find((p) => p.level === 'community')?.code).toBe('A06-001-001');
    const f = extractEntities('A4区滨江社区路灯不亮', demoGazetteer);
    expect(f.places.find((p) => p.level === 'community')?.code).toBe('A04-001-001');
  });
});
