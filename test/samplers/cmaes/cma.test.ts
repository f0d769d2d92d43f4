// CMA-ES update equations against python3-cmaes 0.9.1 (test/fixtures/gen_cmaes.py) on fixed
// points and values, so every term of the update (weights, paths, σ, rank-one and rank-μ
// updates with negative weights, the margin) is checked against an independent implementation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CmaState, cmaParameters, defaultPopulationSize } from '../../../src/samplers/cmaes/cma.js';
import { applyMargin, encodeDiscrete } from '../../../src/samplers/cmaes/margin.js';

interface Snapshot {
  mean: number[];
  sigma: number;
  C: number[];
  p_sigma: number[];
  pc: number[];
}
interface Generation {
  xs: number[][];
  values: number[];
  after: Snapshot;
  A?: number[];
}
interface Run {
  n: number;
  lambda: number;
  mean0: number[];
  sigma0: number;
  grids?: number[][];
  generations: Generation[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/cmaes.json', import.meta.url), 'utf8')) as { cma: Run; margin: Run };

function expectClose(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tol * Math.max(1, Math.abs(expected[i])));
}

function expectState(state: CmaState, s: Snapshot): void {
  expectClose(state.mean, s.mean, 1e-12);
  expect(state.sigma).toBeCloseTo(s.sigma, 13);
  expectClose(state.C, s.C, 1e-11);
  expectClose(state.pSigma, s.p_sigma, 1e-11);
  expectClose(state.pc, s.pc, 1e-11);
}

describe('CmaState', () => {
  it('has the default population and the tutorial’s weights', () => {
    expect([2, 5, 10, 20, 100].map(defaultPopulationSize)).toEqual([6, 8, 10, 12, 17]);
    const p = cmaParameters(10, 10);
    let positive = 0;
    for (let i = 0; i < p.mu; i++) positive += p.weights[i];
    expect(positive).toBeCloseTo(1, 14);
    for (let i = p.mu; i < 10; i++) expect(p.weights[i]).toBeLessThan(0);
  });

  it('updates mean, σ, C and the paths as python3-cmaes does, generation after generation', () => {
    const run = fixture.cma;
    const state = new CmaState(run.mean0, run.sigma0, run.lambda);
    for (const g of run.generations) {
      state.tell(g.xs, g.values);
      expectState(state, g.after);
    }
    expect(state.generation).toBe(3);
  });

  it('applies the margin (CMAwM) as python3-cmaes does', () => {
    const run = fixture.margin;
    const state = new CmaState(run.mean0, run.sigma0, run.lambda);
    const scale = new Float64Array(run.n).fill(1);
    const axes = run.grids!.map((g, index) => ({ index, grid: Float64Array.from(g) }));
    for (const g of run.generations) {
      state.tell(g.xs, g.values);
      applyMargin(state, scale, axes, 1 / (run.n * run.lambda));
      expectState(state, g.after);
      expectClose(scale, g.A!, 1e-10);
    }
  });

  it('rounds discrete coordinates to the grid value of their bin after scaling about the mean', () => {
    const state = new CmaState([0.5, 0.5], 0.1, 6);
    const axes = [{ index: 0, grid: Float64Array.of(0.25, 0.75) }];
    const scale = Float64Array.of(2, 1);
    // 0.45 is below the edge 0.5, but (0.45 − 0.5)·2 + 0.5 = 0.4 still is: first value; 0.6 → 0.7: second.
    expect(Array.from(encodeDiscrete(Float64Array.of(0.45, 0.3), state, scale, axes))).toEqual([0.25, 0.3]);
    expect(Array.from(encodeDiscrete(Float64Array.of(0.6, 0.3), state, scale, axes))).toEqual([0.75, 0.3]);
  });

  it('copies deeply: a clone updated apart leaves the original as it was', () => {
    const run = fixture.cma;
    const state = new CmaState(run.mean0, run.sigma0, run.lambda);
    state.tell(run.generations[0].xs, run.generations[0].values);
    const copy = state.clone();
    copy.tell(run.generations[1].xs, run.generations[1].values);
    expectState(state, run.generations[0].after);
    expectState(copy, run.generations[1].after);
  });

  it('stops on a flat function (tolfun), the IPOP/BIPOP restart trigger', () => {
    const state = new CmaState([0.5, 0.5], 0.1, 6);
    expect(state.shouldStop()).toBe(false);
    const xs = Array.from({ length: 6 }, (_, i) => [0.5 + 0.01 * i, 0.5]);
    for (let g = 0; g < state.p.funHistory + 1; g++) state.tell(xs, [1, 1, 1, 1, 1, 1]);
    expect(state.shouldStop()).toBe(true);
  });
});
