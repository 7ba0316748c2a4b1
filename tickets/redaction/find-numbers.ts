// Personal numbers in the digit view of a text (tickets/redaction/chinese-numerals.ts), with the
// non-personal spans blanked out: each run of digits joined by at most two separators (spaces,
// dashes, dots, brackets round an area code, +86) is read as one number and classed by its digits,
// so 138 1234 5678, 138-1234-5678, +86 138.1234.5678 and (0731)8456-7890 are all found.
// A run that is none of the known shapes but has seven digits or more is masked as a number all
// the same: a number we do not recognise may still be someone's. One written in groups that make
// no known shape is read group by group when the groups are service numbers or short figures.
import { isServiceNumber } from './non-personal';
import { labels, maskIdCard, maskMobile } from './replacements';
import type { Finding } from './types';

// +86 or an area code in brackets may open it; the last character of an ID may be X.
const TOKEN = /(?:\+\s?86[ -]?)?(?:[(（]0\d{2,3}[)）]\s?)?\d+(?:[ \-.·—–]{1,2}\d+)*(?:[Xx](?![A-Za-z]))?/g;
const PHONE_CUE = /(?:电话|座机|固话|手机|联系方式|号码|拨打|致电|打)[:：是为]?\s?$/u;
const ID_15 = /^\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The country code taken off: +86 138…, 0086 138…. */
function national(digits: string): string {
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/** What a run of digits is, or null for one that is nobody's. */
function classify(raw: string, before: string): Pick<Finding, 'kind' | 'replacement'> | null {
  const value = raw.replace(/[^\dXx]/g, '').toUpperCase();
  // Dots make periods (1986.2-1991.11), measures (3.1415926) and versions; a dotted phone is
  // written 138.1234.5678 and nothing else is.
  if (raw.includes('.')) {
    const dotted = /^(?:\+\s?86[ -]?)?1[3-9]\d\.\d{4}\.\d{4}$/.test(raw);
    return dotted ? { kind: 'phone', replacement: maskMobile(value.slice(-11)) } : null;
  }
  const digits = national(value);
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: 'phone', replacement: maskMobile(digits) };
  if (/^\d{17}[\dX]$/.test(value) || ID_15.test(value)) return { kind: 'id_card', replacement: maskIdCard(value) };
  if (/X/.test(value)) return null;
  if (value.length >= 16 && value.length <= 19) {
    return luhn(value)
      ? { kind: 'bank_card', replacement: labels.bank_card }
      : { kind: 'number', replacement: labels.number };
  }
  if (/^0\d{9,11}$/.test(digits) || /^[48]00\d{7}$/.test(digits))
    return { kind: 'landline', replacement: labels.landline };
  if (value.length < 7) return null;
  return PHONE_CUE.test(before)
    ? { kind: 'landline', replacement: labels.landline }
    : { kind: 'number', replacement: labels.number };
}

type Piece = { raw: string; start: number };

/** The groups of a token between spaces: "12345 13812345678", a row of figures "78 80 75 77". */
const groups = (token: Piece): Piece[] =>
  [...token.raw.matchAll(/\S+/g)].map((m) => ({ raw: m[0], start: token.start + m.index }));

/** Phones, landlines, ID and bank card numbers and other long numbers, skipping service numbers. */
export function findNumbers(view: string, serviceNumbers: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const found = ({ raw, start }: Piece) => {
    const kind = classify(raw, view.slice(Math.max(0, start - 8), start));
    if (kind) out.push({ start, end: start + raw.length, ...kind });
  };
  for (const m of view.matchAll(TOKEN)) {
    const token = { raw: m[0], start: m.index };
    if (isServiceNumber(token.raw.replace(/\D/g, ''), serviceNumbers)) continue;
    // A long number of no known shape, written in groups, is read group by group when a group is
    // a service number (12345 13812345678) or all are short (a row of figures: 78 80 75 77).
    const parts = /\s/.test(token.raw) && classify(token.raw, '')?.kind === 'number' ? groups(token) : [];
    const service = parts.filter((g) => isServiceNumber(g.raw.replace(/\D/g, ''), serviceNumbers));
    if (service.length || (parts.length && parts.every((g) => g.raw.replace(/\D/g, '').length <= 3))) {
      for (const group of parts) if (!service.includes(group)) found(group);
    } else found(token);
  }
  return out;
}
