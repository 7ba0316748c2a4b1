// Place finding against a gazetteer (the city's districts, streets/townships and communities).
// The gazetteer is data (seeded for the demo city, editable by admins in D1); this module only
// matches it. Matching is longest-name-first, and an ambiguous name (two communities called
// 滨江社区) is resolved by the district or street also named in the text.

export type PlaceLevel = 'district' | 'street' | 'community';

export type GazetteerEntry = {
  code: string;
  name: string;
  level: PlaceLevel;
  parentCode: string | null;
  /** Other spellings residents use (幕云街道 for 暮云街道, the township's 镇 for its 街道). */
  aliases?: string[];
};

export type PlaceMatch = { level: PlaceLevel; code: string; name: string; value: string; start: number; end: number };

/** The place a message is about: the most specific consistent match, with its ancestors. */
export type ResolvedPlace = {
  code: string;
  name: string;
  level: PlaceLevel;
  /** From the district down to the place itself. */
  path: { code: string; name: string; level: PlaceLevel }[];
  /** Where it was found: the location field the resident filled in, or the message text. */
  source: 'location' | 'text';
};

type Index = { names: { name: string; entry: GazetteerEntry }[]; byCode: Map<string, GazetteerEntry> };

const indexCache = new WeakMap<readonly GazetteerEntry[], Index>();

function indexOf(gazetteer: readonly GazetteerEntry[]): Index {
  let index = indexCache.get(gazetteer);
  if (!index) {
    const names: Index['names'] = [];
    for (const entry of gazetteer)
      for (const name of [entry.name, ...(entry.aliases ?? [])]) if (name) names.push({ name, entry });
    // Longest first so 捞刀河街道 wins over a shorter name inside it; code order breaks ties.
    names.sort((a, b) => b.name.length - a.name.length || (a.entry.code < b.entry.code ? -1 : 1));
    index = { names, byCode: new Map(gazetteer.map((e) => [e.code, e])) };
    indexCache.set(gazetteer, index);
  }
  return index;
}

/** Every gazetteer name in the text, without overlaps (longest wins), in text order. */
export function findPlaces(text: string, gazetteer: readonly GazetteerEntry[]): PlaceMatch[] {
  const { names } = indexOf(gazetteer);
  const taken = new Uint8Array(text.length);
  const found: PlaceMatch[] = [];
  for (const { name, entry } of names) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(name, from);
      if (start < 0) break;
      const end = start + name.length;
      from = start + 1;
      let free = true;
      for (let i = start; i < end; i++) if (taken[i]) free = false;
      if (!free) continue;
      taken.fill(1, start, end);
      found.push({ level: entry.level, code: entry.code, name: entry.name, value: name, start, end });
    }
  }
  // An ambiguous name matched whichever entry came first; prefer the entry whose ancestors the
  // text also names.
  const mentioned = mentionedCodes(text, gazetteer);
  const support = (code: string) =>
    placePath(code, gazetteer).filter((a) => a.code !== code && mentioned.has(a.code)).length;
  const resolved = found.map((match) => {
    const rivals = names.filter((n) => n.name === match.value && n.entry.code !== match.code).map((n) => n.entry);
    let pick = match;
    for (const rival of rivals) {
      if (support(rival.code) > support(pick.code))
        pick = { ...match, level: rival.level, code: rival.code, name: rival.name };
    }
    return pick;
  });
  return resolved.sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : 1));
}

/** The chain from the district down to `code`. */
export function placePath(code: string, gazetteer: readonly GazetteerEntry[]): GazetteerEntry[] {
  const { byCode } = indexOf(gazetteer);
  const path: GazetteerEntry[] = [];
  let current = byCode.get(code);
  const seen = new Set<string>();
  while (current && !seen.has(current.code)) {
    seen.add(current.code);
    path.unshift(current);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return path;
}

/**
 * The one place a message is about. Candidates are every entry whose name (or alias) occurs;
 * the winner is the entry with the most of its ancestors also named (so an ambiguous 滨江社区
 * goes to the one in the district the resident wrote), then the most specific, then the first
 * mentioned.
 */
export function resolvePlace(
  text: string,
  gazetteer: readonly GazetteerEntry[],
  source: ResolvedPlace['source'] = 'text',
): ResolvedPlace | null {
  const mentioned = mentionedCodes(text, gazetteer);
  if (mentioned.size === 0) return null;
  const levelRank: Record<PlaceLevel, number> = { district: 0, street: 1, community: 2 };
  let best: { entry: GazetteerEntry; path: GazetteerEntry[]; support: number; at: number } | null = null;
  for (const [code, at] of mentioned) {
    const path = placePath(code, gazetteer);
    const entry = path[path.length - 1]!;
    const support = path.slice(0, -1).filter((a) => mentioned.has(a.code)).length;
    const better =
      !best ||
      support > best.support ||
      (support === best.support && levelRank[entry.level] > levelRank[best.entry.level]) ||
      (support === best.support && entry.level === best.entry.level && at < best.at);
    if (better) best = { entry, path, support, at };
  }
  return {
    code: best!.entry.code,
    name: best!.entry.name,
    level: best!.entry.level,
    path: best!.path.map((e) => ({ code: e.code, name: e.name, level: e.level })),
    source,
  };
}

/** Code → first offset of every entry named in the text (ambiguous names count for each entry). */
function mentionedCodes(text: string, gazetteer: readonly GazetteerEntry[]): Map<string, number> {
  const mentioned = new Map<string, number>();
  for (const { name, entry } of indexOf(gazetteer).names) {
    const at = text.indexOf(name);
    if (at >= 0 && (!mentioned.has(entry.code) || mentioned.get(entry.code)! > at)) mentioned.set(entry.code, at);
  }
  return mentioned;
}
