// Serving-time feature counting: the same features as `visitFeatures` (routing/text-features.ts),
// counted straight into vocabulary indices without building a string per character n-gram, since
// intake classifies every message (the README's benchmark section has the figures). Each n-gram
// of up to three UTF-16 code units is packed into two integers and looked up in an
// open-addressing table built once per model. Features are counted in the order `visitFeatures`
// visits them, so the scores are bit for bit those of the string-keyed counts training reads
// (routing/serving-features.test.ts checks it).
import type { FeatureOptions } from './text-features';
import { CHARACTER_RUN, messageParts, visitWords } from './text-features';

/**
 * Slots of three ints (packed low units, packed high unit and length, vocabulary index + 1),
 * one cache line apart at most.
 */
interface NgramTable {
  mask: number;
  slots: Int32Array;
}

function hashPacked(lo: number, hi: number): number {
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** A character n-gram key: its first code unit is a letter or digit (other features carry a prefix). */
function isNgramKey(key: string): boolean {
  // A surrogate half stands for a letter outside the BMP cut by code-unit slicing.
  return key.length >= 1 && key.length <= 3 && /^[\p{L}\p{N}\uD800-\uDFFF]/u.test(key);
}

function pack(key: string): [number, number] {
  const lo = key.charCodeAt(0) | ((key.length > 1 ? key.charCodeAt(1) : 0) << 16);
  const hi = (key.length > 2 ? key.charCodeAt(2) : 0) | (key.length << 16);
  return [lo, hi];
}

/** The table of the character n-gram keys `ngramOf` picks out of the vocabulary (null: not one). */
function buildTable(vocabulary: ReadonlyMap<string, number>, ngramOf: (key: string) => string | null): NgramTable {
  let size = 1024;
  while (size < vocabulary.size * 2) size *= 2;
  const table: NgramTable = { mask: size - 1, slots: new Int32Array(size * 3) };
  for (const [key, index] of vocabulary) {
    const ngram = ngramOf(key);
    if (ngram === null) continue;
    const [lo, hi] = pack(ngram);
    let at = hashPacked(lo, hi) & table.mask;
    while (table.slots[at * 3 + 2] !== 0) at = (at + 1) & table.mask;
    table.slots[at * 3] = lo;
    table.slots[at * 3 + 1] = hi;
    table.slots[at * 3 + 2] = index + 1;
  }
  return table;
}

function lookup(table: NgramTable, lo: number, hi: number): number {
  const { slots, mask } = table;
  let at = hashPacked(lo, hi) & mask;
  for (;;) {
    const s = slots[at * 3 + 2]!;
    if (s === 0) return -1;
    if (slots[at * 3] === lo && slots[at * 3 + 1] === hi) return s - 1;
    at = (at + 1) & mask;
  }
}

/** Feature counts by vocabulary index, in first-visit order (the order sums are taken in). */
interface IndexCounts {
  touched: number[];
  counts: Float64Array;
}

export interface ServingModel {
  vocabulary: ReadonlyMap<string, number>;
  features: FeatureOptions;
}

interface Compiled {
  /** Plain n-grams, and n-grams tagged "^" as title features (`titleTagged`). */
  plain: NgramTable;
  tagged: NgramTable;
  scratch: Float64Array;
}

const compiled = new WeakMap<ServingModel, Compiled>();

function compile(model: ServingModel): Compiled {
  return {
    plain: buildTable(model.vocabulary, (key) => (isNgramKey(key) ? key : null)),
    tagged: buildTable(model.vocabulary, (key) =>
      key.startsWith('^') && isNgramKey(key.slice(1)) ? key.slice(1) : null,
    ),
    scratch: new Float64Array(model.vocabulary.size),
  };
}

/** Counts a normalised title and text into vocabulary indices, as `visitFeatures` would visit them. */
export function countIndexFeatures(model: ServingModel, title: string, text: string): IndexCounts {
  let c = compiled.get(model);
  if (!c) {
    c = compile(model);
    compiled.set(model, c);
  }
  const { plain, tagged, scratch } = c;
  const options = model.features;
  // The scratch buffer is all zeros between calls: each call clears what it touched.
  const touched: number[] = [];
  const add = (index: number, times: number) => {
    if (scratch[index] === 0) touched.push(index);
    scratch[index]! += times;
  };
  for (const { text: part, plain: plainTimes, tagged: taggedTimes } of messageParts(title, text, options)) {
    // Each feature plain, then tagged, as visitFeatures visits them.
    for (const match of part.matchAll(CHARACTER_RUN)) {
      const run = match[0];
      for (let n = options.ngramMin; n <= options.ngramMax; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          const lo = run.charCodeAt(i) | ((n > 1 ? run.charCodeAt(i + 1) : 0) << 16);
          const hi = (n > 2 ? run.charCodeAt(i + 2) : 0) | (n << 16);
          if (plainTimes) {
            const index = lookup(plain, lo, hi);
            if (index >= 0) add(index, plainTimes);
          }
          if (taggedTimes) {
            const index = lookup(tagged, lo, hi);
            if (index >= 0) add(index, taggedTimes);
          }
        }
      }
    }
    visitWords(part, (key) => {
      if (plainTimes) {
        const index = model.vocabulary.get(key);
        if (index !== undefined) add(index, plainTimes);
      }
      if (taggedTimes) {
        const index = model.vocabulary.get(`^${key}`);
        if (index !== undefined) add(index, taggedTimes);
      }
    });
  }
  const counts = Float64Array.from(touched, (i) => scratch[i]!);
  for (const i of touched) scratch[i] = 0;
  return { touched, counts };
}
