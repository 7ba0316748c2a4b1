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
export const defaultFeatureOptions: FeatureOptions = { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1, titleTagged: true, leadTagged: 25 };

let segmenter: Intl.Segmenter | null = null;

// Runs of letters and digits; anything else (punctuation, spaces, symbols) breaks n-grams.
const RUN = /[\p{L}\p{N}]+/gu;

/** Lower-case, digits folded to 0 (numbers identify, they do not categorise). */
export function foldForModel(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '0');
}

export type FeatureVisitor = (key: string, times: number) => void;

function visitCharNgrams(text: string, options: FeatureOptions, times: number, visit: FeatureVisitor): void {
  // N-grams of UTF-16 code units: every Chinese character in use is one unit, and slicing the
  // string is several times faster than splitting it into code points.
  for (const match of text.matchAll(RUN)) {
    const run = match[0];
    for (let n = options.ngramMin; n <= options.ngramMax; n++) {
      for (let i = 0; i + n <= run.length; i++) visit(run.slice(i, i + n), times);
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
export function visitWords(text: string, bigrams: boolean, times: number, visit: FeatureVisitor): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let previous: string | null = null;
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike && part.segment.length >= 2) {
      visit(`_${part.segment}`, times);
      if (bigrams && previous !== null) visit(`_${previous}_${part.segment}`, times);
      previous = part.segment;
    } else if (part.segment.trim() !== '') previous = null;
  }
}

/**
 * Calls `visit` once per feature occurrence of a message whose title and text are already
 * normalised. The one definition of the features: training counts them into a map, serving
 * looks them up in the model's vocabulary directly. Keys never contain spaces, so the model can
 * store them space-separated. Words are prefixed with "_" so that a two-character word and the
 * same bigram stay separate features.
 */
export function visitFeatures(title: string, text: string, options: FeatureOptions, visit: FeatureVisitor): void {
  const body = foldForModel(text);
  visitPart(body, options, 1, visit);
  const boost = 1 + options.titleBoost;
  if (title) {
    // One pass over the title emits both forms: segmenting it twice would cost serving time.
    const both: FeatureVisitor = options.titleTagged ? (key, times) => (visit(key, times), visit(`^${key}`, times / boost)) : visit;
    visitPart(foldForModel(title), options, boost, both);
  } else if (options.titleTagged && options.leadTagged) {
    const lead = leadClause(body, options.leadTagged);
    if (lead) visitPart(lead, options, 1, (key, times) => visit(`^${key}`, times));
  }
}

/** Character n-grams and (optionally) words of one folded part of a message. */
function visitPart(part: string, options: FeatureOptions, times: number, visit: FeatureVisitor): void {
  visitCharNgrams(part, options, times, visit);
  if (options.words) visitWords(part, options.wordBigrams === true, times, visit);
}

/** The text up to its first comma or sentence mark, at most `max` characters. */
export function leadClause(text: string, max: number): string {
  const end = text.search(/[。！？!?，,；;\n]/u);
  return text.slice(0, Math.min(end < 0 ? text.length : end, max));
}

/** Raw feature counts of a normalised title and text. */
export function countFeatures(title: string, text: string, options: FeatureOptions = defaultFeatureOptions): Map<string, number> {
  const out = new Map<string, number>();
  visitFeatures(title, text, options, (key, times) => out.set(key, (out.get(key) ?? 0) + times));
  return out;
}

/** Normalises then counts: the one entry point training and classification share. */
export function messageFeatures(title: string | null | undefined, text: string, options: FeatureOptions = defaultFeatureOptions): Map<string, number> {
  return countFeatures(title ? normaliseText(title) : '', normaliseText(text), options);
}
