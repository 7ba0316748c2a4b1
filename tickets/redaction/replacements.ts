// What the public reads in place of each kind of personal data, in the style of published
// government documents and 12345 centres' reply pages:
//   name        王建国 → 王某某, 欧阳娜娜 → 欧阳某某 (the surname stays, the given name and its length go)
//   phone       13812345678 → 138****5678 (how 12345 centres print a mobile)
//   id_card     110105194912310028 → 110***********0028; a 15-digit ID likewise
//   address     芙蓉路12号3栋501室 → 芙蓉路**号*栋***室 (the road stays, the digits go)
//   plate       湘A12345 → 湘A***** (the issuing city stays)
//   others      a bracketed label that says what was there: 【电话已隐去】, 【邮箱已隐去】,
//               【微信号已隐去】, 【QQ号已隐去】, 【银行卡号已隐去】, 【号码已隐去】, 【已隐去】
import type { MaskKind } from './types';

const COMPOUND_SURNAME =
  /^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|独孤|南宫|西门|百里|呼延)/u;

/** 王建国 → 王某某. A name that is not Chinese gives a label instead. */
export function maskName(name: string): string {
  if (!/^\p{Script=Han}/u.test(name)) return labels.name;
  const surname = COMPOUND_SURNAME.exec(name)?.[0] ?? name[0]!;
  return `${surname}某某`;
}

/** A mobile number's digits (11) → 138****5678. */
export const maskMobile = (digits: string) => `${digits.slice(0, 3)}****${digits.slice(-4)}`;

/** An ID number (15 or 18 characters) → its first three and last four, the rest starred. */
export const maskIdCard = (value: string) => `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;

/** Digits starred, everything else kept: house, building and room numbers. */
export const maskDigits = (text: string) => text.replace(/[0-9０-９]/g, '*');

/** 湘A12345 → 湘A*****: the province and issuing office stay. */
export const maskPlate = (plate: string) => `${plate.slice(0, 2)}${'*'.repeat(Math.max(plate.length - 2, 5))}`;

export const labels: Record<MaskKind, string> = {
  contact: '【已隐去】',
  name: '【姓名已隐去】',
  phone: '【电话已隐去】',
  landline: '【电话已隐去】',
  id_card: '【证件号已隐去】',
  bank_card: '【银行卡号已隐去】',
  email: '【邮箱已隐去】',
  plate: '【车牌已隐去】',
  wechat_id: '【微信号已隐去】',
  qq: '【QQ号已隐去】',
  address: '【门牌号已隐去】',
  number: '【号码已隐去】',
  reviewer: '【已隐去】',
};
