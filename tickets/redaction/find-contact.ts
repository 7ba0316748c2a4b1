// The ticket's own contact, wherever it appears in the texts and however it is written: the phone
// with any separators or in Chinese numerals (found in the digit view), the e-mail address and
// its user name alone (residents reuse it as their WeChat or QQ handle), the name, the WeChat
// openId. These masks have kind 'contact', which the reviewer cannot take off.
import { labels, maskMobile, maskName } from './replacements';
import type { Finding, ResidentContact } from './types';

const SEPARATORS = /[\s\-.·—–()（）+]/u;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the digits occur in the text with only separators between them. */
function digitSpans(view: string, digits: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < view.length; i++) {
    if (view[i] !== digits[0] || /\d/.test(view[i - 1] ?? '')) continue;
    let j = i;
    let k = 0;
    while (j < view.length && k < digits.length) {
      if (view[j] === digits[k]) k++;
      else if (!SEPARATORS.test(view[j]!) || k === 0) break;
      j++;
    }
    if (k === digits.length && !/\d/.test(view[j] ?? '')) out.push([i, j]);
  }
  return out;
}

/** The phone's national digits: +86 and 0086 taken off. */
function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
}

function literal(text: string, value: string, replacement: string, caseless = false): Finding[] {
  if (!value) return [];
  // Latin values must stand alone (a user name inside a longer word is another word).
  const edge = /^[A-Za-z0-9_]/.test(value) ? `(?<![A-Za-z0-9_])` : '';
  const tail = /[A-Za-z0-9_]$/.test(value) ? `(?![A-Za-z0-9_])` : '';
  const regex = new RegExp(`${edge}${escapeRegex(value)}${tail}`, caseless ? 'giu' : 'gu');
  return [...text.matchAll(regex)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: 'contact',
    replacement,
  }));
}

/** The contact's name as it may be written: 王建国, 王 建 国; a titled surname (王先生) is no name to hide. */
function nameFindings(text: string, name: string): Finding[] {
  const bare = name.trim().replace(/(?:先生|女士|小姐)$/u, '');
  if (bare.length < 2) return [];
  const spaced = new RegExp([...bare].map(escapeRegex).join(String.raw`\s?`), 'giu');
  return [...text.matchAll(spaced)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: 'contact',
    replacement: maskName(bare),
  }));
}

/** Every place the resident's own contact details appear. `view` is the digit view of `text`. */
export function findContact(text: string, view: string, contact: ResidentContact | undefined): Finding[] {
  if (!contact) return [];
  const out: Finding[] = [];
  if (contact.name) out.push(...nameFindings(text, contact.name));
  const phone = contact.phone ? phoneDigits(contact.phone) : '';
  if (phone.length >= 5) {
    const replacement = /^1[3-9]\d{9}$/.test(phone) ? maskMobile(phone) : labels.phone;
    for (const [start, end] of digitSpans(view, phone)) out.push({ start, end, kind: 'contact', replacement });
  }
  const email = contact.email?.trim() ?? '';
  if (email) {
    out.push(...literal(text, email, labels.email, true));
    const user = email.split('@')[0] ?? '';
    if (user.length >= 4) out.push(...literal(text, user, labels.email, true));
  }
  if (contact.openId) out.push(...literal(text, contact.openId, labels.contact));
  return out;
}
