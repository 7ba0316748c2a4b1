// The reviewer's changes to the automatic masks: masks taken off by id, phrases masked wherever
// they appear. The resident's own contact cannot be taken off: consent to publish covers the
// resident's words, never the resident's identity, so a mask of kind 'contact' ignores `remove`.
import { labels } from './replacements';
import type { Finding, PublicField, ReviewerEdits } from './types';

/** The automatic masks of one field that the reviewer kept. */
export function keptMasks(field: PublicField, auto: readonly Finding[], edits: ReviewerEdits): Finding[] {
  if (!edits.remove.length) return [...auto];
  const removed = new Set(edits.remove);
  return auto.filter((f) => f.kind === 'contact' || !removed.has(`${field}:${f.start}-${f.end}`));
}

/** Every occurrence of every phrase the reviewer added, in one text. */
export function reviewerFindings(text: string, phrases: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const phrase of new Set(phrases.map((p) => p.trim()).filter(Boolean))) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      out.push({ start: at, end: at + phrase.length, kind: 'reviewer', replacement: labels.reviewer });
    }
  }
  return out;
}
