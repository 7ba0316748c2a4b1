// Property: whatever text surrounds it and however it is written, a planted phone, ID number or
// e-mail address never reaches the redacted text. fast-check shrinks any failure to the
// smallest text that leaks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../routing';
import { toDigitView } from './chinese-numerals';
import { redactForPublication } from './redact';
import { type PublicField, publicFields } from './types';

const filler = fc
  .array(
    fc.constantFrom(
      ...'的是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学',
      '，',
      '。',
      ' ',
      '：',
    ),
    { maxLength: 30 },
  )
  .map((chars) => chars.join(''));

const NUMERALS: Record<string, string[]> = {
  '0': ['0', '零', '〇'],
  '1': ['1', '一', '幺'],
  '2': ['2', '二', '两'],
  '3': ['3', '三'],
  '4': ['4', '四'],
  '5': ['5', '五'],
  '6': ['6', '六'],
  '7': ['7', '七'],
  '8': ['8', '八'],
  '9': ['9', '九'],
};

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

const mobile = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9))
  .map(([head, tail]) => `${head}${tail}`);

/** The phone as residents write it: plain, grouped with a separator, +86, in numerals or mixed. */
const writtenPhone = fc
  .tuple(
    mobile,
    fc.constantFrom('', ' ', '-', '.'),
    fc.boolean(),
    fc.constantFrom('digits', 'numerals', 'mixed'),
    fc.nat(),
  )
  .map(([phone, sep, plus86, style, seed]) => {
    const glyph = (d: string, i: number) => {
      const forms = NUMERALS[d]!;
      if (style === 'digits') return d;
      if (style === 'numerals') return forms[1 + ((seed + i) % (forms.length - 1))]!;
      return forms[(seed + i) % forms.length]!;
    };
    const chars = [...phone].map(glyph);
    // Dots only in the 3-4-4 shape, and only with digits: how a dotted phone is written.
    const s = sep === '.' && style !== 'digits' ? '-' : sep;
    const grouped = `${chars.slice(0, 3).join('')}${s}${chars.slice(3, 7).join('')}${s}${chars.slice(7).join('')}`;
    return { digits: phone, written: plus86 && style === 'digits' ? `+86 ${grouped}` : grouped };
  });

const idCard = fc
  .tuple(
    fc.integer({ min: 11, max: 65 }),
    digits(4),
    fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    digits(3),
  )
  .map(([province, region, birth, seq]) => {
    const first17 = `${province}${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
    const id = `${first17}${idCardCheckChar(first17)}`;
    return { digits: id, written: id };
  });

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z]{5,10}$/),
    fc.stringMatching(/^[a-z]{3,8}$/),
    fc.constantFrom('com', 'cn', 'net'),
    fc.constantFrom(['@', '.'], [' at ', ' dot '], ['#', '.'], ['（at）', '.'], ['艾特', '点'], ['[at]', '[dot]']),
  )
  .map(([user, domain, tld, [at, dot]]) => ({ digits: user, written: `${user}${at}${domain}${dot}${tld}` }));

const planted = fc.record({
  data: fc.oneof(writtenPhone, idCard, email),
  field: fc.constantFrom<PublicField>(...publicFields),
  before: filler,
  after: filler,
});

/** The digits and letters a text shows, in order, numerals read as digits. */
const visible = (text: string) =>
  toDigitView(text)
    .replace(/[^0-9A-Za-z]/g, '')
    .toLowerCase();

describe('planted personal data', () => {
  it('never survives redaction, in any field and any form', () => {
    fc.assert(
      fc.property(planted, ({ data, field, before, after }) => {
        const texts = { title: '', question: '', reply: '', address: '', [field]: `${before}${data.written}${after}` };
        const out = redactForPublication(texts, {}).texts[field];
        expect(visible(out)).not.toContain(data.digits.toLowerCase());
      }),
      { numRuns: 400 },
    );
  });

  it('never survives as the resident’s own contact, whatever else is around it', () => {
    fc.assert(
      fc.property(writtenPhone, filler, filler, (phone, before, after) => {
        const texts = { title: '', question: `${before}${phone.written}${after}`, reply: '', address: '' };
        const { texts: out, masks } = redactForPublication(texts, { contact: { phone: phone.digits } });
        expect(visible(out.question)).not.toContain(phone.digits);
        expect(masks.some((m) => m.kind === 'contact')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
