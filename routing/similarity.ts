// Near-duplicate detection with MinHash signatures over character bigrams (bigrams survive the
// rewording of a re-sent complaint far better than trigrams). A signature (64 minimum hashes,
// 512 hex characters) is computed once at intake and stored with the ticket; LSH band keys
// (32 bands of 2 hashes) can go into an indexed table, so finding similar tickets is an equality
// lookup on band keys plus a comparison of a few signatures, never a scan of text. With 32 bands
// of 2, a pair at Jaccard 0.5 shares a band key with probability 0.9999, at 0.3 with 0.95, at
// 0.2 with 0.73, at 0.05 (unrelated messages) with 0.08.

const SIGNATURE_HASHES = 64;
const BAND_ROWS = 2;
const BANDS = SIGNATURE_HASHES / BAND_ROWS;
/** Estimated Jaccard similarity from which two messages count as the same matter. */
export const DUPLICATE_THRESHOLD = 0.5;
export const DUPLICATE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

// Per-hash odd multipliers and offsets from a fixed seed, so signatures are stable across
// releases (changing them would orphan every stored signature).
const MULTIPLIERS: number[] = [];
const OFFSETS: number[] = [];
{
  let state = 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  for (let i = 0; i < SIGNATURE_HASHES; i++) {
    MULTIPLIERS.push(next() | 1);
    OFFSETS.push(next());
  }
}

/** FNV-1a over UTF-16 code units, then a murmur finaliser for avalanche. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(x: number, i: number): number {
  let h = (Math.imul(x, MULTIPLIERS[i]!) + OFFSETS[i]!) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** Character shingles of the letters and digits (numbers folded: a new phone number is not a new matter). */
function shingles(text: string): Set<string> {
  const runs =
    text
      .toLowerCase()
      .replace(/\d+/g, '0')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const chars = [...runs.join('|')];
  const out = new Set<string>();
  if (chars.length < 2) {
    if (chars.length === 1) out.add(chars[0]!);
    return out;
  }
  for (let i = 0; i + 2 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** The MinHash signature of a (normalised) message: 64 × 8 hex characters. */
export function computeSignature(text: string): string {
  const mins = new Uint32Array(SIGNATURE_HASHES).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const base = hashString(shingle);
    for (let i = 0; i < SIGNATURE_HASHES; i++) {
      const h = mix(base, i);
      if (h < mins[i]!) mins[i] = h;
    }
  }
  let hex = '';
  for (const m of mins) hex += m.toString(16).padStart(8, '0');
  return hex;
}

/** LSH band keys of a signature, `"<band>:<16 hex>"`; similar messages share at least one. */
export function signatureBands(signature: string): string[] {
  const width = 8 * BAND_ROWS;
  const bands: string[] = [];
  for (let b = 0; b < BANDS; b++)
    bands.push(`${b.toString().padStart(2, '0')}:${signature.slice(b * width, (b + 1) * width)}`);
  return bands;
}

/** Estimated Jaccard similarity of the two messages' shingle sets, in [0, 1]. */
export function similarity(a: string, b: string): number {
  if (a.length !== b.length || a.length !== SIGNATURE_HASHES * 8) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_HASHES; i++) if (a.slice(i * 8, i * 8 + 8) === b.slice(i * 8, i * 8 + 8)) same++;
  return same / SIGNATURE_HASHES;
}

export function isDuplicate(a: string, b: string, threshold = DUPLICATE_THRESHOLD): boolean {
  return similarity(a, b) >= threshold;
}

export type DuplicateCandidate = {
  ticketId: string;
  contactKey: string | null;
  signature: string;
  receivedAt: number;
  open: boolean;
};
export type DuplicateMatch = { ticketId: string; similarity: number };

/**
 * The open ticket a new message should be merged into: same resident (contact key), similar
 * text, received within the last 7 days. `now` is the new message's reception time (epoch ms).
 * Returns the most similar such ticket (the most recent on a tie), or null.
 */
export function findDuplicate(
  message: { contactKey: string | null; signature: string },
  candidates: readonly DuplicateCandidate[],
  now: number,
  options: { threshold?: number; windowMs?: number } = {},
): DuplicateMatch | null {
  if (!message.contactKey) return null; // an anonymous message cannot be the "same resident"
  const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
  const windowMs = options.windowMs ?? DUPLICATE_WINDOW_MS;
  let best: (DuplicateMatch & { receivedAt: number }) | null = null;
  for (const c of candidates) {
    if (!c.open || c.contactKey !== message.contactKey) continue;
    if (c.receivedAt > now || now - c.receivedAt > windowMs) continue;
    const s = similarity(message.signature, c.signature);
    if (s < threshold) continue;
    if (!best || s > best.similarity || (s === best.similarity && c.receivedAt > best.receivedAt)) {
      best = { ticketId: c.ticketId, similarity: s, receivedAt: c.receivedAt };
    }
  }
  return best ? { ticketId: best.ticketId, similarity: best.similarity } : null;
}
