// Redaction (保密审查) of text shown to the public: residents' mobile and landline numbers, ID
// and bank card numbers, e-mail addresses, licence plates, house and room numbers, and names are
// masked; a surname with 先生/女士 stays (DESIGN.md, Publication). What is masked comes from
// routing's entity extraction, so the public side masks exactly what routing recognises; a last
// pass masks any other run of seven or more digits, since a number we do not recognise may still
// be someone's. Returns the masked spans too, for the reviewer who can mask more.
import { extractEntities, type Span } from '../../routing';
import {
  type Mask,
  noEdits,
  type PublicTexts,
  publicFields,
  type Redaction,
  type RedactionContext,
  type ReviewerEdits,
} from './types';

type OldMaskKind = 'phone' | 'landline' | 'id_card' | 'bank_card' | 'email' | 'plate' | 'address' | 'name' | 'number';

export interface Masked {
  kind: OldMaskKind;
  start: number;
  end: number;
  /** What replaced the span. */
  replacement: string;
}

const masks: Record<OldMaskKind, (value: string) => string> = {
  // 138****5678, as 12345 centres publish numbers.
  phone: (v) => `${v.slice(0, 3)}****${v.slice(-4)}`,
  landline: () => '[电话已隐去]',
  id_card: (v) => `${v.slice(0, 3)}${'*'.repeat(v.length - 3)}`,
  bank_card: () => '[号码已隐去]',
  email: () => '[邮箱已隐去]',
  plate: (v) => `${v.slice(0, 2)}*****`,
  // Keep the road or estate, mask the numbers that find a home.
  address: (v) => v.replace(/\d+/g, (d) => '*'.repeat(d.length)),
  // 王建国 → 王某某: the form public documents use.
  name: (v) => (v.length === 1 ? `${v}某` : `${v[0]}${'某'.repeat(v.length - 1)}`),
  number: () => '[号码已隐去]',
};

export function redactText(text: string): { text: string; masked: Masked[] } {
  const e = extractEntities(text);
  const found: Array<Span & { kind: OldMaskKind }> = [
    ...e.phones.map((s) => ({ ...s, kind: 'phone' as const })),
    ...e.landlines.map((s) => ({ ...s, kind: 'landline' as const })),
    ...e.idCards.map((s) => ({ ...s, kind: 'id_card' as const })),
    ...e.invalidIdCards.map((s) => ({ ...s, kind: 'id_card' as const })),
    ...e.bankCards.map((s) => ({ ...s, kind: 'bank_card' as const })),
    ...e.emails.map((s) => ({ ...s, kind: 'email' as const })),
    ...e.plates.map((s) => ({ ...s, kind: 'plate' as const })),
    ...e.addresses.map((s) => ({ ...s, kind: 'address' as const })),
    ...e.names.map((s) => ({ ...s, kind: 'name' as const })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);

  const masked: Masked[] = [];
  let out = '';
  let at = 0;
  for (const span of found) {
    if (span.start < at) continue; // inside a span already masked
    // Entity values are normalised (digits only, upper case); the mask works on the original.
    const original = text.slice(span.start, span.end);
    const replacement = masks[span.kind](
      span.kind === 'phone' || span.kind === 'id_card' || span.kind === 'plate' ? span.value : original,
    );
    out += text.slice(at, span.start) + replacement;
    masked.push({ kind: span.kind, start: span.start, end: span.end, replacement });
    at = span.end;
  }
  out += text.slice(at);

  // The safety net: any other run of 7+ digits (QQ numbers, account numbers, a phone typed oddly).
  const final = out.replace(/\d[\d\s-]{5,}\d/g, (m) => (m.replace(/\D/g, '').length >= 7 ? masks.number(m) : m));
  return { text: final, masked };
}

// TEMPORARY bridge until the full redaction lands: the publication stage's entry point over the
// per-text masking above. Replaced by the complete implementation (contact, Chinese numerals,
// spelled-out e-mails, WeChat and QQ ids, service numbers, reviewer edits).
export function redactForPublication(
  texts: PublicTexts,
  _ctx: RedactionContext,
  edits: ReviewerEdits = noEdits,
): Redaction {
  const out = {} as PublicTexts;
  const masks: Mask[] = [];
  for (const field of publicFields) {
    let text = texts[field];
    for (const phrase of edits.add) if (phrase) text = text.split(phrase).join('[已隐去]');
    const r = redactText(text);
    out[field] = r.text;
    for (const m of r.masked) {
      masks.push({ id: `${field}:${m.start}-${m.end}`, field, ...m, kind: m.kind, source: 'auto' });
    }
  }
  return { texts: out, masks };
}
