// Sparse TF-IDF vectors shared by the trainer and the classifier: sublinear term frequency
// (1 + ln tf) times IDF, L2-normalised, so long letters and short notes weigh alike.

export type SparseVector = { index: Int32Array; value: Float64Array };

/**
 * Builds the vector of a message from its feature counts. Features outside `vocabulary` are
 * dropped; indices come out ascending so dot products walk memory in order.
 */
export function tfidfVector(
  counts: Map<string, number>,
  vocabulary: Map<string, number>,
  idf: ArrayLike<number>,
): SparseVector {
  const pairs: [number, number][] = [];
  let norm = 0;
  for (const [feature, count] of counts) {
    const i = vocabulary.get(feature);
    if (i === undefined) continue;
    const v = (1 + Math.log(count)) * idf[i]!;
    pairs.push([i, v]);
    norm += v * v;
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const index = new Int32Array(pairs.length);
  const value = new Float64Array(pairs.length);
  pairs.forEach(([i, v], k) => {
    index[k] = i;
    value[k] = v * scale;
  });
  return { index, value };
}
