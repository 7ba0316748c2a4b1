// Redaction (保密审查) of the texts a ticket can publish (DESIGN.md, Publication). Each text is
// width-folded (full-width digits and letters as ASCII) and given a digit view in which phone
// numbers written in Chinese numerals read as digits; both keep the text's length, so every
// detector reports offsets into the original. The detectors, each in its own file:
//   find-contact.ts    the ticket's own contact (name, phone, e-mail, openId) in any form
//   find-numbers.ts    mobiles, landlines, ID and bank card numbers, other long numbers
//   non-personal.ts    what the number detectors must skip: dates, amounts, case and document
//                      numbers, ticket numbers, official service numbers
//   find-emails.ts     e-mail addresses, plain and spelled out
//   find-accounts.ts   WeChat ids and QQ numbers
//   find-addresses.ts  house, building and room numbers, licence plates
//   find-names.ts      residents' names (a surname with 先生/女士 stays)
// Overlapping findings merge into one mask (apply-masks.ts), the reviewer's edits apply
// (reviewer-edits.ts), and the masks come back with the redacted texts for the reviewer's view.
import { type Entities, extractEntities } from '../../routing';
import { foldWidth } from '../../routing/fold-width';
import { applyMasks, mergeFindings, toMask } from './apply-masks';
import { toDigitView } from './chinese-numerals';
import { findAccounts } from './find-accounts';
import { findAddresses } from './find-addresses';
import { findContact } from './find-contact';
import { findEmails } from './find-emails';
import { findNames } from './find-names';
import { findNumbers } from './find-numbers';
import { blankOut, findNonPersonal, isServiceNumber, serviceNumberSet } from './non-personal';
import { labels, maskIdCard, maskMobile } from './replacements';
import { keptMasks, reviewerFindings } from './reviewer-edits';
import {
  type Finding,
  type Mask,
  type MaskKind,
  noEdits,
  type PublicTexts,
  publicFields,
  type Redaction,
  type RedactionContext,
  type ReviewerEdits,
} from './types';

/** Routing's own finds among the numbers, as a second opinion on the tokenizer's. */
function routedNumbers(entities: Entities, services: ReadonlySet<string>): Finding[] {
  const numbers: Array<Finding & { value: string }> = [
    ...entities.phones.map((s) => ({ ...s, kind: 'phone' as const, replacement: maskMobile(s.value) })),
    ...entities.landlines.map((s) => ({ ...s, kind: 'landline' as const, replacement: labels.landline })),
    ...[...entities.idCards, ...entities.invalidIdCards].map((s) => ({
      ...s,
      kind: 'id_card' as const,
      replacement: maskIdCard(s.value),
    })),
    ...entities.bankCards.map((s) => ({ ...s, kind: 'bank_card' as const, replacement: labels.bank_card })),
  ];
  return numbers
    .filter((n) => !isServiceNumber(n.value.replace(/\D/g, ''), services))
    .map(({ start, end, kind, replacement }) => ({ start, end, kind, replacement }));
}

const TITLE_AFTER = /^(?:先生|女士|小姐)/u;

/**
 * 张三丰先生 → 张先生, not 张某某先生: a surname with 先生/女士 is as much as may stay (DESIGN.md), and
 * it reads as the public pages of 12345 centres do.
 */
function titledNames(text: string, found: Finding[]): Finding[] {
  return found.map((f) => {
    const surname = /^(\p{Script=Han}+)某某$/u.exec(f.replacement)?.[1];
    return surname && TITLE_AFTER.test(text.slice(f.end)) ? { ...f, replacement: surname } : f;
  });
}

/** Every automatic finding in one text, before merging. */
function findPersonalData(text: string, ctx: RedactionContext, services: ReadonlySet<string>): Finding[] {
  const folded = foldWidth(text);
  const view = toDigitView(folded);
  const blanked = blankOut(view, findNonPersonal(view));
  const entities = extractEntities(blanked);
  return titledNames(text, [
    ...findContact(folded, view, ctx.contact),
    ...findNumbers(blanked, services),
    ...routedNumbers(entities, services),
    ...findEmails(folded, entities),
    ...findAccounts(view),
    ...findAddresses(folded, entities),
    ...findNames(folded),
  ]);
}

/** The public texts of a ticket, redacted, with every mask for the reviewer. */
export function redactForPublication(
  texts: PublicTexts,
  ctx: RedactionContext = {},
  edits: ReviewerEdits = noEdits,
): Redaction {
  const services = serviceNumberSet(ctx.serviceNumbers);
  const out = {} as PublicTexts;
  const masks: Mask[] = [];
  for (const field of publicFields) {
    const text = texts[field] ?? '';
    const auto = mergeFindings(findPersonalData(text, ctx, services));
    const final = mergeFindings([...keptMasks(field, auto, edits), ...reviewerFindings(text, edits.add)]);
    out[field] = applyMasks(text, final);
    masks.push(...final.map((f) => toMask(field, f, f.kind === 'reviewer' ? 'reviewer' : 'auto')));
  }
  return { texts: out, masks };
}

export interface Masked {
  kind: MaskKind;
  start: number;
  end: number;
  /** What replaced the span. */
  replacement: string;
}

/** One text redacted with no ticket context: for callers that have a bare text (Open311's views). */
export function redactText(text: string, ctx: RedactionContext = {}): { text: string; masked: Masked[] } {
  const masked = mergeFindings(findPersonalData(text, ctx, serviceNumberSet(ctx.serviceNumbers)));
  return { text: applyMasks(text, masked), masked };
}
