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
  /** Also count the title's features once more under a "^" prefix, apart from the body's. */
  titleTagged?: boolean;
  /** Longest character n-gram taken from the title (default `ngramMax`). */
  titleNgramMax?: number;
};

export const defaultFeatureOptions: FeatureOptions = { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1 };

let segmenter: Intl.Segmenter | null = null;

// Runs of letters and digits; anything else (punctuation, spaces, symbols) breaks n-grams.
const RUN = /[\p{L}\p{N}]+/gu;

/** Lower-case, digits folded to 0 (numbers identify, they do not categorise). */
function foldForModel(text: string): string {
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
function visitWords(text: string, bigrams: boolean, times: number, visit: FeatureVisitor): void {
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
  visitCharNgrams(body, options, 1, visit);
  if (options.words) visitWords(body, options.wordBigrams === true, 1, visit);
  if (!title) return;
  const head = foldForModel(title);
  const titleOptions = options.titleNgramMax === undefined ? options : { ...options, ngramMax: options.titleNgramMax };
  const times = 1 + options.titleBoost;
  visitCharNgrams(head, titleOptions, times, visit);
  if (options.words) visitWords(head, options.wordBigrams === true, times, visit);
  if (options.titleTagged) {
    const tagged: FeatureVisitor = (key, n) => visit(`^${key}`, n);
    visitCharNgrams(head, titleOptions, 1, tagged);
    if (options.words) visitWords(head, options.wordBigrams === true, 1, tagged);
  }
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
