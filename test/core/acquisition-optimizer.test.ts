import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GaussianProcess } from '../../src/core/gp.js';
import { maximizeAcquisition } from '../../src/core/acquisition-optimizer.js';
import { logExpectedImprovement } from '../../src/core/acquisition.js';
import { Sobol } from '../../src/core/sobol.js';
import { deriveSeed } from '../../src/core/rng.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

function problem(n: number, d: number, seed: number, cat: boolean[] = []): { X: number[]; y: number[] } {
  const rand = mulberry32(seed);
  const X = Array.from({ length: n * d }, (_, i) => (cat[i % d] ? Math.floor(rand() * 3) : rand()));
  const y = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.sin(2 * Math.PI * X[i * d + j] + j) / Math.sqrt(d);
    return s;
  });
  return { X, y };
}

function logEIAt(gp: GaussianProcess, x: ArrayLike<number>, best: number, direction: 'maximize' | 'minimize' = 'maximize') {
  const { mean, variance } = gp.predict(x);
  return logExpectedImprovement(mean, variance, best, { direction });
}

/**
 * The 2048 candidates as documented: scrambled Sobol from deriveSeed(seed, 0), continuous
 * coordinates scaled into the box, discrete ones taking choice ⌊u·k⌋.
 */
function candidates(d: number, seed: number, lower: number[], upper: number[], choices: (number[] | null)[] = []) {
  const u = new Sobol(d, { scramble: 'lms', seed: deriveSeed(seed, 0), warn: false }).random(2048);
  return u.map((v, i) => {
    const j = i % d;
    const c = choices[j];
    return c ? c[Math.min(Math.floor(v * c.length), c.length - 1)] : lower[j] + v * (upper[j] - lower[j]);
  });
}

describe('maximizeAcquisition(gp, options)', () => {
  const d = 3;
  const { X, y } = problem(25, d, 1);
  const gp = GaussianProcess.fit(X, y, { d });
  const best = Math.max(...y);

  it('reports the logEI of the point it returns, as logExpectedImprovement of gp.predict gives it', () => {
    const r = maximizeAcquisition(gp, { best, seed: 3 });
    expect(r.logEI).toBe(logEIAt(gp, r.x, best)[0]);
  });

  it('beats or ties the best of the 2048 Sobol candidates and stays inside the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true })), {
          minLength: d,
          maxLength: d,
        }),
        (seed, boxes) => {
          const lower = boxes.map(([a]) => a);
          const upper = boxes.map(([a, w]) => a + w);
          const r = maximizeAcquisition(gp, { best, seed, bounds: boxes.map(([a, w]) => [a, a + w] as const) });
          r.x.forEach((v, j) => {
            expect(v).toBeGreaterThanOrEqual(lower[j]);
            expect(v).toBeLessThanOrEqual(upper[j]);
          });
          const scores = logEIAt(gp, candidates(d, seed, lower, upper), best);
          expect(r.logEI).toBeGreaterThanOrEqual(Math.max(...scores) - 1e-12 * Math.abs(r.logEI));
        },
      ),
      { numRuns: 12, seed: 5 },
    );
  });

  it('finds the maximum of a one-dimensional acquisition that a dense grid finds', () => {
    const one = problem(8, 1, 9);
    const gp1 = GaussianProcess.fit(one.X, one.y, { d: 1 });
    const b = Math.max(...one.y);
    const grid = Array.from({ length: 20001 }, (_, i) => i / 20000);
    const top = Math.max(...logEIAt(gp1, grid, b));
    const r = maximizeAcquisition(gp1, { best: b, seed: 1 });
    // A grid step of 5e-5 misses the optimum by O(step²·curvature): the optimizer must match or beat it.
    expect(r.logEI).toBeGreaterThanOrEqual(top - 1e-9);
  });

  it('is deterministic for a seed', () => {
    const a = maximizeAcquisition(gp, { best, seed: 42 });
    const b = maximizeAcquisition(gp, { best, seed: 42 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.logEI).toBe(b.logEI);
  });

  it("with direction 'minimize' equals maximizing on the negated outputs", () => {
    const neg = GaussianProcess.fit(
      X,
      y.map((v) => -v),
      { d },
    );
    const lo = Math.min(...y);
    const a = maximizeAcquisition(gp, { best: lo, seed: 8, direction: 'minimize' });
    const b = maximizeAcquisition(neg, { best: -lo, seed: 8 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.logEI).toBe(b.logEI);
    expect(a.logEI).toBe(logEIAt(gp, a.x, lo, 'minimize')[0]);
  });

  it('steers away from pending points (kriging believer)', () => {
    const first = maximizeAcquisition(gp, { best, seed: 2 });
    const second = maximizeAcquisition(gp, { best, seed: 2, pending: first.x });
    // The pending point's variance collapses, so its EI does too, and another point wins.
    expect(second.logEI).toBeLessThan(first.logEI);
    const distance = Math.hypot(...Array.from(second.x, (v, j) => v - first.x[j]));
    expect(distance).toBeGreaterThan(1e-3);
  });

  it("with pendingBelief 'worst' lowers the acquisition around a pending point more than the believer does", () => {
    const first = maximizeAcquisition(gp, { best, seed: 2 });
    const believer = maximizeAcquisition(gp, { best, seed: 2, pending: first.x, pendingBelief: 'posterior-mean' });
    const liar = maximizeAcquisition(gp, { best, seed: 2, pending: first.x, pendingBelief: 'worst' });
    const away = (r: { x: Float64Array }) => Math.hypot(...Array.from(r.x, (v, j) => v - first.x[j]));
    expect(away(liar)).toBeGreaterThanOrEqual(away(believer));
    expect(liar.logEI).toBeLessThanOrEqual(believer.logEI + 1e-12);
    expect(() => maximizeAcquisition(gp, { best, seed: 2, pendingBelief: 'hope' as never })).toThrow(
      new TypeError("maximizeAcquisition: `pendingBelief` must be 'posterior-mean', 'worst' or 'mean' but got 'hope' (a string)."),
    );
  });
});

describe('maximizeAcquisition with discrete dimensions', () => {
  it('searches categorical and small discrete dimensions exhaustively, using only allowed values', () => {
    const d = 3;
    const cat = [false, true, false];
    const { X, y } = problem(30, d, 4, cat);
    // Dimension 2 is an integer-like grid of 5 values.
    const Xg = X.map((v, i) => (i % d === 2 ? Math.round(v * 4) / 4 : v));
    const gp = GaussianProcess.fit(Xg, y, { d, categorical: cat });
    const best = Math.max(...y);
    const choices = [null, [0, 1, 2], [0, 0.25, 0.5, 0.75, 1]];
    const r = maximizeAcquisition(gp, { best, seed: 6, discrete: choices });
    expect([0, 1, 2]).toContain(r.x[1]);
    expect([0, 0.25, 0.5, 0.75, 1]).toContain(r.x[2]);
    // Every discrete combination at the returned continuous coordinate is no better.
    const combos: number[] = [];
    for (const c of [0, 1, 2]) for (const g of choices[2]!) combos.push(r.x[0], c, g);
    expect(r.logEI).toBeGreaterThanOrEqual(Math.max(...logEIAt(gp, combos, best)) - 1e-12 * Math.abs(r.logEI));
    const scores = logEIAt(gp, candidates(d, 6, [0, 0, 0], [1, 1, 1], choices), best);
    expect(r.logEI).toBeGreaterThanOrEqual(Math.max(...scores) - 1e-12 * Math.abs(r.logEI));
  });

  it('finds the best of 1000 discrete choices by grid search', () => {
    const { X, y } = problem(12, 1, 13);
    const values = Array.from({ length: 1000 }, (_, i) => i / 999);
    const Xg = X.map((v) => values[Math.round(v * 999)]);
    const gp = GaussianProcess.fit(Xg, y, { d: 1 });
    const best = Math.max(...y);
    const brute = logEIAt(gp, values, best);
    const r = maximizeAcquisition(gp, { best, seed: 3, discrete: [values] });
    expect(values).toContain(r.x[0]);
    // The acquisition is unimodal near its top here; the shrinking grid must find the exact argmax.
    expect(r.logEI).toBeCloseTo(Math.max(...brute), 12);
  });
});

describe('maximizeAcquisition argument errors', () => {
  const { X, y } = problem(6, 2, 2, [false, true]);
  const gp = GaussianProcess.fit(X, y, { d: 2, categorical: [false, true] });
  it('names the option', () => {
    expect(() => maximizeAcquisition(gp, { best: NaN, seed: 1, discrete: [null, [0, 1, 2]] })).toThrow(
      new RangeError('maximizeAcquisition: `best` must be a finite number but got NaN.'),
    );
    expect(() => maximizeAcquisition(gp, { best: 0, seed: 1 })).toThrow(
      /`discrete\[1\]` must list the category codes of categorical dimension 1/,
    );
    expect(() => maximizeAcquisition(gp, { best: 0, seed: 1, discrete: [null, [0, 1]], bounds: [[0, 1]] })).toThrow(
      /`bounds` must hold d = 2 pairs \[low, high\] but got 1 entries/,
    );
    expect(() =>
      maximizeAcquisition(gp, {
        best: 0,
        seed: 1,
        discrete: [null, [0, 1]],
        bounds: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/`bounds\[0\]` must be finite with low <= high but got \[1, 0\]/);
    expect(() => maximizeAcquisition(gp, { best: 0, seed: -1, discrete: [null, [0, 1]] })).toThrow(RangeError);
    expect(() => maximizeAcquisition(gp, { best: 0, seed: 1, discrete: [null, [0, 1]], pending: [0.5] })).toThrow(
      /`pending` must hold a multiple of d = 2 values but got 1/,
    );
    expect(() => maximizeAcquisition(gp, { best: 0, seed: 1, discrete: [null, [0, 0.5]] })).toThrow(
      /`discrete\[1\]` must list integer category codes/,
    );
  });
});
