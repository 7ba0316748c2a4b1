// Entity extraction: the personal data and places in a message, each with its offsets
// ({ value, start, end }) into the string passed in, so that publication can mask exactly those
// spans and routing can use the place. Width folding keeps offsets valid on full-width input.
import { extractNames } from './extract-names';
import { foldWidth } from './fold-width';
import { findPlaces, type GazetteerEntry, type PlaceMatch } from './gazetteer';
import { isValidIdCard } from './id-card';

export type Span = { value: string; start: number; end: number };

export type Entities = {
  phones: Span[];
  landlines: Span[];
  /** Valid 18-character ID numbers (region, birth date and checksum verified). */
  idCards: Span[];
  /** 18-character runs shaped like an ID whose checks fail: still worth masking, never trusted. */
  invalidIdCards: Span[];
  bankCards: Span[];
  emails: Span[];
  plates: Span[];
  /** ISO dates: 2020-03-05, or --03-05 when the year is not written. */
  dates: Span[];
  places: PlaceMatch[];
  /** Street addresses with house, building or room numbers (门牌号), the part to mask. */
  addresses: Span[];
  /** Residents' names introduced as such ("我叫王建国", "联系人：陈明"), to mask. */
  names: Span[];
  /** A surname with a title ("王先生"): may stay on a public page. */
  titledNames: Span[];
};

// Digits must not continue on either side: a number inside a longer run is something else.
const MOBILE = /(?<![\dA-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<![\d])(?:\(?(0\d{2,3})\)?[- ]?)([2-8]\d{6,7})(?:[- ]?(?:转|ext\.?)\s?\d{1,5})?(?!\d)/g;
const SERVICE_NUMBER = /(?<!\d)([48]00)[- ]?(\d{3})[- ]?(\d{4})(?!\d)/g;
const LOCAL_AFTER_CUE = /(?:电话|座机|固话|联系方式|号码)[:：是为]?\s?([2-8]\d{6,7})(?!\d)/g;
const ID_LIKE = /(?<![\dA-Za-z])(\d{17}[\dXx])(?![\dA-Za-z])/g;
const BANK_LIKE = /(?<!\d)(\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?:[ -]?\d{1,3})?)(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// A province, the issuing office's letter (never I or O), an optional separator, then five
// characters: a new-energy plate has D or F first or last; others may end in 挂, 学, 警, 港 or 澳.
const PLATE_PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';
const PLATE_LETTERS = 'A-HJ-NP-Za-hj-np-z';
const PLATE_CHAR = `[${PLATE_LETTERS}0-9]`;
const PLATE_SERIAL = [
  `[DFdf]${PLATE_CHAR}{5}`,
  `${PLATE_CHAR}{5}[DFdf]`,
  `${PLATE_CHAR}{4}[${PLATE_LETTERS}0-9挂学警港澳]`,
].join('|');
const PLATE = new RegExp(
  String.raw`(?<![A-Za-z0-9])(${PLATE_PROVINCE}[${PLATE_LETTERS}][·•.\- ]?(?:${PLATE_SERIAL}))(?![A-Za-z0-9])`,
  'g',
);
const DATE_FULL = /(?<!\d)((?:19|20)\d{2})\s?(?:年|[-/.])\s?(\d{1,2})\s?(?:月|[-/.])\s?(\d{1,2})(?:日|号)?(?!\d)/g;
const DATE_MONTH_DAY = /(?<![\d年\-/.])(\d{1,2})月(\d{1,2})(?:日|号)(?!\d)/g;
// A road name, then a house number, then optional building, unit and room. The road name may
// not start with words that end a clause (在, 住, 到…), so "我住在芙蓉路" yields "芙蓉路…".
const ADDRESS_STOP = '在住于到从往向是的了和与及址为';
const NOT_STOP = `(?![${ADDRESS_STOP}])`;
const BUILDING = String.raw`\d+(?:栋|幢|号楼)`;
const UNIT = String.raw`(?:\d+单元)`;
const FLOOR = String.raw`(?:\d+(?:楼|层))`;
const ROOM = String.raw`(?:\d+(?:室|房))`;
const ROAD_ADDRESS =
  String.raw`(?:${NOT_STOP}[\p{Script=Han}A-Za-z0-9]){1,10}?(?:路|街|大道|巷|弄|道|村|组)` +
  String.raw`\d+(?:-\d+)?号(?:院)?(?:\d+(?:栋|幢|号楼|楼|座))?${UNIT}?${FLOOR}?(?:\d+(?:室|房|号房))?`;
const ESTATE_ADDRESS =
  String.raw`(?:${NOT_STOP}[\p{Script=Han}]){2,10}?(?:小区|花园|公寓|大厦|家园|新村|苑)` +
  `${BUILDING}${UNIT}?${FLOOR}?${ROOM}?`;
// A building and unit with no road before them ("3栋2单元501室").
const BUILDING_ADDRESS = String.raw`(?<!\d)${BUILDING}${UNIT}${FLOOR}?${ROOM}?`;
const ADDRESS = new RegExp([ROAD_ADDRESS, ESTATE_ADDRESS, BUILDING_ADDRESS].join('|'), 'gu');

// What every ADDRESS alternative needs: a road or estate word, or a building word, next to a
// number. Checking it first spares most messages the address pattern's lookaheads.
const ADDRESS_HINT = /(?:路|街|道|巷|弄|村|组|小区|花园|公寓|大厦|家园|新村|苑)\d|\d(?:栋|幢|号楼)/u;

function spans(text: string, regex: RegExp, valueFor: (m: RegExpMatchArray) => string | null, group = 0): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(regex)) {
    const value = valueFor(m);
    if (value === null) continue;
    const whole = m[0];
    const part = group ? m[group]! : whole;
    const start = m.index! + (group ? whole.indexOf(part) : 0);
    out.push({ value, start, end: start + part.length });
  }
  return out;
}

function overlaps(a: Span, taken: readonly Span[]): boolean {
  return taken.some((b) => a.start < b.end && b.start < a.end);
}

const pad = (n: string) => n.padStart(2, '0');

function validMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Finds phone numbers, IDs, bank cards, e-mails, plates, dates, places and addresses. */
export function extractEntities(input: string, gazetteer: readonly GazetteerEntry[] = []): Entities {
  const text = foldWidth(input);
  const idLike = spans(text, ID_LIKE, (m) => m[1]!.toUpperCase(), 1);
  const idCards = idLike.filter((s) => isValidIdCard(s.value));
  const invalidIdCards = idLike.filter((s) => !isValidIdCard(s.value));
  const phones = spans(text, MOBILE, (m) => `${m[1]}${m[2]}${m[3]}`).filter((s) => !overlaps(s, idLike));
  const landlines = [
    ...spans(text, LANDLINE, (m) => `${m[1]}-${m[2]}`),
    ...spans(text, SERVICE_NUMBER, (m) => `${m[1]}${m[2]}${m[3]}`),
  ].filter((s) => !overlaps(s, idLike) && !overlaps(s, phones));
  landlines.push(
    ...spans(text, LOCAL_AFTER_CUE, (m) => m[1]!, 1).filter((s) => !overlaps(s, landlines) && !overlaps(s, phones)),
  );
  landlines.sort((a, b) => a.start - b.start);
  const bankCards = spans(text, BANK_LIKE, (m) => {
    const digits = m[1]!.replace(/\D/g, '');
    return digits.length >= 16 && digits.length <= 19 && luhn(digits) ? digits : null;
  }).filter((s) => !overlaps(s, idLike));
  const emails = spans(text, EMAIL, (m) => m[0].toLowerCase());
  const plates = spans(text, PLATE, (m) => m[1]!.replace(/[·•.\- ]/g, '').toUpperCase(), 1);
  const fullDates = spans(text, DATE_FULL, (m) => {
    const [, y, mo, d] = m;
    return validMonthDay(Number(mo), Number(d)) ? `${y}-${pad(mo!)}-${pad(d!)}` : null;
  });
  const monthDays = spans(text, DATE_MONTH_DAY, (m) =>
    validMonthDay(Number(m[1]), Number(m[2])) ? `--${pad(m[1]!)}-${pad(m[2]!)}` : null,
  ).filter((s) => !overlaps(s, fullDates));
  const dates = [...fullDates, ...monthDays].sort((a, b) => a.start - b.start);
  const numbers = [...phones, ...landlines, ...idLike, ...bankCards];
  const addresses = ADDRESS_HINT.test(text)
    ? spans(text, ADDRESS, (m) => m[0]).filter((s) => s.value.length >= 3 && !overlaps(s, numbers))
    : [];
  const { names, titled } = extractNames(text);
  return {
    phones,
    landlines,
    idCards,
    invalidIdCards,
    bankCards,
    emails,
    plates,
    dates,
    places: findPlaces(text, gazetteer),
    addresses,
    names,
    titledNames: titled,
  };
}
