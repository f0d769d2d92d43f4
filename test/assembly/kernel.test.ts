import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coreExports } from '../../src/core/loader.js';
import { testCore } from '../helpers/test-core.js';
import { withScratch, type Scratch } from '../../src/core/memory.js';
import { refKernel, rows } from '../helpers/reference-gp.js';
import { centralDifference, maxRelativeError } from '../helpers/finite-difference.js';
import { mulberry32 } from '../helpers/reference-linalg.js';

function prepare(s: Scratch, ls: number[], cat: boolean[]): number {
  const d = ls.length;
  const kp = s.f64(2 * d);
  coreExports().kernel_prepare(s.f64(d, ls), s.i32(d, cat.map(Number)), d, kp);
  return kp;
}

function kernelMatrix(a: number[], b: number[], ls: number[], cat: boolean[], signal: number): Float64Array {
  const d = ls.length;
  const na = a.length / d;
  const nb = b.length / d;
  return withScratch((s) => {
    const out = s.f64(na * nb);
    testCore().kernel_matrix(s.f64(a.length, a), na, s.f64(b.length, b), nb, d, prepare(s, ls, cat), signal, out);
    return s.takeF64(out, na * nb);
  });
}

function gradX(a: number[], b: number[], ls: number[], cat: boolean[], signal: number): { k: number; g: number[] } {
  const d = ls.length;
  return withScratch((s) => {
    const out = s.f64(d);
    const k = testCore().kernel_grad_x(s.f64(d, a), s.f64(d, b), d, prepare(s, ls, cat), signal, out);
    return { k, g: Array.from(s.viewF64(out, d)) };
  });
}

function gradHyper(a: number[], b: number[], ls: number[], cat: boolean[], signal: number): { k: number; g: number[] } {
  const d = ls.length;
  return withScratch((s) => {
    const out = s.f64(d + 1);
    const k = testCore().kernel_grad_hyper(s.f64(d, a), s.f64(d, b), d, prepare(s, ls, cat), signal, out);
    return { k, g: Array.from(s.viewF64(out, d + 1)) };
  });
}

const arbCase = fc.integer({ min: 1, max: 7 }).chain((d) =>
  fc.record({
    a: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
    b: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
    ls: fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: d, maxLength: d }),
    signal: fc.double({ min: 0.1, max: 10, noNaN: true }),
  }),
);

describe('kernel_matrix(a, na, b, nb, d, kp, signal, out)', () => {
  it('gives σ²(1 + √5 + 5/3)e^{−√5} at scaled distance 1', () => {
    // r = |0.3 − 0.1| / 0.2 = 1: 2·(1 + √5 + 5/3)·e^{−√5} = 1.0477481648934413 (hand-derived).
    const [k] = kernelMatrix([0.3], [0.1], [0.2], [false], 2);
    expect(k).toBeCloseTo(2 * (1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
  });

  it('equals σ² at zero distance and decays with distance', () => {
    const k = kernelMatrix([0.5, 0.5], [0.5, 0.5, 0.6, 0.5, 0.9, 0.5], [0.3, 0.3], [false, false], 1.7);
    expect(k[0]).toBe(1.7);
    expect(k[1]).toBeLessThan(k[0]);
    expect(k[2]).toBeLessThan(k[1]);
  });

  it('agrees with the reference kernel on random continuous and categorical points', () => {
    const rand = mulberry32(7);
    const d = 5;
    const cat = [false, true, false, true, false];
    const draw = (n: number) => Array.from({ length: n * d }, (_, i) => (cat[i % d] ? Math.floor(rand() * 3) : rand()));
    const a = draw(9);
    const b = draw(13);
    const ls = [0.3, 0.8, 1.5, 0.2, 0.05];
    const got = kernelMatrix(a, b, ls, cat, 1.3);
    const A = rows(a, d);
    const B = rows(b, d);
    const h = { lengthscales: ls, signalVariance: 1.3, noiseVariance: 0 };
    const want = A.flatMap((x) => B.map((y) => refKernel(x, y, h, cat)));
    expect(maxRelativeError(got, want)).toBeLessThan(1e-14);
  });

  it('treats a categorical dimension as Hamming: only equality of codes matters', () => {
    // Codes 0 vs 1 and 0 vs 4 are equally "different"; lengthscale 0.5 makes the distance 2.
    const k = kernelMatrix([0], [0, 1, 4], [0.5], [true], 1);
    expect(k[0]).toBe(1);
    expect(k[1]).toBe(k[2]);
    expect(k[1]).toBeCloseTo((1 + 2 * Math.sqrt(5) + (5 / 3) * 4) * Math.exp(-2 * Math.sqrt(5)), 15);
  });
});

describe('kernel_gram(x, n, d, kp, signal, noise, out)', () => {
  it('is the symmetric cross-covariance of x with itself plus noise on the diagonal', () => {
    const rand = mulberry32(3);
    const d = 3;
    const n = 11;
    const x = Array.from({ length: n * d }, rand);
    const ls = [0.4, 0.7, 0.25];
    const cat = [false, false, false];
    const gram = withScratch((s) => {
      const out = s.f64(n * n);
      testCore().kernel_gram(s.f64(x.length, x), n, d, prepare(s, ls, cat), 0.9, 0.01, out);
      return s.takeF64(out, n * n);
    });
    const cross = kernelMatrix(x, x, ls, cat, 0.9);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        expect(gram[i * n + k]).toBe(gram[k * n + i]);
        expect(gram[i * n + k]).toBe(cross[i * n + k] + (i === k ? 0.01 : 0));
      }
    }
  });
});

describe('kernel_grad_x(a, b, d, kp, signal, out)', () => {
  it('matches central differences of k(a, b) in a', () => {
    fc.assert(
      fc.property(arbCase, ({ a, b, ls, signal }) => {
        const cat = a.map(() => false);
        const { g } = gradX(a, b, ls, cat, signal);
        const fd = centralDifference((x) => kernelMatrix(x, b, ls, cat, signal)[0], a, 1e-6);
        // Central differences carry O(h²) truncation and O(ε/h) rounding: 1e-6 absolute here.
        for (let j = 0; j < a.length; j++) expect(Math.abs(g[j] - fd[j])).toBeLessThan(1e-6 * Math.max(1, signal / ls[j] ** 2));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('is finite and zero at r = 0', () => {
    const { k, g } = gradX([0.2, 0.4], [0.2, 0.4], [0.1, 1], [false, false], 3);
    expect(k).toBe(3);
    expect(g).toEqual([0, 0]);
  });

  it('is zero along categorical dimensions', () => {
    const { g } = gradX([0.2, 1], [0.6, 2], [0.3, 0.3], [false, true], 1);
    expect(g[1]).toBe(0);
    expect(g[0]).toBeGreaterThan(0); // moving a toward b (increasing a_0) raises k
  });
});

describe('kernel_grad_hyper(a, b, d, kp, signal, out)', () => {
  it('matches central differences in (log ℓ, log σ²)', () => {
    fc.assert(
      fc.property(arbCase, fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), ({ a, b, ls, signal }, flags) => {
        const cat = a.map((_, j) => flags[j]);
        const aa = a.map((v, j) => (cat[j] ? Math.round(v * 2) : v));
        const bb = b.map((v, j) => (cat[j] ? Math.round(v * 2) : v));
        const { k, g } = gradHyper(aa, bb, ls, cat, signal);
        const theta = [...ls.map(Math.log), Math.log(signal)];
        const f = (t: number[]) => kernelMatrix(aa, bb, t.slice(0, -1).map(Math.exp), cat, Math.exp(t[t.length - 1]))[0];
        expect(Math.abs(k - f(theta))).toBeLessThan(1e-14 * signal); // exp∘log round trip differs by an ulp
        const fd = centralDifference(f, theta, 1e-6);
        expect(maxRelativeError(g, fd)).toBeLessThan(1e-6 * Math.max(1, signal));
      }),
      { numRuns: 60, seed: 12 },
    );
  });
});
