// Turns a message into the sparse features the classifier reads: character n-grams (robust to
// the typos and unusual words of citizens' writing) plus whole words from Intl.Segmenter('zh')
// (ICU's dictionary segmenter, available in Node and in workerd alike). Training and serving
// both call this one function, so the two can never drift apart in code; the model also keeps a
// probe (see `tokeniserProbe`) so a different ICU build is noticed.
import { normaliseText } from './normalise-text';

export type FeatureOptions = {
  /** Shortest and longest character n-gram. */
  ngramMin: number;
  ngramMax: number;
  /** Add Intl.Segmenter words of two or more characters. */
  words: boolean;
  /** Title features are counted this many extra times: titles say what the message is about. */
  titleBoost: number;
  /**
   * Add pairs of adjacent segmenter words (both of two or more characters, same clause):
   * 停车 + 收费 is a parking-fee complaint wherever the words sit. Optional, so models trained
   * without it keep classifying exactly as before.
   */
  wordBigrams?: boolean;
  /**
   * Also count the title's features once under a "^" prefix, so a word can weigh differently
   * in the title (what the message is about) than in the body (where it may be incidental).
   * Optional, so models trained without it keep classifying exactly as before.
   */
  titleTagged?: boolean;
  /**
   * With `titleTagged`: a message without a title (about a quarter of the board's, whose
   * title the export glued onto the text) has the first clause of its text, up to the first
   * comma or sentence mark and at most this many characters, tagged as its title.
   */
  leadTagged?: number;
};

// Tagged title (or lead clause, 25 characters): 5-fold CV macro-F1 0.9122 against 0.9069 for
// the same NB-SVM without, mean of 5 fold assignments (routing/README.md, Results).
export const defaultFeatureOptions: FeatureOptions = {
  ngramMin: 1,
  ngramMax: 3,
  words: true,
  titleBoost: 1,
  titleTagged: true,
  leadTagged: 25,
};

let segmenter: Intl.Segmenter | null = null;

// Runs of letters and digits; anything else (punctuation, spaces, symbols) breaks n-grams.
export const CHARACTER_RUN = /[\p{L}\p{N}]+/gu;

/** Lower-case, digits folded to 0 (numbers identify, they do not categorise). */
function foldForModel(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '0');
}

export type FeatureVisitor = (key: string, times: number) => void;

function visitCharNgrams(text: string, options: FeatureOptions, visit: (key: string) => void): void {
  // N-grams of UTF-16 code units: every Chinese character in use is one unit, and slicing the
  // string is several times faster than splitting it into code points.
  for (const match of text.matchAll(CHARACTER_RUN)) {
    const run = match[0];
    for (let n = options.ngramMin; n <= options.ngramMax; n++) {
      for (let i = 0; i + n <= run.length; i++) visit(run.slice(i, i + n));
    }
  }
}

/** Words of two or more characters, as Intl.Segmenter('zh') finds them. */
export function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike && part.segment.length >= 2) words.push(part.segment);
  }
  return words;
}

/**
 * Visits words of two or more characters and, when `bigrams` is set, each pair of such words
 * that follow each other directly (a punctuation mark or a one-character word between them
 * breaks the pair; spaces do not).
 */
export function visitWords(text: string, bigrams: boolean, visit: (key: string) => void): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let previous: string | null = null;
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike && part.segment.length >= 2) {
      visit(`_${part.segment}`);
      if (bigrams && previous !== null) visit(`_${previous}_${part.segment}`);
      previous = part.segment;
    } else if (part.segment.trim() !== '') previous = null;
  }
}

/**
 * A folded part of a message and how its features count: `plain` times as they are, and
 * `tagged` times with a "^" prefix as title features (0: not at all).
 */
export interface MessagePart {
  text: string;
  plain: number;
  tagged: number;
}

/**
 * The parts of a normalised message whose features are counted, in visiting order: the body,
 * then the title (boosted, and also tagged with `titleTagged`), or for a message without a title
 * its first clause tagged (`leadTagged`). Shared with serving (routing/serving-features.ts).
 */
export function messageParts(title: string, text: string, options: FeatureOptions): MessagePart[] {
  const body = foldForModel(text);
  const parts: MessagePart[] = [{ text: body, plain: 1, tagged: 0 }];
  if (title)
    parts.push({ text: foldForModel(title), plain: 1 + options.titleBoost, tagged: options.titleTagged ? 1 : 0 });
  else if (options.titleTagged && options.leadTagged) {
    const lead = leadClause(body, options.leadTagged);
    if (lead) parts.push({ text: lead, plain: 0, tagged: 1 });
  }
  return parts;
}

/**
 * Calls `visit` once per feature occurrence of a message whose title and text are already
 * normalised. The one definition of the features: training counts them into a map, serving
 * counts the same visits straight into vocabulary indices. Keys never contain spaces, so the
 * model can store them space-separated. Words are prefixed with "_" so that a two-character word
 * and the same bigram stay separate features. Each feature of a part is visited plain, then
 * tagged, in one pass: segmenting a title twice would cost serving time.
 */
export function visitFeatures(title: string, text: string, options: FeatureOptions, visit: FeatureVisitor): void {
  for (const part of messageParts(title, text, options)) {
    const emit = (key: string) => {
      if (part.plain) visit(key, part.plain);
      if (part.tagged) visit(`^${key}`, part.tagged);
    };
    visitCharNgrams(part.text, options, emit);
    if (options.words) visitWords(part.text, options.wordBigrams === true, emit);
  }
}

/** The text up to its first comma or sentence mark, at most `max` characters. */
function leadClause(text: string, max: number): string {
  const end = text.search(/[。！？!?，,；;\n]/u);
  return text.slice(0, Math.min(end < 0 ? text.length : end, max));
}

/** Raw feature counts of a normalised title and text. */
export function countFeatures(
  title: string,
  text: string,
  options: FeatureOptions = defaultFeatureOptions,
): Map<string, number> {
  const out = new Map<string, number>();
  visitFeatures(title, text, options, (key, times) => out.set(key, (out.get(key) ?? 0) + times));
  return out;
}

/** Normalises then counts: the one entry point training and classification share. */
export function messageFeatures(
  title: string | null | undefined,
  text: string,
  options: FeatureOptions = defaultFeatureOptions,
): Map<string, number> {
  return countFeatures(title ? normaliseText(title) : '', normaliseText(text), options);
}
