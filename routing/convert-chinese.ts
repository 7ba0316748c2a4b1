// Traditional → simplified Chinese for residents who write traditional characters (Taiwan, Hong
// Kong, Macao, overseas). Uses opencc-js' t2cn build only, so the Worker bundle does not carry
// the simplified→traditional dictionaries. Converters and the lookup set are built lazily, once
// per isolate (a few tens of milliseconds), never per message.
import { Converter, Locale } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let twToCn: Convert | null = null;
let hkToCn: Convert | null = null;

// Taiwan's convention reads 么 as 幺, so opencc turns the simplified 什么/怎么 into 什幺; a
// private-use placeholder keeps 么 out of the converter's reach.
const YAO_PLACEHOLDER = '\uE000';

/** The characters that OpenCC's TSCharacters table would change (traditional-only forms). */
function loadTraditionalChars(): Set<string> {
  const set = new Set<string>();
  for (const group of Locale.to.cn ?? []) {
    for (const dict of group as unknown as (string | [string, string][])[]) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [from, to] of entries) {
        if (from && to && [...from].length === 1 && from !== to) set.add(from);
      }
    }
  }
  return set;
}

/** Traditional-only characters as a bitmap over UTF-16 code units, plus the few outside the BMP. */
type TraditionalIndex = { bmp: Uint8Array; astral: Set<string> };
let traditionalIndex: TraditionalIndex | null = null;

function loadTraditionalIndex(): TraditionalIndex {
  const bmp = new Uint8Array(0x10000 / 8);
  const astral = new Set<string>();
  for (const ch of loadTraditionalChars()) {
    if (ch.length === 1) bmp[ch.charCodeAt(0) >> 3]! |= 1 << (ch.charCodeAt(0) & 7);
    else astral.add(ch);
  }
  return { bmp, astral };
}

/** True when the text holds at least one character that simplified Chinese writes differently. */
export function hasTraditional(text: string): boolean {
  // Every message passes through here: a bitmap lookup per code unit is the cheapest scan.
  traditionalIndex ??= loadTraditionalIndex();
  const { bmp, astral } = traditionalIndex;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (bmp[c >> 3]! & (1 << (c & 7))) return true;
    if (c >= 0xd800 && c <= 0xdbff && astral.size > 0 && astral.has(text.slice(i, i + 2))) return true;
  }
  return false;
}

/** Converts traditional Chinese (Taiwan and Hong Kong variants) to simplified (mainland). */
export function toSimplified(text: string): string {
  // Most messages are simplified already: skip the converters (the slow part) for them, which
  // also guarantees that simplified text is never altered.
  if (!hasTraditional(text)) return text;
  twToCn ??= Converter({ from: 'tw', to: 'cn' });
  hkToCn ??= Converter({ from: 'hk', to: 'cn' });
  const guarded = text.replaceAll('么', YAO_PLACEHOLDER);
  // Hong Kong variants first (a few characters differ from Taiwan's), then Taiwan's phrases.
  return twToCn(hkToCn(guarded)).replaceAll(YAO_PLACEHOLDER, '么');
}
