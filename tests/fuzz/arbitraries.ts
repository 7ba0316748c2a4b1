// What the fuzz tests throw at the hub: text no form or parser expects (any code point, lone
// surrogates, control characters, markup, names special to JavaScript objects, very long runs of
// Chinese), JSON of any shape, contract bodies with some fields dropped, replaced or added, and
// bodies that are not JSON at all. One file, so every surface is fuzzed with the same inputs.
import fc from 'fast-check';

/** Strings with a meaning somewhere: to objects, SQL, HTML, URLs, number parsers, encodings. */
const trickyStrings = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\r\n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '%',
  '%zz',
  '%E4%B8',
  '&amp;',
  '&#0;',
  '<script>alert(1)</script>',
  "'; DROP TABLE tickets; --",
  '" OR 1=1 --',
  'NEAR(a b)',
  '"*"',
  'a*',
  '../../etc/passwd',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '9'.repeat(30),
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '🚧🚧🚧',
  '路灯'.repeat(3),
] as const;

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...trickyStrings) },
  // Around the fields' maxima (50, 200, 2,000, 5,000, 20,000 letters), within 64 KB bodies mostly.
  { weight: 1, arbitrary: fc.constantFrom(49, 51, 199, 201, 1999, 2001, 4999, 5001, 19_999, 20_001).map(longText) },
);

function longText(n: number): string {
  return '很'.repeat(n);
}

/** A key of a JSON object or a form: mostly the fields a contract knows, sometimes anything. */
export const hostileKey = (known: readonly string[] = []): fc.Arbitrary<string> =>
  known.length > 0 ? fc.oneof(fc.constantFrom(...known), hostileText) : hostileText;

const oddNumbers = [0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, 8.64e15 + 1, 1e21, Number.MIN_VALUE] as const;

export const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(...oddNumbers),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value, a few levels deep. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A hostile value of the template's own kind, so the rest of the body stays valid around it. */
function sameKind(template: unknown): fc.Arbitrary<unknown> {
  if (typeof template === 'string') return hostileText;
  if (typeof template === 'number') {
    return fc.oneof(fc.constantFrom(...oddNumbers), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  }
  if (typeof template === 'boolean') return fc.boolean();
  return jsonValue;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A contract's valid body with one to three fields changed: dropped, replaced by a hostile value
 * of their own kind or by any JSON value, or mutated the same way one level down (objects, and
 * arrays element by element); sometimes a field added. Changing few fields at a time keeps the
 * rest valid, so the input reaches the code behind the validation, not only the validation.
 */
export function mutated(template: unknown, depth = 2): fc.Arbitrary<unknown> {
  if (depth > 0 && Array.isArray(template) && template.length > 0) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.array(mutated(template[0], depth - 1), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.constant(Array.from({ length: 300 }, () => template[0])) },
    );
  }
  if (depth === 0 || !isPlainObject(template) || Object.keys(template).length === 0) {
    return fc.oneof({ weight: 2, arbitrary: sameKind(template) }, { weight: 1, arbitrary: jsonValue });
  }
  const keys = Object.keys(template);
  const change = (k: string) =>
    fc.oneof(
      { weight: 4, arbitrary: mutated(template[k], depth - 1) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const changes = fc
    .uniqueArray(fc.constantFrom(...keys), { minLength: 0, maxLength: Math.min(3, keys.length) })
    .chain((chosen) => fc.tuple(fc.constant(chosen), fc.tuple(...chosen.map(change))));
  const extra = fc.option(fc.dictionary(hostileKey(), jsonValue, { maxKeys: 2 }), { freq: 4 });
  return fc.tuple(changes, extra).map(([[chosen, values], added]) => {
    const out: Record<string, unknown> = { ...added, ...template };
    chosen.forEach((k, i) => {
      if (values[i] === undefined) delete out[k];
      else out[k] = values[i];
    });
    return out;
  });
}

/** A request body for a JSON endpoint: mostly near its contract, also any JSON, cut-off JSON, or no JSON. */
export function jsonBody(template: unknown): fc.Arbitrary<string> {
  const near = mutated(template).map((v) => JSON.stringify(v) ?? '');
  return fc.oneof(
    { weight: 6, arbitrary: near },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? '') },
    { weight: 1, arbitrary: fc.tuple(near, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 40_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  );
}

/** Form fields: the known names with hostile values (some repeated), and unknown names. */
export function formFields(known: readonly string[]): fc.Arbitrary<Array<[string, string]>> {
  return fc.array(fc.tuple(hostileKey(known), hostileText), { maxLength: 12 });
}

/** A form as the browser encodes it, or a body that only claims to be one. */
export function formBody(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: formFields(known).map((pairs) => new URLSearchParams(pairs).toString()) },
    // Written by hand: raw '%' escapes, '+', '&&', '=' with no name.
    { weight: 2, arbitrary: fc.array(fc.tuple(hostileKey(known), hostileText), { maxLength: 6 }).map(rawPairs) },
    { weight: 1, arbitrary: hostileText },
  );
}

const rawPairs = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

/** A query string: known names with hostile values, percent-encoded properly or not at all. */
export function queryString(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: formFields(known).map((pairs) => new URLSearchParams(pairs).toString()) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(hostileKey(known), hostileText), { maxLength: 6 })
        .map((pairs) => rawPairs(pairs).replace(/[#\s]/g, encodeURIComponent)),
    },
  );
}

/** Percent-encodes a path segment; a lone surrogate (which has no UTF-8) goes as U+FFFD, as a browser sends it. */
export const encodeSegment = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** fast-check's run count for one property: enough to find a crash, few enough to stay fast. */
export const runs = (numRuns = 60): fc.Parameters<unknown> => ({ numRuns });

let addresses = 0;
/** A fresh client address for each request (TEST-NET-2), so no fuzz run spends another's rate limit. */
export const freshAddress = () => `198.51.${100 + Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;

let nonces = 0;
/** A nonce used once: signed channels remember the ones they have seen. */
export const freshNonce = () => `${Date.now()}${++nonces}${Math.floor(Math.random() * 1e6)}`;
