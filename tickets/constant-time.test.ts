/// <reference types="vite/client" />
// Every secret, signature, token, nonce and query code is compared in constant time
// (tickets/settings.ts `safeEqual`, or crypto.subtle.verify): a plain `===` returns at the first
// differing character, and how long a refusal takes tells a forger how much of a guess was right.
// The helper's own behaviour, then a scan of the hub's source for a plain comparison of such a
// value, so a new one fails here.
import { describe, expect, it } from 'vitest';
import { includesSecret, safeEqual } from './settings';

const sources = import.meta.glob(
  [
    '../channels/**/*.ts',
    '../channels/**/*.tsx',
    '../worker/**/*.ts',
    '../worker/**/*.tsx',
    '../tickets/**/*.ts',
    '../dashboard/**/*.ts',
    '../dashboard/**/*.tsx',
    '!../**/*.test.ts',
  ],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

/** Names that hold a secret or something presented against one. */
const secretName =
  /(signature|secret|token|querycode|query_code|nonce|apikey|api_key|csrf|hmac|digest|presented|passwordhash)$/i;
const comparison = /([\w$.?!]+(?:\([^()]*\))?)\s*(?:===|!==)\s*([\w$.?!'"`-]+(?:\([^()]*\))?)/g;
const harmless = /^(null|undefined|true|false|\d+|'[^']*'|"[^"]*"|`[^`]*`)$/;

function plainSecretComparisons(path: string, text: string): string[] {
  const found: string[] = [];
  for (const [whole, left, right] of text.matchAll(comparison)) {
    const operands = [left!, right!];
    if (operands.some((o) => harmless.test(o) || /^typeof\b/.test(o) || /\.length$/.test(o))) continue;
    if (operands.some((o) => secretName.test(o.replace(/\(.*\)$/, '').replace(/[?!]/g, ''))))
      found.push(`${path}: ${whole}`);
  }
  return found;
}

describe('constant-time comparison', () => {
  it('tells equal from unequal whatever the lengths, without leaking them', () => {
    expect(safeEqual('sha256=ab12', 'sha256=ab12')).toBe(true);
    expect(safeEqual('sha256=ab12', 'sha256=ab13')).toBe(false);
    expect(safeEqual('sha256=ab12', 'sha256=ab1')).toBe(false);
    expect(safeEqual('A2026111600001', 'a2026111600001')).toBe(false);
    expect(includesSecret(['k1', 'k2', 'k3'], 'k1')).toBe(true);
    expect(includesSecret([], 'k1')).toBe(false);
    expect(includesSecret(['k1'], '')).toBe(false);
  });

  it('finds a plain comparison of a secret (the scan can fail)', () => {
    expect(plainSecretComparisons('x.ts', 'if (signature === expected) ok();')).toEqual([
      'x.ts: signature === expected',
    ]);
    expect(plainSecretComparisons('x.ts', 'return form.get("nonce") !== row.nonce;')).toEqual([
      'x.ts: form.get("nonce") !== row.nonce',
    ]);
    expect(plainSecretComparisons('x.ts', 'if (secret === null || token.length === 0) return;')).toEqual([]);
  });

  it('has no plain comparison of a secret anywhere in the hub', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const found = Object.entries(sources).flatMap(([path, text]) => plainSecretComparisons(path, text));
    expect(found).toEqual([]);
  });
});
