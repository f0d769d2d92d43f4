// Properties of Sobol' sequences that hold for every dimension count, scrambling and seed.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sobol, type SobolScramble } from '../../src/core/sobol.js';
import { loadSobolDirections } from '../../src/core/sobol-directions.js';
import { ReferenceSobol } from '../../bench/reference/sobol.js';

const tableUrl = new URL('../../assets/sobol-directions.bin', import.meta.url);
const fullTable = new Uint8Array(readFileSync(tableUrl));
beforeAll(async () => {
  await loadSobolDirections(readFileSync(tableUrl));
});

const arbScramble = fc.constantFrom<SobolScramble>(false, 'lms', 'owen');
const arbSeed = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const arbConfig = fc.record({ d: fc.integer({ min: 1, max: 24 }), scramble: arbScramble, seed: arbSeed });
const make = ({ d, scramble, seed }: { d: number; scramble: SobolScramble; seed: bigint }) => new Sobol(d, { scramble, seed, warn: false });

/** True when the 2^m values hit each interval [k/2^m, (k+1)/2^m) exactly once. */
function stratified(values: number[], m: number): boolean {
  const hits = new Uint8Array(2 ** m);
  for (const v of values) {
    const k = Math.floor(v * 2 ** m);
    if (hits[k]++ !== 0) return false;
  }
  return true;
}

describe('Sobol properties', () => {
  it('gives values in [0, 1), scrambled or not, at any position', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 2 ** 32 - 64 }), (config, start) => {
        const x = make(config).fastForward(start).random(64);
        return x.every((v) => v >= 0 && v < 1);
      }),
      { numRuns: 60 },
    );
  });

  it('puts exactly one point in each [k/2^m, (k+1)/2^m) per dimension for every m <= 10 and every aligned block of 2^m', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 2 ** 22 - 1 }), (config, block) => {
        // 1024 points from an aligned position far into the sequence, then every aligned sub-block.
        const n = 1024;
        const x = make(config)
          .fastForward(block * n)
          .random(n);
        for (let j = 0; j < config.d; j++) {
          const column = Array.from({ length: n }, (_, i) => x[i * config.d + j]);
          for (let m = 0; m <= 10; m++) {
            for (let b = 0; b < n; b += 2 ** m) if (!stratified(column.slice(b, b + 2 ** m), m)) return false;
          }
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('makes dimensions (0, 1) a (0, m, 2)-net: each 2^-a x 2^-(m-a) box holds exactly one of 2^m aligned points', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 2 ** 20 }), (config, block) => {
        const d = Math.max(2, config.d);
        const n = 256;
        const x = make({ ...config, d })
          .fastForward(block * n)
          .random(n);
        for (let m = 0; m <= 8; m++) {
          for (let b = 0; b < n; b += 2 ** m) {
            for (let a = 0; a <= m; a++) {
              const hits = new Uint8Array(2 ** m);
              for (let i = b; i < b + 2 ** m; i++) {
                const box = Math.floor(x[i * d] * 2 ** a) * 2 ** (m - a) + Math.floor(x[i * d + 1] * 2 ** (m - a));
                if (hits[box]++ !== 0) return false;
              }
            }
          }
        }
        return true;
      }),
      { numRuns: 30 },
    );
  });

  it('point(i) equals the row sequential generation reaches', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 2 ** 32 - 40 }), fc.integer({ min: 1, max: 40 }), (config, start, n) => {
        const sobol = make(config);
        const rows = sobol.fastForward(start).random(n);
        for (let t = 0; t < n; t += 7) {
          expect(sobol.point(start + t)).toEqual(rows.subarray(t * config.d, (t + 1) * config.d));
        }
        // Early points also against generation from the very start.
        const early = start % 2000;
        expect(sobol.point(early)).toEqual(
          make(config)
            .random(early + 1)
            .subarray(early * config.d),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('fastForward(k) then random(n) equals rows k..k+n of random(k + n)', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 300 }), (config, k, n) => {
        const all = make(config).random(k + n);
        const skipped = make(config);
        skipped.fastForward(k);
        expect(skipped.random(n)).toEqual(all.subarray(k * config.d));
        expect(skipped.index).toBe(k + n);
      }),
      { numRuns: 50 },
    );
  });

  it('gives identical output for the same seed and different output for different seeds', () => {
    fc.assert(
      fc.property(arbConfig, arbSeed, (config, other) => {
        fc.pre(config.scramble !== false && other !== config.seed);
        const a = make(config).random(16);
        expect(make(config).random(16)).toEqual(a);
        expect(make({ ...config, seed: other }).random(16)).not.toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it('scrambles dimension j the same way whatever d is, so a sequence of d dimensions is a prefix of one of more', () => {
    fc.assert(
      fc.property(arbConfig, fc.integer({ min: 0, max: 12 }), (config, extra) => {
        const small = make(config).fastForward(5).random(9);
        const large = make({ ...config, d: config.d + extra })
          .fastForward(5)
          .random(9);
        for (let i = 0; i < 9; i++) {
          expect(large.subarray(i * (config.d + extra), i * (config.d + extra) + config.d)).toEqual(
            small.subarray(i * config.d, (i + 1) * config.d),
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('matches the plain-TypeScript reference bit for bit, for any d, scrambling, seed and position', () => {
    fc.assert(
      fc.property(
        fc.record({ d: fc.integer({ min: 1, max: 100 }), scramble: arbScramble, seed: arbSeed }),
        fc.integer({ min: 0, max: 2 ** 32 - 50 }),
        fc.integer({ min: 0, max: 50 }),
        (config, start, n) => {
          const reference = new ReferenceSobol(fullTable, config.d, config.scramble, config.seed);
          expect(make(config).fastForward(start).random(n)).toEqual(reference.fastForward(start).random(n));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('Sobol.blocks', () => {
  it('streams exactly the points random(n) gives, block by block, and advances the sequence alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom<SobolScramble>(false, 'lms', 'owen'),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 50 }),
        (d, scramble, n, after) => {
          const a = new Sobol(d, { scramble, seed: 5, warn: false });
          const b = new Sobol(d, { scramble, seed: 5, warn: false });
          const streamed = new Float64Array(n * d);
          let expectedFirst = 0;
          b.blocks(n, (block, first) => {
            expect(first).toBe(expectedFirst);
            expect(block.length % d).toBe(0);
            streamed.set(block, first * d);
            expectedFirst += block.length / d;
          });
          expect(expectedFirst).toBe(n);
          expect(streamed).toEqual(a.random(n));
          expect(b.random(after)).toEqual(a.random(after));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a consumer that is not a function and a count past 2^32 points', () => {
    const s = new Sobol(2, { seed: 1 });
    expect(() => s.blocks(4, 'f' as never)).toThrow(TypeError);
    expect(() => s.blocks(2 ** 32 + 1, () => {})).toThrow(RangeError);
  });
});
