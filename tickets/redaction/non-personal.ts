// Digits that are nobody's: dates and times, amounts, case and document numbers (〔2026〕12号,
// (2026)京0105民初1234号), standards (GB 50016-2014), ticket numbers (A2026112200001), year ranges,
// and the official service numbers (12345, 110, a department's published line). The number
// detectors skip what is found here, so a date written 2026.11.03 is not taken for a phone.
import type { Span } from '../../routing';

const KEEP = [
  // 2026年11月3日, 2026-11-03, 2026/11/3, 2026.11.03, 20261103 (a valid date only)
  String.raw`(?<!\d)(?:19|20)\d{2}\s?(?:年|[-/.])\s?\d{1,2}\s?(?:月|[-/.])\s?\d{1,2}(?:日|号)?` +
    String.raw`(?:(?!\d)|(?=\d{1,2}[:：]\d{2}))`,
  String.raw`(?<!\d)20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)`,
  // 15:30, 8:00-17:30
  String.raw`(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)`,
  // 2019-2020, 2014——2018, 2019至2021年; round figures either side of a dash: 1600-1900元. Never
  // inside a longer group of digits: 130-2000-2000 is a phone, not a range.
  String.raw`(?<!\d[\s\-—.]?)(?:19|20)\d{2}(?:\.\d{1,2})?\s?[-—~～至到一]{1,2}\s?` +
    String.raw`(?:19|20)\d{2}(?:\.\d{1,2})?(?![\s\-—.]?\d)`,
  String.raw`(?<!\d[\s\-—.]?)\d{1,4}00\s?[-—~～至到一]{1,2}\s?\d{1,4}00(?![\s\-—.]?\d)`,
  // ¥1,200.50, 5000元, 3.5万元: up to nine digits before the point, so a phone with 元 after it is no amount
  String.raw`[¥￥]\s?(?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d+)?`,
  String.raw`(?<![\d,])(?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d+)?\s?(?:元|万元|亿元|万|块|美元|港元)`,
  // 〔2026〕12号, 京政发〔2024〕3号, (2026)京0105民初1234号, [2025]第7号
  String.raw`[〔［\[（(【]\s?(?:19|20)\d{2}\s?[〕］\]）)】]\s?[\p{Script=Han}A-Za-z0-9]{0,12}?第?\d{1,6}号`,
  // GB 50016-2014, GB/T 50378-2019, JGJ 79-2012
  String.raw`(?<![A-Za-z])(?:GB|JGJ|CJJ|DB\d{2})(?:/T)?\s?\d{1,6}(?:\.\d+)?[-—]{1,2}\s?(?:19|20)?\d{2}(?!\d)`,
  // A2026112200001: a letter or three and a date, then a serial
  String.raw`(?<![A-Za-z0-9])[A-Z]{1,3}20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3,6}(?!\d)`,
];
const KEEP_PATTERN = new RegExp(KEEP.join('|'), 'gu');

/** The national lines every hub knows; admins add the city's own (tickets/redaction/service-numbers.ts). */
export const nationalServiceNumbers = [
  '110',
  '119',
  '120',
  '122',
  '12345',
  '12315',
  '12369',
  '12306',
  '12320',
  '12328',
  '12333',
  '12338',
  '12348',
  '12350',
  '12351',
  '12355',
  '12358',
  '12365',
  '12366',
  '12388',
  '95598',
] as const;

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** True when the digits are a service number, alone or after an area code (0731-12345). */
export function isServiceNumber(digits: string, serviceNumbers: ReadonlySet<string>): boolean {
  if (serviceNumbers.has(digits)) return true;
  // An area code is 0 and two or three digits.
  return /^0\d{2,3}/.test(digits) && [3, 4].some((n) => serviceNumbers.has(digits.slice(n)));
}

/** The service numbers as digit strings, the national ones included. */
export function serviceNumberSet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...nationalServiceNumbers, ...extra.map(digitsOf)].filter((d) => d.length >= 3));
}

/** Spans of the (digit view of the) text that hold no personal number. */
export function findNonPersonal(view: string): Span[] {
  return [...view.matchAll(KEEP_PATTERN)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The text with the given spans blanked out (same length), for detectors that must not see them. */
export function blankOut(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + '\uFFFC'.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}
