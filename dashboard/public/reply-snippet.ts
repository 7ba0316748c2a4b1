// The few lines of a published reply shown in the list: around the first place the searched
// words occur (question first, then the reply), else the question's beginning. Returned as
// parts so the page marks the match with <mark> and escapes everything as text.
const WINDOW = 36;

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

/** The words of a query as a person sees them: runs of letters and digits (punctuation apart). */
function wordsOf(q: string): string[] {
  return [...q.normalize('NFKC').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
}

function around(text: string, at: number, length: number): Snippet {
  const chars = Array.from(text);
  const start = Math.max(0, at - WINDOW / 2);
  const end = Math.min(chars.length, at + length + WINDOW);
  return {
    before: (start > 0 ? '…' : '') + chars.slice(start, at).join(''),
    match: chars.slice(at, at + length).join(''),
    after: chars.slice(at + length, end).join('') + (end < chars.length ? '…' : ''),
  };
}

export function snippetOf(texts: { question: string; reply: string }, q?: string): Snippet {
  for (const word of q ? wordsOf(q) : []) {
    for (const text of [texts.question, texts.reply]) {
      const index = text.toLowerCase().indexOf(word.toLowerCase());
      if (index >= 0) return around(text, Array.from(text.slice(0, index)).length, Array.from(word).length);
    }
  }
  return around(texts.question, 0, 0);
}
