import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { Rng } from '../../src/core/rng.js';

const seed = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('Rng properties', () => {
  it('uniform(n) lies in [0, 1) for every seed', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 300 }), (s, n) => {
        const u = new Rng(s).uniform(n);
        expect(u).toHaveLength(n);
        for (const x of u) expect(x >= 0 && x < 1).toBe(true);
      }),
    );
  });

  it('splitting a draw anywhere gives the same stream', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (s, a, b) => {
        const rng = new Rng(s);
        const parts = [...rng.uniform(a), ...rng.normal(0), ...rng.uniform(b)];
        expect(parts).toEqual(Array.from(new Rng(s).uniform(a + b)));
      }),
    );
  });

  it('integers(n, lo, hi) stays in [lo, hi) for every range', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 45 }), (s, lo, width) => {
        for (const x of new Rng(s).integers(50, lo, lo + width)) {
          expect(Number.isInteger(x) && x >= lo && x < lo + width).toBe(true);
        }
      }),
    );
  });

  it('normal(n) is finite and reproducible for every seed', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const z = new Rng(s).normal(64);
        for (const x of z) expect(Number.isFinite(x)).toBe(true);
        expect(new Rng(s).normal(64)).toEqual(z);
      }),
    );
  });

  it('jump() commutes with cloning: clone-then-jump equals jump-then-clone', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 50 }), (s, skip) => {
        const a = new Rng(s);
        a.uniform(skip);
        const b = a.clone().jump();
        expect(a.jump().clone().uniform(8)).toEqual(b.uniform(8));
      }),
      { numRuns: 30 },
    );
  });
});

describe('Rng.uniformBlocks', () => {
  it('streams exactly the values uniform(n) gives and advances the stream alike', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 40000 }), (s, n) => {
        const a = new Rng(s);
        const b = new Rng(s);
        const streamed = new Float64Array(n);
        let next = 0;
        b.uniformBlocks(n, (block, at) => {
          expect(at).toBe(next);
          streamed.set(block, at);
          next += block.length;
        });
        expect(next).toBe(n);
        expect(streamed).toEqual(a.uniform(n));
        expect(b.uniform(3)).toEqual(a.uniform(3));
      }),
      { numRuns: 40 },
    );
  });

  it('rejects a consumer that is not a function', () => {
    expect(() => new Rng(1).uniformBlocks(3, null as never)).toThrow(
      new TypeError('Rng.uniformBlocks: `consume` must be a function but got null.'),
    );
  });
});
