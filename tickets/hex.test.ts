// The hub's one hex helper: known digests (FIPS 180 test vectors) and strict parsing.
import { describe, expect, it } from 'vitest';
import { digestHex, fromHex, toHex } from './hex';

describe('hex', () => {
  it('writes bytes as lower-case hex, also for a view into a larger buffer', () => {
    expect(toHex(new Uint8Array([0x00, 0x0f, 0xab, 0xff]))).toBe('000fabff');
    const whole = new Uint8Array([1, 2, 0xfe, 4]);
    expect(toHex(whole.subarray(1, 3))).toBe('02fe');
    expect(toHex(whole.buffer)).toBe('0102fe04');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('reads hex of either case and refuses anything else', () => {
    expect(fromHex('ABff00')).toEqual(new Uint8Array([0xab, 0xff, 0x00]));
    expect(fromHex('')).toEqual(new Uint8Array());
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
    expect(fromHex('ab cd')).toBeNull();
  });

  it('gives the published SHA-1 and SHA-256 of "abc"', () => {
    expect(digestHex('sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(digestHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestHex('sha256', new TextEncoder().encode('abc'))).toBe(digestHex('sha256', 'abc'));
  });
});
