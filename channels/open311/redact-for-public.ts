// A minimal, deliberately over-eager masker for text the Open311 API shows the public.
// Stand-in until the core's publication module (保密审查) exists: replace every call of
// redactForPublic with the core redaction then. It masks more than it needs to rather than less:
// any long run of digits, not only numbers it recognises.

const rules: [RegExp, (m: string) => string][] = [
  // E-mail addresses, whole.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, () => '[邮箱已隐去]'],
  // Resident ID numbers (18 digits, last may be X) and 15-digit old ones.
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)/g, (m) => `${m.slice(0, 3)}${'*'.repeat(m.length - 3)}`],
  // Mobile numbers, with or without +86 and separators: keep the first 3 and last 4 as 12345 does.
  [/(?:\+?86[-\s]?)?(?<!\d)1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g, (m) => {
    const digits = m.replace(/\D/g, '').slice(-11);
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  }],
  // Landlines with area code: 0xx(x)-xxxxxxx(x).
  [/(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g, () => '[电话已隐去]'],
  // Licence plates: province character, letter, then 5–6 letters/digits (new-energy plates have 6).
  [/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][·•\s]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]/g,
    (m) => `${m.slice(0, 2)}*****`],
  // Room and unit numbers of a home address: 2单元501室, 3-2-501.
  [/\d+\s*单元\s*\d+\s*室?|\d+\s*室|(?<!\d)\d{1,3}-\d{1,3}-\d{2,4}(?!\d)/g, () => '[门牌已隐去]'],
  // Any other run of 7+ digits (bank cards, QQ numbers, account numbers).
  [/\d[\d\s-]{5,}\d/g, (m) => (m.replace(/\D/g, '').length >= 7 ? '[号码已隐去]' : m)],
];

export function redactForPublic(text: string): string {
  let out = text;
  for (const [pattern, mask] of rules) out = out.replace(pattern, mask);
  return out;
}
