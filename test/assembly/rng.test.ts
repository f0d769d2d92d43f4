import { describe, expect, it } from 'vitest';
import { coreExports } from '../../src/core/loader.js';
import { withScratch } from '../../src/core/memory.js';

function hex(values: BigUint64Array): string[] {
  return Array.from(values, (v) => `0x${v.toString(16).padStart(16, '0')}`);
}

describe('rng_seed(state, seed)', () => {
  it('expands a seed with splitmix64: seed 0 gives the reference splitmix64 outputs', () => {
    // Reference: splitmix64 from state 0 (Vigna's splitmix64.c).
    const state = withScratch((s) => {
      const st = s.alloc(32);
      coreExports().rng_seed(st, 0n);
      return s.viewU64(st, 4).slice();
    });
    expect(hex(state)).toEqual(['0xe220a8397b1dcdaf', '0x6e789e6aa1b965f4', '0x06c45d188009454f', '0xf88bb8a8724c81ec']);
  });
});

describe('rng_fill_u64(state, out, n)', () => {
  it('yields the reference xoshiro256** outputs from the splitmix64(0) state', () => {
    // Reference: xoshiro256**.c (Blackman & Vigna) seeded with four splitmix64(0) outputs.
    const out = withScratch((s) => {
      const st = s.alloc(32);
      const o = s.alloc(24);
      coreExports().rng_seed(st, 0n);
      coreExports().rng_fill_u64(st, o, 3);
      return s.viewU64(o, 3).slice();
    });
    expect(hex(out)).toEqual(['0x99ec5f36cb75f2b4', '0xbf6e1f784956452a', '0x1a5f849d4933e6e0']);
  });

  it('matches a plain BigInt xoshiro256** reference for 1000 draws', () => {
    const mask = (1n << 64n) - 1n;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & mask;
    const s = [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn, 0xf88bb8a8724c81ecn];
    const expected: bigint[] = [];
    for (let i = 0; i < 1000; i++) {
      expected.push((rotl((s[1] * 5n) & mask, 7n) * 9n) & mask);
      const t = (s[1] << 17n) & mask;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 45n);
    }
    const got = withScratch((sc) => {
      const st = sc.alloc(32);
      const o = sc.alloc(8000);
      coreExports().rng_seed(st, 0n);
      coreExports().rng_fill_u64(st, o, 1000);
      return Array.from(sc.viewU64(o, 1000));
    });
    expect(got).toEqual(expected);
  });
});

describe('rng_jump(state)', () => {
  it('equals 2^128 steps: the jumped stream matches the BigInt jump-polynomial reference', () => {
    const mask = (1n << 64n) - 1n;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & mask;
    const next = (s: bigint[]) => {
      const t = (s[1] << 17n) & mask;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 45n);
    };
    const s = [1n, 2n, 3n, 4n];
    const jump = [0x180ec6d33cfd0aban, 0xd5a61266f0c9392cn, 0xa9582618e03fc9aan, 0x39abdc4529b1661cn];
    const acc = [0n, 0n, 0n, 0n];
    for (const word of jump) {
      for (let b = 0n; b < 64n; b++) {
        if ((word >> b) & 1n) for (let i = 0; i < 4; i++) acc[i] ^= s[i];
        next(s);
      }
    }
    const got = withScratch((sc) => {
      const st = sc.alloc(32);
      sc.viewU64(st, 4).set([1n, 2n, 3n, 4n]);
      coreExports().rng_jump(st);
      return Array.from(sc.viewU64(st, 4));
    });
    expect(got).toEqual(acc);
  });
});

describe('special_ndtri(p)', () => {
  it('gives the reference quantiles Φ⁻¹(0.025) and Φ⁻¹(1e-10) within 1e-15 relative', () => {
    const { special_ndtri } = coreExports();
    // Reference: −1.9599639845400542 and −6.3613409024040562 (high-precision values).
    expect(Math.abs(special_ndtri(0.025) / -1.9599639845400542 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(special_ndtri(1e-10) / -6.3613409024040562 - 1)).toBeLessThan(1e-15);
  });

  it('returns ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    const { special_ndtri } = coreExports();
    expect(special_ndtri(0)).toBe(-Infinity);
    expect(special_ndtri(1)).toBe(Infinity);
    expect(special_ndtri(-0.1)).toBeNaN();
    expect(special_ndtri(1.5)).toBeNaN();
    expect(special_ndtri(NaN)).toBeNaN();
    expect(special_ndtri(0.5)).toBe(0);
  });
});
