import { describe, expect, it } from 'vitest';
import {
  BENCHMARK_FUNCTIONS,
  ackley,
  branin,
  goldsteinPrice,
  hartmann6,
  levy,
  rosenbrock,
  sixHumpCamel,
  styblinskiTang,
} from '../../src/bench/functions.js';
import { Rng } from '../../src/core/rng.js';
import { contains } from '../../src/space/distributions.js';

describe('test functions', () => {
  it('branin is 0.39788735772973816 at its three minimisers', () => {
    expect(branin.evaluate([Math.PI, 2.275])).toBe(0.39788735772973816);
    expect(branin.evaluate([-Math.PI, 12.275])).toBeCloseTo(0.39788735772973816, 14);
    // 9.42478 is 3π to 6 digits
    expect(branin.evaluate([3 * Math.PI, 2.475])).toBeCloseTo(0.39788735772973816, 14);
  });

  it('hartmann6 is -3.322368011415515 at its minimiser (to 1e-12)', () => {
    expect(Math.abs(hartmann6.evaluate(hartmann6.argmin) - -3.322368011415515)).toBeLessThan(1e-12);
  });

  it('ackley, rosenbrock and styblinskiTang reach their minima at their minimisers', () => {
    expect(ackley(10).evaluate(new Array(10).fill(0))).toBeLessThan(1e-15);
    expect(rosenbrock(5).evaluate([1, 1, 1, 1, 1])).toBe(0);
    // Reference: -313.3293256301713, i.e. 8 x -39.16616570377142
    expect(styblinskiTang(8).minimum).toBeCloseTo(-313.3293256301713, 12);
    expect(styblinskiTang(8).evaluate(styblinskiTang(8).argmin)).toBeCloseTo(-313.3293256301713, 12);
  });

  it('six-hump camel and Goldstein-Price reach their minima', () => {
    expect(sixHumpCamel.evaluate([0.08984201310031806, -0.7126564030207396])).toBeCloseTo(-1.0316284534898774, 14);
    expect(sixHumpCamel.evaluate([-0.08984201310031806, 0.7126564030207396])).toBeCloseTo(-1.0316284534898774, 14);
    expect(goldsteinPrice.evaluate([0, -1])).toBe(3);
  });

  it('levy is 0 at (1, ..., 1) and matches the definition at the origin', () => {
    expect(levy(20).evaluate(new Array(20).fill(1))).toBeLessThan(1e-30);
    expect(levy(20).bounds[19]).toEqual([-10, 10]);
    // d = 2, x = 0: w = 3/4 in both; by hand from sin²(3π/4) + (w−1)²(1 + 10 sin²(3π/4 + 1)) + (w−1)²(1 + sin²(3π/2)).
    expect(levy(2).evaluate([0, 0])).toBeCloseTo(0.7158445541169746, 14);
  });

  it('match their textbook values at other points', () => {
    // Reference values by hand from the definitions.
    expect(rosenbrock(2).evaluate([0, 0])).toBe(1);
    expect(styblinskiTang(1).evaluate([0])).toBe(0);
    expect(goldsteinPrice.evaluate([0, 0])).toBe(600);
    // Ackley at (1, ..., 1): -20 exp(-0.2) - exp(1) + 20 + e = 20 - 20 exp(-0.2)
    expect(ackley(3).evaluate([1, 1, 1])).toBeCloseTo(20 - 20 * Math.exp(-0.2), 12);
  });

  it('never go below their stated minimum over 2000 random points, and the argmin lies in the space', () => {
    const rng = new Rng(123);
    for (const f of [...BENCHMARK_FUNCTIONS, sixHumpCamel, goldsteinPrice, levy(20), ackley(20), rosenbrock(20)]) {
      const u = rng.uniform(2000 * f.d);
      for (let i = 0; i < 2000; i++) {
        const x = f.bounds.map(([lo, hi], j) => lo + u[i * f.d + j] * (hi - lo));
        expect(f.evaluate(x)).toBeGreaterThanOrEqual(f.minimum - 1e-9);
      }
      f.argmin.forEach((v, j) => expect(contains(f.space[`x${j}`], v)).toBe(true));
    }
  });

  it('objective(params) reads x0..x{d-1} in order', () => {
    expect(branin.objective({ x1: 2.275, x0: Math.PI })).toBe(0.39788735772973816);
    expect(Object.keys(hartmann6.space)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('lists the five functions of the sampler benchmark', () => {
    expect(BENCHMARK_FUNCTIONS.map((f) => [f.name, f.d])).toEqual([
      ['Branin', 2],
      ['Hartmann6', 6],
      ['Ackley-10', 10],
      ['Rosenbrock-5', 5],
      ['Styblinski-Tang-8', 8],
    ]);
  });
});
