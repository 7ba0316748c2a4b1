// Residents' names in the patterns people write them: self-introductions (我是张伟, 我叫王建国,
// 本人李四, 我姓王叫建国), roles (居民赵六反映, 联系人：陈明), family members (我父亲张某某,
// 我儿子王小明), the subject of a report (张三丰反映), and a name by an address (…502室 张三丰家).
// Routing's name extraction gives the introductions it knows; the rest is added here. A name
// needs a cue: a bare Chinese name cannot be told from ordinary words, and a masked common word
// costs the reader more than it protects. A surname with a title (王先生) is not masked.
import { extractNames } from '../../routing';
import {
  familyCues,
  given,
  nameEnd,
  notGivenStart,
  notNameEnding,
  notNames,
  reportVerbs,
  roleCues,
  selfCues,
  surname,
  titles,
  wordlikeSurnames,
} from './name-cues';
import { maskName } from './replacements';
import type { Finding } from './types';

const NAME = `(${surname}${given})`;
const BOUNDARY = String.raw`(?<=^|[\s，,。！!？?；;：:、“”"（）()【】\[\]])`;
const PATTERNS = [
  new RegExp(`(?:${selfCues.join('|')})${NAME}${nameEnd}`, 'gu'),
  new RegExp(String.raw`(?:${roleCues.join('|')})[:：为是]?\s?${NAME}${nameEnd}`, 'gu'),
  new RegExp(
    String.raw`(?:我|我的|我家|其|他|他的|她|她的)(?:${familyCues.join('|')})[:：叫是]?\s?${NAME}${nameEnd}`,
    'gu',
  ),
  new RegExp(`${BOUNDARY}${NAME}(?=${reportVerbs.join('|')})`, 'gu'),
  new RegExp(String.raw`(?<=(?:室|号|房|楼|单元|户)\s?)${NAME}(?=家)`, 'gu'),
  // A full name with a title (张三丰先生): only the surname and the title may stay.
  new RegExp(String.raw`${BOUNDARY}(${surname}\p{Script=Han}{1,2})(?=先生|女士|小姐)`, 'gu'),
];
// 我姓王叫建国, 我姓王，名建国: the given name follows the surname.
const GIVEN_AFTER_SURNAME = new RegExp(
  String.raw`我姓${surname}[，,]?\s?(?:名|叫)(\p{Script=Han}{1,2}?)${nameEnd}`,
  'gu',
);

const END = new RegExp(`^${nameEnd}`, 'u');
let segmenter: Intl.Segmenter | null = null;

/** True when the dictionary of Intl.Segmenter('zh') (ICU's) reads the characters as one word. */
function isWord(chars: string): boolean {
  if (chars.length < 2) return false;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const [first, second] = segmenter.segment(chars);
  return first?.segment === chars && second === undefined;
}

/** True for a candidate that is a word, an office, a place or a titled surname, not a name. */
function isNoName(value: string): boolean {
  if (notNames.has(value) || titles.test(value) || notGivenStart.test(value) || notNameEnding.test(value)) return true;
  // 房屋, 成绩, 高血压: a name is not in the dictionary, though 建国 in 王建国 may be.
  if (isWord(value)) return true;
  return wordlikeSurnames.has(value[0]!) && (isWord(value.slice(1)) || isWord(value.slice(0, 2)));
}

function matches(text: string, regex: RegExp): Array<{ value: string; start: number; end: number }> {
  return [...text.matchAll(regex)].map((m) => {
    const value = m[1]!;
    const start = m.index + m[0].lastIndexOf(value);
    return { value, start, end: start + value.length };
  });
}

/** The names in a (width-folded) text, each with 王某某 as its replacement. */
export function findNames(text: string): Finding[] {
  // Routing's introductions (本人…, 姓名…) end where the pattern stops; a name must end there too.
  const routed = extractNames(text).names.filter((s) => s.value.length > 1 && END.test(text.slice(s.end)));
  const found = [...routed, ...PATTERNS.flatMap((p) => matches(text, p))].filter((s) => !isNoName(s.value));
  const out: Finding[] = found.map((s) => ({ ...s, kind: 'name', replacement: maskName(s.value) }));
  for (const s of matches(text, GIVEN_AFTER_SURNAME)) out.push({ ...s, kind: 'name', replacement: '某某' });
  return out.map(({ start, end, kind, replacement }) => ({ start, end, kind, replacement }));
}
