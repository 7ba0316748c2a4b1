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
};

export const defaultFeatureOptions: FeatureOptions = { ngramMin: 1, ngramMax: 3, words: true, titleBoost: 1 };

let segmenter: Intl.Segmenter | null = null;

// Runs of letters and digits; anything else (punctuation, spaces, symbols) breaks n-grams.
const RUN = /[\p{L}\p{N}]+/gu;

/** Lower-case, digits folded to 0 (numbers identify, they do not categorise). */
function foldForModel(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '0');
}

function addCharNgrams(out: Map<string, number>, text: string, options: FeatureOptions, times: number): void {
  // N-grams of UTF-16 code units: every Chinese character in use is one unit, and slicing the
  // string is several times faster than splitting it into code points.
  for (const match of text.matchAll(RUN)) {
    const run = match[0];
    for (let n = options.ngramMin; n <= options.ngramMax; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const gram = run.slice(i, i + n);
        out.set(gram, (out.get(gram) ?? 0) + times);
      }
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

function addWords(out: Map<string, number>, text: string, times: number): void {
  // Words are prefixed so that a two-character word and the same bigram stay separate features.
  for (const word of segmentWords(text)) {
    const key = `_${word}`;
    out.set(key, (out.get(key) ?? 0) + times);
  }
}

/**
 * Raw feature counts of a message whose title and text are already normalised
 * (`normaliseText`). Keys never contain spaces, so the model can store them space-separated.
 */
export function countFeatures(title: string, text: string, options: FeatureOptions = defaultFeatureOptions): Map<string, number> {
  const out = new Map<string, number>();
  const body = foldForModel(text);
  addCharNgrams(out, body, options, 1);
  if (options.words) addWords(out, body, 1);
  if (title) {
    const head = foldForModel(title);
    const times = 1 + options.titleBoost;
    addCharNgrams(out, head, options, times);
    if (options.words) addWords(out, head, times);
  }
  return out;
}

/** Normalises then counts: the one entry point training and classification share. */
export function messageFeatures(title: string | null | undefined, text: string, options: FeatureOptions = defaultFeatureOptions): Map<string, number> {
  return countFeatures(title ? normaliseText(title) : '', normaliseText(text), options);
}
