// Turns findings into masks and masks into the text the public reads. Findings that overlap
// become one mask over their union: it reads as the finding that covers all of it (the most
// specific kind first), or as a plain label when none does, so that no part of any finding shows.
// A mask that holds any part of the resident's own contact has kind 'contact'.
import { labels } from './replacements';
import type { Finding, Mask, MaskKind, PublicField } from './types';

// Which finding speaks for a merged span when several cover it.
const RANK: readonly MaskKind[] = [
  'contact',
  'id_card',
  'bank_card',
  'phone',
  'landline',
  'email',
  'wechat_id',
  'qq',
  'plate',
  'name',
  'address',
  'number',
  'reviewer',
];

function mergeGroup(group: readonly Finding[]): Finding {
  const start = Math.min(...group.map((f) => f.start));
  const end = Math.max(...group.map((f) => f.end));
  const covering = group
    .filter((f) => f.start === start && f.end === end)
    .sort((a, b) => RANK.indexOf(a.kind) - RANK.indexOf(b.kind));
  const hasContact = group.some((f) => f.kind === 'contact');
  const best = covering[0];
  if (best) return { start, end, kind: hasContact ? 'contact' : best.kind, replacement: best.replacement };
  const kinds = [...new Set(group.map((f) => f.kind))];
  const kind = hasContact ? 'contact' : kinds.length === 1 ? kinds[0]! : 'reviewer';
  return { start, end, kind, replacement: kinds.length === 1 ? labels[kinds[0]!] : labels.reviewer };
}

/** Overlapping findings merged, the rest as they are, sorted by start. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let group: Finding[] = [];
  let groupEnd = -1;
  for (const f of sorted) {
    if (group.length && f.start >= groupEnd) {
      out.push(mergeGroup(group));
      group = [];
    }
    groupEnd = group.length ? Math.max(groupEnd, f.end) : f.end;
    group.push(f);
  }
  if (group.length) out.push(mergeGroup(group));
  return out;
}

export function toMask(field: PublicField, f: Finding, source: Mask['source']): Mask {
  return { id: `${field}:${f.start}-${f.end}`, field, ...f, source };
}

/** The text with each (non-overlapping, sorted) mask's span replaced by its replacement. */
export function applyMasks(text: string, masks: readonly Pick<Finding, 'start' | 'end' | 'replacement'>[]): string {
  let out = '';
  let at = 0;
  for (const m of masks) {
    out += text.slice(at, m.start) + m.replacement;
    at = m.end;
  }
  return out + text.slice(at);
}
