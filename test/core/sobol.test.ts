// Sobol, sobolPoint and loadSobolDirections: scipy's unscrambled points bit for bit
// (test/fixtures/sobol.json, from test/fixtures/gen_sobol.py), scipy's rules for draw sizes,
// scrambled output against the plain-TypeScript reference, and error messages.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { Sobol, sobolPoint } from '../../src/core/sobol.js';
import { loadSobolDirections } from '../../src/core/sobol-directions.js';
import { ReferenceSobol } from '../../bench/reference/sobol.js';
import { centeredDiscrepancy } from '../../src/bench/discrepancy.js';

interface SequenceCase {
  d: number;
  n: number;
  sha256: string;
  rows?: number[][];
  columns?: Record<string, number[]>;
}
interface AccessCase {
  d: number;
  bits: number;
  i: number;
  point?: number[];
  columns?: Record<string, number>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sobol.json', import.meta.url), 'utf8')) as {
  sequences: SequenceCase[];
  randomAccess: AccessCase[];
  centeredL2: { sobol3First64: number; fixedPoints: number };
};
const tableUrl = new URL('../../assets/sobol-directions.bin', import.meta.url);
const fullTable = new Uint8Array(readFileSync(tableUrl));

beforeAll(async () => {
  await loadSobolDirections(readFileSync(tableUrl));
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** x * 2^bits as u32 (exact for unscrambled points, which are multiples of 2^-bits). */
function toIntegers(x: Float64Array, bits: number): Uint32Array {
  const ints = new Uint32Array(x.length);
  const scale = 2 ** bits;
  for (let i = 0; i < x.length; i++) ints[i] = x[i] * scale;
  return ints;
}

function sha256(ints: Uint32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(ints.buffer, ints.byteOffset, ints.byteLength))
    .digest('hex');
}

describe('new Sobol(d, { scramble: false })', () => {
  it('starts with the first 8 points for d = 3 that the issue lists', () => {
    const points = new Sobol(3, { scramble: false }).random(8);
    expect(Array.from(points)).toEqual([
      0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.375, 0.375, 0.625, 0.875, 0.875, 0.125, 0.625, 0.125, 0.875, 0.125,
      0.625, 0.375,
    ]);
  });

  it.each(fixture.sequences.map((c) => [c.d, c.n, c] as const))(
    'is bit-identical to scipy.stats.qmc.Sobol(%i, scramble=False) for the first %i points',
    (d, n, c) => {
      const ints = toIntegers(new Sobol(d, { scramble: false }).random(n), 30);
      c.rows?.forEach((row, i) => expect(Array.from(ints.subarray(i * d, (i + 1) * d))).toEqual(row));
      for (const [j, column] of Object.entries(c.columns ?? {})) {
        expect(Array.from(column, (_, i) => ints[i * d + Number(j)])).toEqual(column);
      }
      expect(sha256(ints)).toBe(c.sha256);
    },
  );

  it.each(fixture.randomAccess.map((c) => [c.i, c.d, c.bits, c] as const))(
    'point(%i) at d = %i equals scipy’s (bits = %i), and so does fastForward(i) then random(1)',
    (i, d, bits, c) => {
      const sobol = new Sobol(d, { scramble: false });
      for (const x of [sobol.point(i), sobol.fastForward(i).random(1)]) {
        const ints = toIntegers(x, bits);
        if (c.point) expect(Array.from(ints)).toEqual(c.point);
        for (const [j, value] of Object.entries(c.columns ?? {})) expect(ints[Number(j)]).toBe(value);
      }
    },
  );

  it('reaches the last point, 2^32 - 1, and then refuses to draw more', () => {
    const sobol = new Sobol(2, { scramble: false }).fastForward(2 ** 32 - 1);
    const last = sobol.random(1);
    expect(last).toEqual(sobol.point(2 ** 32 - 1));
    expect(sobol.index).toBe(2 ** 32);
    expect(() => sobol.random(1)).toThrow(/at most 2\^32 points \(4294967296 drawn before\) but got 1\./);
    expect(sobol.random(0)).toEqual(new Float64Array(0));
  });
});

describe('new Sobol(d, { scramble, seed })', () => {
  it.each([
    ['lms', 3, 1n],
    ['lms', 70, 123456789n],
    ['owen', 5, 2n],
    ['owen', 70, 987654321n],
  ] as const)('matches the plain-TypeScript reference bit for bit (scramble %s, d = %i)', (scramble, d, seed) => {
    const sobol = new Sobol(d, { scramble, seed, warn: false });
    const reference = new ReferenceSobol(fullTable, d, scramble, seed);
    expect(sobol.random(300)).toEqual(reference.random(300));
    expect(sobol.point(123457)).toEqual(reference.point(123457));
  });

  it('defaults to LMS scrambling with a random seed that it exposes', () => {
    const sobol = new Sobol(4);
    expect(sobol.scramble).toBe('lms');
    expect(typeof sobol.seed).toBe('bigint');
    expect(new Sobol(4, { seed: sobol.seed }).random(8)).toEqual(sobol.random(8));
    expect(new Sobol(4, { scramble: true, seed: 3 }).random(4)).toEqual(new Sobol(4, { scramble: 'lms', seed: 3 }).random(4));
  });

  it('scrambles dimensions above 4096 from the loaded table as the reference does', () => {
    const d = 4101;
    const sobol = new Sobol(d, { seed: 11 });
    const reference = new ReferenceSobol(fullTable, d, 'lms', 11n);
    expect(sobol.random(4)).toEqual(reference.random(4));
  });

  it('builds the largest scrambled sequence, d = 21201, with every value in [0, 1)', () => {
    const x = new Sobol(21201, { seed: 5 }).random(2);
    expect(x.length).toBe(2 * 21201);
    expect(x.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it.each(['lms', 'owen'] as const)('(%s) has a lower centered L2 discrepancy than uniform random points on average', (scramble) => {
    // 20 seeds, n = 256, d = 4: mean CD^2 ≈ 1.1e-4 for either scrambling vs ≈ 4.3e-3 for xoshiro
    // uniforms (about 38x); the assertion asks for 10x.
    let sobolMean = 0;
    let randomMean = 0;
    for (let seed = 0; seed < 20; seed++) {
      sobolMean += centeredDiscrepancy(new Sobol(4, { scramble, seed }).random(256), 4) / 20;
      randomMean += centeredDiscrepancy(new Rng(seed).uniform(256 * 4), 4) / 20;
    }
    expect(sobolMean).toBeLessThan(randomMean / 10);
  });
});

describe('centeredDiscrepancy against scipy', () => {
  it('agrees with scipy.stats.qmc.discrepancy(method="CD") to 1e-13', () => {
    const sobol = new Sobol(3, { scramble: false }).random(64);
    expect(centeredDiscrepancy(sobol, 3)).toBeCloseTo(fixture.centeredL2.sobol3First64, 13);
    const fixed = Float64Array.from({ length: 80 }, (_, t) => (((Math.floor(t / 4) * 7 + (t % 4) * 13) % 17) + 0.5) / 17);
    expect(centeredDiscrepancy(fixed, 4)).toBeCloseTo(fixture.centeredL2.fixedPoints, 13);
  });
});

describe('Sobol draw-size rules (scipy’s)', () => {
  it('warns once, saying how to silence it, when the first draw is not a power of two', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sobol = new Sobol(2, { seed: 1 });
    sobol.random(3);
    sobol.reset().random(5);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/power of 2 .* n=3; pass `\{ warn: false \}` to silence/);
  });

  it('does not warn for a power of two, for later draws, or with warn: false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    new Sobol(2, { seed: 1 }).random(8);
    new Sobol(2, { seed: 1 }).random(1);
    const later = new Sobol(2, { seed: 1 });
    later.random(4);
    later.random(3);
    new Sobol(2, { seed: 1, warn: false }).random(3);
    new Sobol(2, { seed: 1 }).fastForward(1).random(3);
    expect(warn).not.toHaveBeenCalled();
  });

  it('randomBase2(m) draws 2^m points while the total stays a power of two', () => {
    const sobol = new Sobol(3, { seed: 4 });
    const all = new Sobol(3, { seed: 4 }).random(16);
    expect(sobol.randomBase2(2)).toEqual(all.subarray(0, 12));
    expect(sobol.randomBase2(2)).toEqual(all.subarray(12, 24));
    expect(sobol.randomBase2(3)).toEqual(all.subarray(24, 48));
    expect(sobol.index).toBe(16);
  });

  it('randomBase2(m) throws a RangeError when the total would not be a power of two', () => {
    const sobol = new Sobol(3, { seed: 4 });
    sobol.random(4);
    expect(() => sobol.randomBase2(1)).toThrow(RangeError);
    expect(() => sobol.randomBase2(1)).toThrow(
      'Sobol.randomBase2: `m` must make the total a power of two (4 points drawn before) but got m=1, a total of 6; use random(n) to draw anyway.',
    );
    expect(sobol.index).toBe(4);
  });

  it('randomBase2(m) throws a RangeError naming the 2^32 limit', () => {
    expect(() => new Sobol(1, { seed: 1 }).fastForward(2 ** 31).randomBase2(32)).toThrow(/at most 2\^32 points/);
    expect(() => new Sobol(1, { seed: 1 }).randomBase2(33)).toThrow('Sobol.randomBase2: `m` must be an integer in [0, 32] but got 33.');
  });
});

describe('Sobol state', () => {
  it('reset() returns to the first point and keeps the scrambling', () => {
    const sobol = new Sobol(5, { scramble: 'owen', seed: 8 });
    const first = sobol.random(16);
    sobol.random(7);
    expect(sobol.reset().random(16)).toEqual(first);
    expect(sobol.index).toBe(16);
  });

  it('random(n, out) writes into out and returns it', () => {
    const out = new Float64Array(40).fill(-1);
    const sobol = new Sobol(3, { seed: 2 });
    expect(sobol.random(8, out)).toBe(out);
    expect(out.subarray(0, 24)).toEqual(new Sobol(3, { seed: 2 }).random(8));
    expect(Array.from(out.subarray(24))).toEqual(new Array(16).fill(-1));
  });

  it('exposes d and the index of the next point', () => {
    const sobol = new Sobol(7, { seed: 1 });
    sobol.random(4);
    sobol.fastForward(10);
    expect([sobol.d, sobol.index]).toEqual([7, 14]);
  });
});

describe('sobolPoint(d, i, options)', () => {
  it('is point i of new Sobol(d, options)', () => {
    expect(sobolPoint(2, 3, { scramble: false })).toEqual(new Float64Array([0.25, 0.75]));
    expect(sobolPoint(6, 999, { scramble: 'owen', seed: 3 })).toEqual(new Sobol(6, { scramble: 'owen', seed: 3 }).point(999));
  });
});

describe('Sobol errors', () => {
  it.each([
    [() => new Sobol(0), RangeError, 'Sobol: `d` must be an integer in [1, 21201] but got 0.'],
    [() => new Sobol(21202), RangeError, 'Sobol: `d` must be an integer in [1, 21201] but got 21202.'],
    [() => new Sobol(2.5), RangeError, 'Sobol: `d` must be an integer in [1, 21201] but got 2.5.'],
    [() => new Sobol('3' as never), TypeError, "Sobol: `d` must be a number but got '3' (a string)."],
    [
      () => new Sobol(2, { scramble: 'sobol' as never }),
      TypeError,
      "Sobol: `scramble` must be 'lms', 'owen', true or false but got 'sobol' (a string).",
    ],
    [() => new Sobol(2, { seed: -1 }), RangeError, /Sobol: `seed` must be a non-negative integer below 2\^64/],
    [() => new Sobol(2, { warn: 'no' as never }), TypeError, "Sobol: `warn` must be a boolean but got 'no' (a string)."],
    [() => new Sobol(2).random(-1), RangeError, /Sobol.random: `n` must be a non-negative integer .* but got -1\./],
    [() => new Sobol(2).random(1.5), RangeError, /Sobol.random: `n` must be a non-negative integer .* but got 1.5\./],
    [() => new Sobol(2).random(2 ** 32 + 1), RangeError, /keeping the total at most 2\^32 points \(0 drawn before\) but got 4294967297\./],
    [() => new Sobol(2).random(2, new Float64Array(3)), RangeError, 'Sobol.random: `out` must hold at least n * d = 4 values but got 3.'],
    [
      () => new Sobol(2).random(2, [0, 0, 0, 0] as never),
      TypeError,
      'Sobol.random: `out` must be a Float64Array but got an array [0,0,0,0].',
    ],
    [() => new Sobol(2).fastForward(2 ** 32 + 1), RangeError, /Sobol.fastForward: `k` must be .* at most 2\^32 points/],
    [() => new Sobol(2).point(2 ** 32), RangeError, 'Sobol.point: `i` must be an integer in [0, 2^32) but got 4294967296.'],
    [() => sobolPoint(2, -1), RangeError, 'Sobol.point: `i` must be an integer in [0, 2^32) but got -1.'],
  ] as const)('%#: %s throws a clear error', (make, kind, message) => {
    expect(make).toThrow(kind);
    expect(make).toThrow(message);
  });

  it('says to call loadSobolDirections() when d > 4096 and the full table is not loaded', async () => {
    vi.resetModules();
    const { init } = await import('../../src/core/loader.js');
    await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
    const fresh = await import('../../src/core/sobol.js');
    expect(() => new fresh.Sobol(4097)).toThrow(
      'Sobol: `d` above 4096 needs the full direction table, loaded by `await loadSobolDirections()`, but got 4097.',
    );
    expect(new fresh.Sobol(4096, { scramble: false }).point(1)).toEqual(new Float64Array(4096).fill(0.5));
  });

  it('says to call init() when the core is not loaded', async () => {
    vi.resetModules();
    const fresh = await import('../../src/core/sobol.js');
    expect(() => new fresh.Sobol(2)).toThrow(/call `await init\(\)` first/);
  });
});

describe('loadSobolDirections(source)', () => {
  async function fresh() {
    vi.resetModules();
    const { init } = await import('../../src/core/loader.js');
    await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
    return {
      ...(await import('../../src/core/sobol-directions.js')),
      Sobol: (await import('../../src/core/sobol.js')).Sobol,
    };
  }
  const check = (S: typeof Sobol) =>
    expect(new S(5000, { scramble: false }).point(3)[4999]).toBe(new ReferenceSobol(fullTable, 5000).point(3)[4999]);

  it.each([
    ['bytes', () => readFileSync(tableUrl)],
    ['an ArrayBuffer', () => new Uint8Array(readFileSync(tableUrl)).buffer],
    ['a file: URL', () => tableUrl],
    ['a URL string', () => tableUrl.href],
    ['a Response', () => new Response(readFileSync(tableUrl))],
    ['a promise of a Response', () => Promise.resolve(new Response(readFileSync(tableUrl)))],
  ])('accepts %s and then allows d > 4096', async (_label, source) => {
    const m = await fresh();
    await m.loadSobolDirections(source());
    check(m.Sobol);
  });

  it('keeps its own copy, so later changes to the caller’s bytes do not matter', async () => {
    const m = await fresh();
    const bytes = new Uint8Array(readFileSync(tableUrl));
    await m.loadSobolDirections(bytes);
    bytes.fill(0, 84);
    check(m.Sobol);
  });

  it('finds sobol-directions.bin beside the built package by default', async () => {
    const dist = await import('../../dist/index.js' as string);
    await dist.init();
    await dist.loadSobolDirections();
    expect(new dist.Sobol(5000, { scramble: false }).point(1)).toEqual(new Float64Array(5000).fill(0.5));
  });

  it.each([
    ['bytes that are not a table', () => new Uint8Array(200), /must hold a Sobol direction table \(starting "SOBL"\) but got 200 bytes/],
    [
      'a truncated table',
      () => readFileSync(tableUrl).subarray(0, 100000),
      /must be a complete table \(393714 bytes for 21201 dimensions\) but got 100000 bytes\./,
    ],
    ['an HTTP error', () => new Response('missing', { status: 404 }), /fetching the Sobol direction table failed with HTTP 404/],
  ])('rejects %s and can be retried afterwards', async (_label, source, message) => {
    const m = await fresh();
    await expect(m.loadSobolDirections(source())).rejects.toThrow(message);
    await m.loadSobolDirections(readFileSync(tableUrl));
    check(m.Sobol);
  });

  it('rejects a value of the wrong kind with a TypeError naming `source`', async () => {
    const m = await fresh();
    await expect(m.loadSobolDirections(42 as never)).rejects.toThrow(
      new TypeError('loadSobolDirections: `source` must be bytes, a URL or a Response but got 42.'),
    );
  });
});
