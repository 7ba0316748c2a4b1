// Traditional → simplified Chinese for residents who write traditional characters (Taiwan, Hong
// Kong, Macao, overseas), through opencc-js' documented API: ConverterFactory over the t2cn
// preset's Hong Kong and Taiwan variant dictionaries and its mainland target, so the Worker bundle
// carries no simplified→traditional data. Converters are built lazily, once per isolate (tens of
// milliseconds), never per message.
import { ConverterFactory, type ConverterFunction, type DictGroup } from 'opencc-js/core';
import * as Locale from 'opencc-js/preset/t2cn';

let traditionalToCn: ConverterFunction | null = null;
let hkTwToCn: ConverterFunction | null = null;

// Taiwan's convention reads 么 as 幺, so its variant dictionary turns the simplified 什么/怎么
// into 什幺; a private-use placeholder keeps 么 out of the converter's reach.
const YAO_PLACEHOLDER = '\uE000';

/** A preset's dictionaries by name; a package without them is a broken install, not a message fault. */
function dictionaries(table: Record<string, readonly DictGroup[]>, name: string): readonly DictGroup[] {
  const groups = table[name];
  if (!groups) throw new Error(`opencc-js preset has no "${name}" dictionaries`);
  return groups;
}

/** True when the text holds at least one character or phrase that simplified Chinese writes differently. */
export function hasTraditional(text: string): boolean {
  // OpenCC's traditional→simplified tables alone: about a tenth of the full chain's cost.
  traditionalToCn ??= ConverterFactory(dictionaries(Locale.to, 'cn'));
  return traditionalToCn(text) !== text;
}

/** Converts traditional Chinese (Taiwan and Hong Kong variants) to simplified (mainland). */
export function toSimplified(text: string): string {
  // Most messages are simplified already: skip the full chain for them, which also guarantees
  // that simplified text is never altered.
  if (!hasTraditional(text)) return text;
  // Hong Kong variants first (a few characters differ from Taiwan's), then Taiwan's, then mainland.
  hkTwToCn ??= ConverterFactory(
    dictionaries(Locale.from, 'hk'),
    dictionaries(Locale.from, 'tw'),
    dictionaries(Locale.to, 'cn'),
  );
  return hkTwToCn(text.replaceAll('么', YAO_PLACEHOLDER)).replaceAll(YAO_PLACEHOLDER, '么');
}
