// Residents' names in what they write or say: "我叫王建国", "我姓李", "本人张丽", "联系人：陈明",
// and a surname with a title ("王先生", "李女士"). A name is personal data that redaction masks;
// a surname with 先生/女士 may stay on a public page (DESIGN.md, Publication), so those are kept
// apart. Only cues that introduce a person are used: a bare Chinese name cannot be told from
// ordinary words without a cue, and a false name is cheaper than a masked sentence.
import type { Span } from './extract-entities';

// The common surnames (百家姓 as used today, including the compound ones): a title after
// anything else ("老先生", "该女士") is not a name.
const SURNAMES = [
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦',
  '戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
].join('');
const COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
];
/** A surname as a regex source (compound surnames first): redaction builds its name patterns on it. */
export const surnamePattern = `(?:${COMPOUND.join('|')}|[${SURNAMES}])`;
const surname = surnamePattern;

// "我叫王建国" / "本人张丽" / "联系人：陈明": a surname and one or two given-name characters.
const INTRODUCING_CUES = [
  '我叫',
  '我的名字(?:是|叫)',
  '名字叫',
  '本人(?:叫)?',
  String.raw`姓名[:：是为]?\s?`,
  String.raw`联系人[:：是为]?\s?`,
].join('|');
const INTRODUCED = new RegExp(
  String.raw`(?:${INTRODUCING_CUES})(${surname}[\p{Script=Han}]{1,2})(?![\p{Script=Han}]*(?:先生|女士))`,
  'gu',
);
// "我姓李" gives a surname alone.
const SURNAME_ONLY = new RegExp(`我姓(${surname})`, 'gu');
const TITLED = new RegExp(`(${surname})(?:先生|女士|小姐|阿姨|师傅)`, 'gu');

// Words that follow the cues but are not names ("本人住在", "本人是业主", "联系人电话").
const NOT_A_NAME = /^.(?:在|是|于|的|和|电话|手机|住|家|想|要|从|已|也|就|都|现|今|去)/u;

export interface NameSpans {
  /** Full or partial personal names: masked on every public page. */
  names: Span[];
  /** A surname with 先生/女士 and the like: may stay. */
  titled: Span[];
}

function collect(text: string, regex: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(regex)) {
    const value = m[1]!;
    const start = m.index! + m[0].lastIndexOf(value);
    out.push({ value, start, end: start + value.length });
  }
  return out;
}

export function extractNames(text: string): NameSpans {
  const titled = collect(text, TITLED).filter((s) => {
    const before = text[s.start - 1];
    // "老王先生" is fine; "该女士", "这位先生" were filtered by the surname list already.
    return before === undefined || !/[\p{Script=Han}]/u.test(before) || /[叫是姓找位个的和与]/u.test(before);
  });
  const names = [...collect(text, INTRODUCED), ...collect(text, SURNAME_ONLY)]
    .filter((s) => !NOT_A_NAME.test(s.value))
    .filter((s) => !titled.some((t) => s.start < t.end && t.start < s.end))
    .sort((a, b) => a.start - b.start);
  return { names, titled };
}
