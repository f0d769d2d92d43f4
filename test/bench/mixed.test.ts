import { describe, expect, it } from 'vitest';
import { mixed } from '../../src/bench/mixed.js';
import { testFunctionByName } from '../../src/bench/registry.js';
import { runRegret } from '../../src/bench/regret.js';
import { runBenchmark } from '../../src/bench/benchmark.js';
import { shiftedFunction } from '../../src/bench/shift.js';
import { Rng } from '../../src/core/rng.js';
import { contains } from '../../src/space/distributions.js';
import { createStudy } from '../../src/study/create.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { TPESampler } from '../../src/samplers/tpe/sampler.js';
import type { Sampler } from '../../src/samplers/base.js';

// Reference values by hand from the definition (Branin's minimum 5/(4π), Styblinski–Tang's
// per-coordinate minimum −39.16616570377142 at −2.903534027771178).
const ST_ARG = -2.903534027771178;
const stOne = (x: number) => (x ** 4 - 16 * x * x + 5 * x) / 2;

describe('mixed (the categorical, conditional benchmark space)', () => {
  it('is 0 at its optimum (kind c, w = 0.01, every c_xi at the Styblinski–Tang minimiser)', () => {
    const best = mixed.objective({ kind: 'c', w: 0.01, c_x0: ST_ARG, c_x1: ST_ARG, c_x2: ST_ARG });
    expect(Math.abs(best)).toBeLessThan(1e-12);
    expect(Math.abs(mixed.evaluate(mixed.argmin))).toBeLessThan(1e-12);
    expect(mixed.minimum).toBe(0);
  });

  it('matches hand-computed values on each branch', () => {
    // Branin minimiser (π, 2.275): floor 1; w = 1: penalty (0 + 2)²/4 = 1.
    expect(mixed.objective({ kind: 'a', w: 0.01, a_x0: Math.PI, a_x1: 2.275 })).toBeCloseTo(1, 14);
    expect(mixed.objective({ kind: 'a', w: 1, a_x0: Math.PI, a_x1: 2.275 })).toBeCloseTo(2, 14);
    // Branin at (0, 0): (−6)² + 10(1 − 1/(8π)) + 10 = 55.602112642270262.
    expect(mixed.objective({ kind: 'a', w: 0.01, a_x0: 0, a_x1: 0 })).toBeCloseTo(55.60211264227026 - 0.39788735772973816 + 1, 12);
    // 0.5 + 0.1 (n − 13)² + (x − 0.5)², w = 0.001: penalty (−3 + 2)²/4 = 0.25.
    expect(mixed.objective({ kind: 'b', w: 0.01, b_n: 13, b_x: 0.5 })).toBe(0.5);
    expect(mixed.objective({ kind: 'b', w: 0.001, b_n: 10, b_x: -0.5 })).toBeCloseTo(0.25 + 0.5 + 0.9 + 1, 14);
    // One coordinate at 0, where a Styblinski–Tang term is 0: it costs (0 − its minimum)/20.
    expect(mixed.objective({ kind: 'c', w: 0.01, c_x0: 0, c_x1: ST_ARG, c_x2: ST_ARG })).toBeCloseTo((0 - stOne(ST_ARG)) / 20, 12);
    // The other basin's minimiser (root of 4x³ − 32x + 5 near 2.7468) costs more than branch b's floor.
    const x = 2.7468015287712404;
    expect(mixed.objective({ kind: 'c', w: 0.01, c_x0: x, c_x1: ST_ARG, c_x2: ST_ARG })).toBeCloseTo((stOne(x) - stOne(ST_ARG)) / 20, 12);
    expect((stOne(x) - stOne(ST_ARG)) / 20).toBeGreaterThan(0.7);
    // The flat encoding gives the same values.
    expect(mixed.evaluate([1, 0.01, 99, 99, 13, 0.5, 99, 99, 99])).toBe(0.5);
  });

  it('never goes below 0 over 3000 random points of every branch (each coordinate inside its distribution)', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 3000; i++) {
      const u = rng.uniform(mixed.d);
      const x = mixed.bounds.map(([lo, hi], j) =>
        j === 0 ? Math.floor(u[0] * 3) : j === 4 ? Math.round(lo + u[j] * (hi - lo)) : lo + u[j] * (hi - lo),
      );
      x[1] = 10 ** (-3 + 3 * u[1]); // w is log-uniform
      expect(mixed.evaluate(x)).toBeGreaterThanOrEqual(-1e-12);
      Object.values(mixed.space).forEach((dist, j) => {
        if (j > 0) expect(contains(dist, x[j])).toBe(true);
      });
    }
  });

  it('suggests only the chosen branch (conditional parameters) and refuses an unknown kind', async () => {
    const study = await createStudy({ sampler: new RandomSampler(), seed: 3, onWarning: () => {} });
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const trial = await study.ask();
      const params = mixed.suggest!(trial);
      const branch = params.kind as string;
      seen.add(branch);
      expect(Object.keys(params).sort()).toEqual(
        ['kind', 'w', ...{ a: ['a_x0', 'a_x1'], b: ['b_n', 'b_x'], c: ['c_x0', 'c_x1', 'c_x2'] }[branch]!].sort(),
      );
      expect(Number.isInteger(params.b_n ?? 0)).toBe(true);
      await study.tell(trial, mixed.objective(params));
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => mixed.objective({ kind: 'd', w: 0.01 })).toThrow(
      new RangeError("Mixed: `kind` must be one of 'a', 'b', 'c' but got 'd' (a string)."),
    );
  });

  it('is found by name and runs through runRegret, but refuses a shift', async () => {
    expect(testFunctionByName('mixed')).toBe(mixed);
    expect(testFunctionByName('Mixed')).toBe(mixed);
    const r = await runRegret({ sampler: new RandomSampler(), fn: mixed, nTrials: 20, seeds: 2, checkpoints: [20] });
    expect(r.fn).toBe('Mixed');
    for (const c of r.curves) for (let i = 1; i < c.length; i++) expect(c[i]).toBeLessThanOrEqual(c[i - 1]);
    expect(() => shiftedFunction(mixed, 1)).toThrow(
      new RangeError(
        'shiftedFunction: `shift` needs a box of floats but got Mixed (categorical or conditional parameters cannot be shifted).',
      ),
    );
    await expect(
      runBenchmark({ samplers: { random: () => new RandomSampler() }, functions: [mixed], trials: 5, seeds: 1, shift: true }),
    ).rejects.toThrow('runBenchmark: `shift` needs a box of floats but got Mixed');
  });

  it('TPE with multivariate + group models every conditional parameter in its group, with no fallback notice', async () => {
    const warnings: string[] = [];
    const tpe = new TPESampler({ multivariate: true, group: true });
    // Delegates to the TPE and records which parameters fell to sampleIndependent after the start-up trials.
    const independent: string[] = [];
    const counting: Sampler = {
      inferRelativeSearchSpace: (s) => tpe.inferRelativeSearchSpace(s),
      sampleRelative: (s, t, space) => tpe.sampleRelative(s, t, space),
      sampleIndependent: (s, t, name, d) => {
        if (t.number >= tpe.nStartupTrials) independent.push(name);
        return tpe.sampleIndependent(s, t, name, d);
      },
    };
    const study = await createStudy({ sampler: counting, seed: 5, onWarning: (m) => warnings.push(m) });
    let best = Infinity;
    for (let i = 0; i < 60; i++) {
      const trial = await study.ask();
      const v = mixed.objective(mixed.suggest!(trial));
      best = Math.min(best, v);
      await study.tell(trial, v);
    }
    expect(warnings).toEqual([]);
    expect(independent).toEqual([]);
    // The relative space is the union of the groups: every parameter of every branch.
    expect(Object.keys(tpe.inferRelativeSearchSpace(study)).sort()).toEqual([
      'a_x0',
      'a_x1',
      'b_n',
      'b_x',
      'c_x0',
      'c_x1',
      'c_x2',
      'kind',
      'w',
    ]);
    // Past branch a's floor of 1 at least (b's floor is 0.5, c's 0).
    expect(best).toBeLessThan(1);
  });
});
