// Turns a message into the sparse features the classifier reads: character n-grams (robust to
// the typos and unusual words of citizens' writing) plus whole words from Intl.Segmenter('zh')
// (ICU's dictionary segmenter, available in Node and in workerd alike). Training and serving
// both call this one function, so the two can never drift apart in code; the model also keeps a
// probe (see `tokeniserProbe`) so a different ICU build is noticed.
import { normaliseText } from './normalise-text';

export type FeatureOptions = {
  /** Shortest and longest character n-gram (serving packs n-grams of at most three code units). */
  ngramMin: number;
  ngramMax: number;
  /** Intl.Segmenter words of two or more characters are features too. */
  words: true;
  /** Title features are counted this many extra times: titles say what the message is about. */
  titleBoost: number;
  /**
   * The title's features are also counted once under a "^" prefix, so a word can weigh
   * differently in the title (what the message is about) than in the body (where it may be
   * incidental).
   */
  titleTagged: true;
  /**
   * A message without a title (about a quarter of the board's, whose title the export glued
   * onto the text) has the first clause of its text, up to the first comma or sentence mark and
   * at most this many characters, tagged as its title (0: none).
   */
  leadTagged: number;
};

// The feature set the shipped model was trained with, chosen by cross-validation
// (routing/README.md, Results).
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

type FeatureVisitor = (key: string, times: number) => void;

function visitCharNgrams(text: string, options: FeatureOptions, visit: (key: string) => void): void {
  // N-grams of UTF-16 code units: every Chinese character in use is one unit, so the string is
  // sliced as it is, never split into code points.
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

/** Visits the words of two or more characters, as Intl.Segmenter('zh') finds them, prefixed "_". */
export function visitWords(text: string, visit: (key: string) => void): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike && part.segment.length >= 2) visit(`_${part.segment}`);
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
 * then the title (boosted, and also tagged), or for a message without a title its first clause
 * tagged (`leadTagged`). Shared with serving (routing/serving-features.ts).
 */
export function messageParts(title: string, text: string, options: FeatureOptions): MessagePart[] {
  const body = foldForModel(text);
  const parts: MessagePart[] = [{ text: body, plain: 1, tagged: 0 }];
  if (title) parts.push({ text: foldForModel(title), plain: 1 + options.titleBoost, tagged: 1 });
  else if (options.leadTagged > 0) {
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
function visitFeatures(title: string, text: string, options: FeatureOptions, visit: FeatureVisitor): void {
  for (const part of messageParts(title, text, options)) {
    const emit = (key: string) => {
      if (part.plain) visit(key, part.plain);
      if (part.tagged) visit(`^${key}`, part.tagged);
    };
    visitCharNgrams(part.text, options, emit);
    visitWords(part.text, emit);
  }
}

/** The text up to its first comma or sentence mark, at most `max` characters. */
function leadClause(text: string, max: number): string {
  const end = text.search(/[。！？!?，,；;\n]/u);
  return text.slice(0, Math.min(end < 0 ? text.length : end, max));
}

/** Normalises then counts: the feature counts training reads, keyed by feature. */
export function messageFeatures(
  title: string | null | undefined,
  text: string,
  options: FeatureOptions = defaultFeatureOptions,
): Map<string, number> {
  const out = new Map<string, number>();
  const normalisedTitle = title ? normaliseText(title) : '';
  visitFeatures(normalisedTitle, normaliseText(text), options, (key, times) =>
    out.set(key, (out.get(key) ?? 0) + times),
  );
  return out;
}
