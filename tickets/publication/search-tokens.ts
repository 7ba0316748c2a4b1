// Full-text search over Chinese without a word segmenter in the index: each run of Han characters
// is written as its overlapping bigrams, and the run's last character once more on its own
// (小区噪音 → 小区 区噪 噪音 音). Then a two-character query is one token, a longer one the phrase
// of its bigrams (consecutive positions, so exactly that substring), and a one-character query a
// prefix, which the index's prefix='1' serves (db/migrations/0010). Other letters and digits are
// words, as unicode61 would make them. Index and query go through the same folding, so full-width
// letters and traditional characters find their simplified, half-width forms.
import { toSimplified } from '../../routing';

const run = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

function fold(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

function bigrams(han: string): string[] {
  const chars = Array.from(han);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
  return out;
}

/** The text as the full-text index stores it. */
export function searchTokens(text: string): string {
  const out: string[] = [];
  for (const m of fold(text).matchAll(run)) out.push(...(m[1] ? bigrams(m[1]) : [m[2]!]));
  return out.join(' ');
}

/** Queries longer than this are cut: a search box, not a document. */
export const MAX_QUERY_CHARS = 40;

/**
 * The FTS5 MATCH expression for what a person typed (every part must match), or null when it has
 * nothing searchable. Tokens hold only letters and digits, so nothing typed can inject syntax.
 */
export function searchQuery(typed: string): string | null {
  const parts: string[] = [];
  for (const m of fold(typed.slice(0, MAX_QUERY_CHARS)).matchAll(run)) {
    if (m[2]) {
      parts.push(`"${m[2]}"*`);
      continue;
    }
    const chars = Array.from(m[1]!);
    if (chars.length === 1) parts.push(`"${chars[0]}"*`);
    else parts.push(`"${bigrams(m[1]!).slice(0, -1).join(' ')}"`);
  }
  return parts.length ? parts.join(' AND ') : null;
}
